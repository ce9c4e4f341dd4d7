package io.vcon.storage.testsupport;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * A real S3 server for tests: S3Proxy in-process on 127.0.0.1 at a port the OS picks, over an in-memory blob store
 * (DESIGN.md §6), accepting one static access key and secret (AWS V2 or V4 signatures). {@link #shared} starts one
 * per JVM and credentials on first use; it stops when the JVM ends. Buckets are made on demand with
 * {@link #createBucket}; tests share them and keep apart by key prefix or fresh ids.
 */
public final class S3ProxyServer {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Map<List<String>, S3ProxyServer> SHARED = new HashMap<>();

  private final S3Proxy proxy;
  private final BlobStoreContext blobs;
  private final URI endpoint;
  private final String accessKey;
  private final String secretKey;

  private S3ProxyServer(S3Proxy proxy, BlobStoreContext blobs, String accessKey, String secretKey) {
    this.proxy = proxy;
    this.blobs = blobs;
    this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  /** The JVM's server for these credentials, started on the first call; stopped when the JVM ends. */
  public static synchronized S3ProxyServer shared(String accessKey, String secretKey) {
    return shared(accessKey, secretKey, false);
  }

  /**
   * A server for temporary credentials (an STS or container endpoint's keys). S3Proxy 3.3.0 answers
   * 501 NotImplemented to the {@code x-amz-security-token} header they come with, so this one
   * ignores headers it does not know; the access key and the signature are still checked.
   */
  public static synchronized S3ProxyServer sharedForTemporaryCredentials(
      String accessKey, String secretKey) {
    return shared(accessKey, secretKey, true);
  }

  private static S3ProxyServer shared(
      String accessKey, String secretKey, boolean ignoreUnknownHeaders) {
    return SHARED.computeIfAbsent(
        List.of(accessKey, secretKey, String.valueOf(ignoreUnknownHeaders)),
        k -> {
          S3ProxyServer server = start(accessKey, secretKey, ignoreUnknownHeaders);
          Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "s3proxy-stop"));
          return server;
        });
  }

  /**
   * A server of the caller's own, not shared: for a test that stops it (a store's health going DOWN). The
   * caller calls {@link #stop()}.
   */
  public static S3ProxyServer startUnshared(String accessKey, String secretKey) {
    return start(accessKey, secretKey, false);
  }

  private static S3ProxyServer start(
      String accessKey, String secretKey, boolean ignoreUnknownHeaders) {
    BlobStoreContext blobs =
        ContextBuilder.newBuilder("transient-nio2")
            .credentials("identity", "credential")
            .overrides(new Properties())
            .build(BlobStoreContext.class);
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(blobs.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
            .ignoreUnknownHeaders(ignoreUnknownHeaders)
            .build();
    try {
      proxy.start();
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      while (!"STARTED".equals(proxy.getState())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "S3Proxy did not start within 30 s; state " + proxy.getState());
        }
        Thread.sleep(5);
      }
    } catch (Exception e) {
      blobs.close();
      throw new IllegalStateException("cannot start S3Proxy", e);
    }
    return new S3ProxyServer(proxy, blobs, accessKey, secretKey);
  }

  /** Creates {@code bucket} unless it exists (at least 3 characters, as the SDK checks); returns its name. */
  public String createBucket(String bucket) {
    blobs.getBlobStore().createContainerInLocation(null, bucket);
    return bucket;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    return endpoint;
  }

  public int port() {
    return endpoint.getPort();
  }

  public String accessKey() {
    return accessKey;
  }

  public String secretKey() {
    return secretKey;
  }

  /**
   * A plain SDK client straight to this server (path style, us-east-1, this server's credentials, the Apache 5
   * HTTP client), to arrange or inspect objects behind a store's back; the caller closes it.
   */
  public S3Client rawClient() {
    return S3Client.builder()
        .httpClientBuilder(Apache5HttpClient.builder())
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .build();
  }

  /** Stops the server; its port then refuses connections. */
  public void stop() {
    try {
      proxy.stop();
    } catch (Exception e) {
      // the JVM is ending
    } finally {
      blobs.close();
    }
  }
}
