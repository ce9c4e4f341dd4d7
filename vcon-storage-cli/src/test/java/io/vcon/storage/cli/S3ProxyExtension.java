package io.vcon.storage.cli;

import java.net.URI;
import java.time.Duration;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real S3 server for tests: S3Proxy in-process on 127.0.0.1 at an ephemeral port over an in-memory blob store,
 * started once per JVM. A small copy of the s3 module's test helper (test jars are not shared between modules).
 */
final class S3ProxyExtension implements BeforeAllCallback {

  static final String ACCESS_KEY = "cli-test-access-key";
  /** Recognisable: tests assert it never shows up in any output. */
  static final String SECRET_KEY = "s3cr3t-Cli-Do-Not-Leak-41d2";

  static final String BUCKET = "vcon-cli-test";

  private Server server;

  @Override
  public void beforeAll(ExtensionContext context) {
    if (server == null) {
      server =
          context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
              .computeIfAbsent(Server.class, k -> Server.start(), Server.class);
    }
  }

  URI endpoint() {
    return server.endpoint;
  }

  /** A plain SDK client for this server, to change objects behind a store's back. Close it. */
  software.amazon.awssdk.services.s3.S3Client rawClient() {
    return software.amazon.awssdk.services.s3.S3Client.builder()
        .endpointOverride(server.endpoint)
        .region(software.amazon.awssdk.regions.Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .build();
  }

  /** The JVM-wide server; closed by JUnit when the root context closes. */
  private static final class Server implements AutoCloseable {
    private final S3Proxy proxy;
    private final BlobStoreContext blobs;
    private final URI endpoint;

    private Server(S3Proxy proxy, BlobStoreContext blobs, URI endpoint) {
      this.proxy = proxy;
      this.blobs = blobs;
      this.endpoint = endpoint;
    }

    static Server start() {
      BlobStoreContext blobs =
          ContextBuilder.newBuilder("transient-nio2")
              .credentials("identity", "credential")
              .overrides(new Properties())
              .build(BlobStoreContext.class);
      S3Proxy proxy =
          S3Proxy.builder()
              .blobStore(blobs.getBlobStore())
              .endpoint(URI.create("http://127.0.0.1:0"))
              .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
              .build();
      try {
        proxy.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"STARTED".equals(proxy.getState())) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("S3Proxy did not start within 30 s; state " + proxy.getState());
          }
          Thread.sleep(5);
        }
      } catch (Exception e) {
        blobs.close();
        throw new IllegalStateException("cannot start S3Proxy", e);
      }
      blobs.getBlobStore().createContainerInLocation(null, BUCKET);
      return new Server(proxy, blobs, URI.create("http://127.0.0.1:" + proxy.getPort()));
    }

    @Override
    public void close() {
      try {
        proxy.stop();
      } catch (Exception e) {
        throw new IllegalStateException("cannot stop S3Proxy", e);
      } finally {
        blobs.close();
      }
    }
  }
}
