package io.vcon.storage.s3;

import java.time.Duration;

/**
 * The shared in-process S3Proxy (vcon-storage-test-support) with this module's credentials and bucket, and a store
 * configuration for it. Register it in a static field:
 *
 * <pre>{@code @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();}</pre>
 *
 * Its bucket {@link #bucket()} exists before the first test; tests use fresh ids, so they can share it.
 */
final class S3ProxyExtension extends io.vcon.storage.testsupport.S3ProxyExtension {

  static final String ACCESS_KEY = "test-access-key";

  /** Chosen to be recognisable: tests assert it never shows up in messages or {@code toString()}. */
  static final String SECRET_KEY = "s3cr3t-Do-Not-Leak-7f3a9c";

  private static final String BUCKET = "vcon-test";

  S3ProxyExtension() {
    super(ACCESS_KEY, SECRET_KEY, BUCKET);
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
}
