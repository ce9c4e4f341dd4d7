package io.vcon.storage.cli;

import io.vcon.storage.api.VconStore;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.spi.Providers;
import java.util.Map;

/**
 * The shared in-process S3Proxy (vcon-storage-test-support) with the CLI tests' credentials and bucket, made before
 * the first test.
 */
final class S3ProxyExtension extends io.vcon.storage.testsupport.S3ProxyExtension {

  static final String ACCESS_KEY = "cli-test-access-key";

  /** Recognisable: tests assert it never shows up in any output. */
  static final String SECRET_KEY = "s3cr3t-Cli-Do-Not-Leak-41d2";

  static final String BUCKET = "vcon-cli-test";

  S3ProxyExtension() {
    super(ACCESS_KEY, SECRET_KEY, BUCKET);
  }

  /**
   * An S3 store on this server's bucket under {@code s3Path}, opened as the command line opens one
   * (through the SPI, from vcon-server's option names). The caller closes it.
   */
  VconStore openStore(String s3Path) {
    return Providers.createStore(
        "s3",
        ProviderOptions.of(
            Map.of(
                "aws_bucket", BUCKET,
                "aws_region", "us-east-1",
                "endpoint_url", endpoint().toString(),
                "aws_access_key_id", ACCESS_KEY,
                "aws_secret_access_key", SECRET_KEY,
                "s3_path", s3Path)));
  }
}
