package io.vcon.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vcon.storage.api.BackendException;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.tck.SampleVcons;
import java.net.URI;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;

/** Object Lock for real, on a MinIO bucket created with it; skipped (not failed) where Docker is missing. */
@Testcontainers(disabledWithoutDocker = true)
@DisplayName("S3 Object Lock against MinIO (Testcontainers)")
class MinioObjectLockTest {

  private static final String BUCKET = "vcon-locked";

  @Container
  static final MinIOContainer MINIO =
      new MinIOContainer("minio/minio:RELEASE.2023-09-04T19-57-37Z");

  private static S3Client raw() {
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

  @Test
  @DisplayName(
      "a saved vCon and its pointer are retained and held; delete is refused with the date")
  void retainedAndHeld() {
    Vcon vcon = SampleVcons.vcon("2024-01-15T10:00:00Z");
    try (S3Client raw = raw()) {
      raw.createBucket(b -> b.bucket(BUCKET).objectLockEnabledForBucket(true));
      S3StoreConfig config =
          S3StoreConfig.builder()
              .bucket(BUCKET)
              .region("us-east-1")
              .endpointUrl(URI.create(MINIO.getS3URL()))
              .credentials(MINIO.getUserName(), MINIO.getPassword())
              .objectLockMode(S3StoreConfig.ObjectLockMode.GOVERNANCE)
              .objectLockRetainDays(1)
              .legalHold(true)
              .build();
      try (VconStore store = S3VconStore.create(config)) {
        store.put(vcon);
        for (String key :
            new String[] {"2024/01/15/" + vcon.id() + ".vcon", "lookup/" + vcon.id() + ".txt"}) {
          HeadObjectResponse head = raw.headObject(b -> b.bucket(BUCKET).key(key));
          assertThat(head.objectLockModeAsString()).isEqualTo("GOVERNANCE");
          assertThat(head.objectLockRetainUntilDate()).isNotNull();
          assertThat(head.objectLockLegalHoldStatus()).isEqualTo(ObjectLockLegalHoldStatus.ON);
        }
        BackendException e =
            catchThrowableOfType(BackendException.class, () -> store.delete(vcon.id()));
        assertThat(e.getMessage()).contains("retained until").contains("legal hold");
        assertThat(store.get(vcon.id())).as("still findable").isPresent();
      }
    }
  }
}
