package io.vcon.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vcon.storage.api.BackendException;
import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.spi.Diagnosable;
import io.vcon.storage.spi.DiagnosticOptions;
import io.vcon.storage.spi.DiagnosticResult;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.spi.Providers;
import io.vcon.storage.tck.SampleVcons;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A bucket in another region than {@code aws_region}: boto3 (so vcon-server) follows S3's redirect
 * to the bucket's region, and so does the store by default ({@code follow_region_redirects}, ADR
 * 0025). The endpoint answers as S3 does: 301 PermanentRedirect with {@code x-amz-bucket-region} to
 * a request signed for another region.
 */
@DisplayName("follow_region_redirects: a bucket in another region")
class RegionRedirectTest {

  @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

  @Test
  @DisplayName("on by default: the save is redirected once to the bucket's region and succeeds")
  void followsTheRedirect() {
    try (CannedS3Server frankfurt = CannedS3Server.bucketInRegion("eu-central-1");
        VconStore store =
            S3VconStore.create(
                S3.config(null)
                    .endpointUrl(frankfurt.endpoint())
                    .region("us-east-1")
                    .maxRetries(0)
                    .build())) {
      store.put(SampleVcons.vcon("2024-01-15T10:00:00Z"));

      assertThat(frankfurt.requests())
          .as(
              "object PUT redirected and sent again, then the pointer PUT straight to"
                  + " eu-central-1")
          .isEqualTo(3);
    }
  }

  @Test
  @DisplayName("follow_region_redirects: false: the save fails and names the region to set")
  void offFailsWithTheRegion() {
    try (CannedS3Server frankfurt = CannedS3Server.bucketInRegion("eu-central-1");
        VconStore store =
            Providers.createStore(
                "storage.s3",
                ProviderOptions.of(
                    Map.of(
                        "aws_bucket",
                        S3.bucket(),
                        "aws_region",
                        "us-east-1",
                        "endpoint_url",
                        frankfurt.endpoint().toString(),
                        "aws_access_key_id",
                        S3ProxyExtension.ACCESS_KEY,
                        "aws_secret_access_key",
                        S3ProxyExtension.SECRET_KEY,
                        "max_retries",
                        "0",
                        "follow_region_redirects",
                        "false")))) {
      BackendException e =
          catchThrowableOfType(
              BackendException.class, () -> store.put(SampleVcons.vcon("2024-01-15T10:00:00Z")));

      assertThat(e)
          .hasMessageContaining(
              "is in region eu-central-1, not us-east-1; set aws_region: eu-central-1");
      assertThat(frankfurt.requests()).isEqualTo(1);
    }
  }

  @Test
  @DisplayName(
      "doctor still warns about the mismatch (each redirect costs a round trip) and names the fix")
  void doctorWarns() {
    try (CannedS3Server frankfurt = CannedS3Server.bucketInRegion("eu-central-1");
        VconStore store =
            S3VconStore.create(
                S3.config(null)
                    .endpointUrl(frankfurt.endpoint())
                    .region("us-east-1")
                    .maxRetries(0)
                    .build())) {
      DiagnosticResult region =
          ((Diagnosable) store)
              .diagnose(new DiagnosticOptions(false)).stream()
                  .filter(r -> r.check().equals("region"))
                  .findFirst()
                  .orElseThrow();

      assertThat(region.status()).isEqualTo(DiagnosticResult.Status.WARN);
      assertThat(region.message()).contains("eu-central-1").contains("us-east-1");
      assertThat(region.advice()).isEqualTo("set aws_region: eu-central-1");
    }
  }

  @Test
  @DisplayName("the option is a boolean, on unless set false; a bad value is named")
  void option() {
    Map<String, Object> base = Map.of("aws_bucket", "b");
    assertThat(S3StoreConfig.fromOptions(ProviderOptions.of(base)).followRegionRedirects())
        .isTrue();
    S3StoreConfig off =
        S3StoreConfig.fromOptions(
            ProviderOptions.of(Map.of("aws_bucket", "b", "follow_region_redirects", "false")));
    assertThat(off.followRegionRedirects()).isFalse();
    assertThat(off.toString()).contains("follow_region_redirects=false");
    StorageConfigurationException bad =
        catchThrowableOfType(
            StorageConfigurationException.class,
            () ->
                S3StoreConfig.fromOptions(
                    ProviderOptions.of(
                        Map.of("aws_bucket", "b", "follow_region_redirects", "sometimes"))));
    assertThat(bad).hasMessageContaining("options.follow_region_redirects: must be true or false");
  }
}
