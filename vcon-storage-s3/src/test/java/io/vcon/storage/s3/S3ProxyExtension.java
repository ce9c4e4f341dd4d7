package io.vcon.storage.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server for tests: S3Proxy in-process on 127.0.0.1 at an ephemeral port, over an in-memory blob
 * store, started once per JVM and stopped when the test run ends. Register it in a static field:
 *
 * <pre>{@code @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();}</pre>
 *
 * Its bucket {@link #bucket()} exists before the first test; tests use fresh ids, so they can share it.
 */
final class S3ProxyExtension implements BeforeAllCallback {

  static final String ACCESS_KEY = "test-access-key";
  /** Chosen to be recognisable: tests assert it never shows up in messages or {@code toString()}. */
  static final String SECRET_KEY = "s3cr3t-Do-Not-Leak-7f3a9c";

  private static final String BUCKET = "vcon-test";

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

  String bucket() {
    return BUCKET;
  }

  /** A configuration for this server's bucket with static credentials and {@code s3Path} (may be null). */
  S3StoreConfig.Builder config(String s3Path) {
    return S3StoreConfig.builder()
        .bucket(BUCKET)
        .s3Path(s3Path)
        .region("us-east-1")
        .endpointUrl(endpoint())
        .credentials(ACCESS_KEY, SECRET_KEY)
        .maxRetries(1)
        .apiTimeout(Duration.ofSeconds(60));
  }

  /** The raw SDK client a vcon-server deployment would amount to; the caller closes it. */
  S3Client rawClient() {
    return S3Client.builder()
        .httpClientBuilder(Apache5HttpClient.builder())
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
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
