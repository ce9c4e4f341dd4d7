package io.vcon.storage.s3;

import io.vcon.storage.api.VconStore;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.tck.BackendAccess;
import io.vcon.storage.tck.VconStoreContract;
import java.net.URI;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The whole TCK against MinIO, where Docker exists; skipped (not failed) where it does not. */
@Testcontainers(disabledWithoutDocker = true)
@DisplayName("S3 store against MinIO (Testcontainers)")
class MinioVconStoreContractTest extends VconStoreContract {

  private static final String BUCKET = "vcon-minio";

  @Container
  static final MinIOContainer MINIO =
      new MinIOContainer("minio/minio:RELEASE.2023-09-04T19-57-37Z");

  static S3Client rawClient() {
    return S3Client.builder()
        .httpClientBuilder(Apache5HttpClient.builder())
        .endpointOverride(URI.create(MINIO.getS3URL()))
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(MINIO.getUserName(), MINIO.getPassword())))
        .build();
  }

  @BeforeAll
  static void createBucket() {
    try (S3Client raw = rawClient()) {
      raw.createBucket(b -> b.bucket(BUCKET));
    }
  }

  @Override
  protected BackendAccess backendAccess(VconStore store) {
    return new S3BackendAccess(rawClient(), BUCKET);
  }

  static S3StoreConfig.Builder config(String s3Path) {
    return S3StoreConfig.builder()
        .bucket(BUCKET)
        .s3Path(s3Path)
        .region("us-east-1")
        .endpointUrl(URI.create(MINIO.getS3URL()))
        .credentials(MINIO.getUserName(), MINIO.getPassword());
  }

  @Override
  protected VconStore newStore(Clock clock) {
    return S3VconStore.create(config(null).build(), clock);
  }

  @Nested
  @DisplayName("with s3_path 'vcons/' and checksum_mode when_required")
  class WithPrefix extends VconStoreContract {
    @Override
    protected VconStore newStore(Clock clock) {
      return S3VconStore.create(
          config("vcons/").checksumMode(S3StoreConfig.ChecksumMode.WHEN_REQUIRED).build(), clock);
    }

    @Override
    protected BackendAccess backendAccess(VconStore store) {
      return new S3BackendAccess(rawClient(), BUCKET);
    }

    @Override
    protected KeyStrategy expectedLayout() {
      return KeyStrategy.vconServer("vcons");
    }
  }
}
