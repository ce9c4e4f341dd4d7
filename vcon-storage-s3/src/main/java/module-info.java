/**
 * S3 VconStore, provider id {@code s3} (alias {@code storage.s3}), compatible with vcon-server's storage.s3.
 * Named after its package ({@code io.vcon.storage.s3}), hence the terminal digit javac warns about.
 */
@SuppressWarnings("module")
module io.vcon.storage.s3 {
  requires transitive io.vcon.storage.api;
  requires software.amazon.awssdk.services.s3;
  requires software.amazon.awssdk.core;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.auth;
  requires software.amazon.awssdk.identity.spi;
  requires software.amazon.awssdk.regions;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.http.apache5;
  requires software.amazon.awssdk.retries.api;

  exports io.vcon.storage.s3;

  provides io.vcon.storage.spi.VconStoreProvider with
      io.vcon.storage.s3.S3VconStoreProvider;
}
