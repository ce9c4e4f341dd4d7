package io.vcon.storage.testsupport;

import java.net.URI;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The JVM's {@link S3ProxyServer} for a test class, with its bucket made before the first test. Register it in a
 * static field:
 *
 * <pre>{@code @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension("ak", "secret", "bucket");}</pre>
 *
 * A module whose tests need their own constants (a recognisable secret that must never leak, a bucket name) or a
 * store configuration subclasses it.
 */
public class S3ProxyExtension implements BeforeAllCallback {

  private final String accessKey;
  private final String secretKey;
  private final String bucket;
  private S3ProxyServer server;

  public S3ProxyExtension(String accessKey, String secretKey, String bucket) {
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.bucket = bucket;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server();
  }

  /** The server, started (and the bucket made) on first use. */
  public final synchronized S3ProxyServer server() {
    if (server == null) {
      S3ProxyServer shared = S3ProxyServer.shared(accessKey, secretKey);
      shared.createBucket(bucket);
      server = shared;
    }
    return server;
  }

  public final URI endpoint() {
    return server().endpoint();
  }

  /** The bucket made for this extension's tests. */
  public final String bucket() {
    return bucket;
  }

  /** A plain SDK client for the server; the caller closes it. See {@link S3ProxyServer#rawClient()}. */
  public final S3Client rawClient() {
    return server().rawClient();
  }
}
