package io.vcon.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.spi.Diagnosable;
import io.vcon.storage.spi.DiagnosticOptions;
import io.vcon.storage.spi.DiagnosticResult;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.spi.Providers;
import io.vcon.storage.tck.SampleVcons;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A service hands the store its own {@link S3Client} (credentials, interceptors, retries of its
 * choosing), or a credentials provider and override configuration for the client the store builds:
 * {@link S3VconStore#builder}.
 */
@DisplayName("S3VconStore.builder: bring your own client")
class BringYourOwnClientTest {

  @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

  /** Records {@code METHOD /path} of every request it sees, as a tracing interceptor would. */
  static final class Recorder implements ExecutionInterceptor {
    final List<String> requests = new CopyOnWriteArrayList<>();

    @Override
    public void beforeTransmission(
        Context.BeforeTransmission context, ExecutionAttributes attributes) {
      requests.add(context.httpRequest().method() + " " + context.httpRequest().encodedPath());
    }
  }

  private static S3Client userClient(Recorder recorder) {
    return S3Client.builder()
        .httpClientBuilder(Apache5HttpClient.builder())
        .endpointOverride(S3.endpoint())
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(credentials())
        .overrideConfiguration(o -> o.addExecutionInterceptor(recorder))
        .build();
  }

  private static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(S3ProxyExtension.ACCESS_KEY, S3ProxyExtension.SECRET_KEY));
  }

  /** Only what shapes requests: the client brings region, endpoint and credentials. */
  private static S3StoreConfig requestOptionsOnly(String prefix) {
    return S3StoreConfig.builder().bucket(S3.bucket()).s3Path(prefix).build();
  }

  @Test
  @DisplayName(
      "the user's interceptor sees the store's PUTs and GETs; closing the store leaves the client"
          + " usable")
  void userClientIsUsedAndNotClosed() {
    Recorder recorder = new Recorder();
    String prefix = "byo-" + UUID.randomUUID();
    Vcon vcon = SampleVcons.vcon("2024-01-15T10:00:00Z");
    try (S3Client mine = userClient(recorder)) {
      try (VconStore store = S3VconStore.builder(requestOptionsOnly(prefix)).client(mine).build()) {
        store.put(vcon);
        assertThat(store.get(vcon.id())).contains(vcon);
        assertThat(store.name())
            .as("named after where the client sends requests")
            .isEqualTo("s3://" + S3.bucket() + "/" + prefix + "/ at " + S3.endpoint());
      }
      String object = "/" + S3.bucket() + "/" + prefix + "/2024/01/15/" + vcon.id() + ".vcon";
      String pointer = "/" + S3.bucket() + "/" + prefix + "/lookup/" + vcon.id() + ".txt";
      assertThat(recorder.requests)
          .contains("PUT " + object, "PUT " + pointer, "GET " + pointer, "GET " + object);

      // Still open: the store closed only what it made.
      assertThat(mine.listObjectsV2(b -> b.bucket(S3.bucket()).prefix(prefix + "/")).keyCount())
          .isEqualTo(2);
    }
  }

  @Test
  @DisplayName(
      "a store made from options (fromOptions) works on the user's client, with their Clock")
  void fromOptionsWithUserClient() {
    Recorder recorder = new Recorder();
    String prefix = "byo-" + UUID.randomUUID();
    Clock clock = Clock.fixed(Instant.parse("2025-03-04T05:06:07Z"), ZoneOffset.UTC);
    S3StoreConfig config =
        S3StoreConfig.fromOptions(
            ProviderOptions.of(
                Map.of(
                    "aws_bucket",
                    S3.bucket(),
                    "s3_path",
                    prefix,
                    "missing_created_at",
                    "save_time")));
    Vcon undated = SampleVcons.vcon(SampleVcons.newId(), null);
    try (S3Client mine = userClient(recorder);
        VconStore store = S3VconStore.builder(config).client(mine).clock(clock).build()) {
      store.put(undated);
      assertThat(store.get(undated.id())).contains(undated);
      assertThat(recorder.requests)
          .contains("PUT /" + S3.bucket() + "/" + prefix + "/2025/03/04/" + undated.id() + ".vcon");
    }
  }

  @Test
  @DisplayName(
      "doctor on a lent client: credentials from the client, the client's region, and nothing"
          + " closed")
  void doctorOnUserClient() {
    Recorder recorder = new Recorder();
    try (S3Client mine = userClient(recorder);
        VconStore store =
            S3VconStore.builder(requestOptionsOnly("byo-doctor")).client(mine).build()) {
      List<DiagnosticResult> results = ((Diagnosable) store).diagnose(new DiagnosticOptions(true));
      assertThat(results.get(0))
          .isEqualTo(
              DiagnosticResult.ok(
                  "credentials",
                  "from the S3Client given to the store (given in code); aws_access_key_id is not"
                      + " set"));
      assertThat(results).noneMatch(r -> r.status() == DiagnosticResult.Status.FAIL);
      assertThat(results.toString()).doesNotContain(S3ProxyExtension.SECRET_KEY);
      assertThat(mine.headBucket(b -> b.bucket(S3.bucket())).sdkHttpResponse().isSuccessful())
          .isTrue();
    }
  }

  @Test
  @DisplayName(
      "the store's own client takes a credentials provider and override configuration"
          + " (interceptors)")
  void credentialsProviderAndOverridesForTheStoresClient() {
    Recorder recorder = new Recorder();
    Vcon vcon = SampleVcons.vcon("2024-01-16T10:00:00Z");
    S3StoreConfig noKeys = S3.config("byo-" + UUID.randomUUID()).credentials(null, null).build();
    try (VconStore store =
        S3VconStore.builder(noKeys)
            .credentialsProvider(credentials())
            .overrideConfiguration(o -> o.addExecutionInterceptor(recorder))
            .build()) {
      store.put(vcon);
      assertThat(store.get(vcon.id())).contains(vcon);
    }
    assertThat(recorder.requests)
        .anyMatch(r -> r.startsWith("PUT "))
        .anyMatch(r -> r.startsWith("GET "));
  }

  @Test
  @DisplayName(
      "a lent client with options that configure a client is refused, naming those options")
  void clientOptionsWithUserClientAreRefused() {
    try (S3Client mine = userClient(new Recorder())) {
      S3StoreConfig clientish = S3.config("byo").maxConnections(8).build();
      assertThatThrownBy(() -> S3VconStore.builder(clientish).client(mine).build())
          .isInstanceOf(StorageConfigurationException.class)
          .hasMessageStartingWith(
              "aws_region, endpoint_url, aws_access_key_id, aws_secret_access_key,"
                  + " max_connections, max_retries, api_timeout: set for s3://vcon-test/byo/")
          .hasMessageContaining(
              "but a client was given, and these options configure a client; set them on your"
                  + " S3Client")
          .message()
          .doesNotContain(S3ProxyExtension.SECRET_KEY)
          .doesNotContain(S3ProxyExtension.ACCESS_KEY);

      assertThatThrownBy(
              () ->
                  S3VconStore.builder(requestOptionsOnly("byo"))
                      .client(mine)
                      .credentialsProvider(credentials())
                      .build())
          .isInstanceOf(StorageConfigurationException.class)
          .hasMessageContaining(
              "together with a credentials provider, which apply only to a client the store"
                  + " builds");
    }
    assertThatThrownBy(
            () ->
                S3VconStore.builder(S3.config("byo").build())
                    .credentialsProvider(credentials())
                    .build())
        .isInstanceOf(StorageConfigurationException.class)
        .hasMessageStartingWith("aws_access_key_id: set together with a credentials provider");
  }

  @Test
  @DisplayName("fromOptions parses as the provider does, with the same errors")
  void fromOptionsMatchesTheProvider() {
    ProviderOptions bad =
        ProviderOptions.of(Map.of("aws_bucket", "b", "aws_buckt", "x"))
            .withPath("storages.s3.options");
    Throwable viaConfig = catchThrowable(() -> S3StoreConfig.fromOptions(bad));
    Throwable viaProvider = catchThrowable(() -> Providers.createStore("s3", bad));
    assertThat(viaConfig)
        .isInstanceOf(StorageConfigurationException.class)
        .hasMessageStartingWith("storages.s3.options.aws_buckt: unknown option")
        .hasMessage(viaProvider.getMessage());
  }
}
