package io.vcon.storage.reliability;

import io.vcon.storage.s3.S3StoreConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One S3Proxy per test JVM, in-process on 127.0.0.1 over an in-memory blob store (DESIGN §6), started on first
 * use. Tests share its bucket and keep apart by prefix ({@code s3_path}).
 */
final class S3Server {

  static final String ACCESS_KEY = "AKIARELIABILITYTEST1";
  /** Recognisable, so the secrets tests can look for it everywhere. */
  static final String SECRET_KEY = "rel-s3cr3t-Do-Not-Leak-93b1e7";
  static final String BUCKET = "vcon-reliability";

  private static S3Server shared;

  private final S3Proxy proxy;
  private final BlobStoreContext blobs;
  private final int port;

  private S3Server(S3Proxy proxy, BlobStoreContext blobs) {
    this.proxy = proxy;
    this.blobs = blobs;
    this.port = proxy.getPort();
  }

  static synchronized S3Server shared() {
    if (shared == null) {
      shared = start();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
    }
    return shared;
  }

  private static S3Server start() {
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
    return new S3Server(proxy, blobs);
  }

  int port() {
    return port;
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** A store configuration for this server (or a proxy in front of it at {@code port}), under {@code prefix}. */
  S3StoreConfig.Builder config(int port, String prefix) {
    return S3StoreConfig.builder()
        .bucket(BUCKET)
        .s3Path(prefix)
        .region("us-east-1")
        .endpointUrl(URI.create("http://127.0.0.1:" + port))
        .credentials(ACCESS_KEY, SECRET_KEY);
  }

  /** A plain SDK client straight to the server, for checking what is really stored; the caller closes it. */
  S3Client rawClient() {
    return S3Client.builder()
        .httpClientBuilder(Apache5HttpClient.builder())
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .build();
  }

  private void stop() {
    try {
      proxy.stop();
    } catch (Exception e) {
      // the JVM is ending
    } finally {
      blobs.close();
    }
  }
}
