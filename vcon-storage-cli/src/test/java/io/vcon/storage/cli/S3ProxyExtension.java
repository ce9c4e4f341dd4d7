package io.vcon.storage.cli;

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
}
