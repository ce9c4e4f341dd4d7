package io.vcon.storage.reliability;

import io.vcon.storage.s3.S3StoreConfig;
import io.vcon.storage.testsupport.S3ProxyServer;
import java.net.URI;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The test JVM's S3Proxy (vcon-storage-test-support, DESIGN §6) with this module's credentials and bucket, started
 * on first use. Tests share its bucket and keep apart by prefix ({@code s3_path}).
 */
final class S3Server {

  static final String ACCESS_KEY = "AKIARELIABILITYTEST1";

  /** Recognisable, so the secrets tests can look for it everywhere. */
  static final String SECRET_KEY = "rel-s3cr3t-Do-Not-Leak-93b1e7";

  static final String BUCKET = "vcon-reliability";

  private static S3Server shared;

  private final S3ProxyServer server;

  private S3Server(S3ProxyServer server) {
    this.server = server;
  }

  static synchronized S3Server shared() {
    if (shared == null) {
      S3ProxyServer server = S3ProxyServer.shared(ACCESS_KEY, SECRET_KEY);
      server.createBucket(BUCKET);
      shared = new S3Server(server);
    }
    return shared;
  }

  int port() {
    return server.port();
  }

  URI endpoint() {
    return server.endpoint();
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
    return server.rawClient();
  }
}
