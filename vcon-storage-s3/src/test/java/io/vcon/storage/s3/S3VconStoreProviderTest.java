package io.vcon.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vcon.storage.api.Capability;
import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.spi.Providers;
import io.vcon.storage.tck.SampleVcons;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("provider s3 / storage.s3 and its options")
class S3VconStoreProviderTest {

  @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

  private static final String SESSION_TOKEN = "t0ken-Do-Not-Leak-31b2";

  private static Map<String, Object> options() {
    Map<String, Object> m = new HashMap<>();
    m.put("aws_access_key_id", S3ProxyExtension.ACCESS_KEY);
    m.put("aws_secret_access_key", S3ProxyExtension.SECRET_KEY);
    m.put("aws_bucket", S3.bucket());
    m.put("aws_region", "us-east-1");
    m.put("endpoint_url", S3.endpoint().toString());
    m.put("s3_path", "provider/");
    return m;
  }

  private static Map<String, Object> with(String name, Object value) {
    Map<String, Object> m = options();
    if (value == null) {
      m.remove(name);
    } else {
      m.put(name, value);
    }
    return m;
  }

  private static StorageConfigurationException configError(Map<String, Object> options) {
    try {
      Providers.createStore("storage.s3", ProviderOptions.of(options)).close();
    } catch (StorageConfigurationException e) {
      assertThat(e.getMessage())
          .doesNotContain(S3ProxyExtension.SECRET_KEY)
          .doesNotContain(SESSION_TOKEN);
      return e;
    }
    throw new AssertionError("expected a configuration error for " + ProviderOptions.of(options));
  }

  @Test
  @DisplayName("the vcon-server module name storage.s3 and the id s3 create working stores")
  void createsWorkingStoreByAliasAndId() {
    Vcon v = SampleVcons.vcon("2024-01-15T10:00:00Z");
    try (VconStore byAlias = Providers.createStore("storage.s3", ProviderOptions.of(options()));
        VconStore byId = Providers.createStore("s3", ProviderOptions.of(options()))) {
      byAlias.put(v);
      assertThat(byId.get(v.id()))
          .hasValueSatisfying(read -> assertThat(read.bytes()).isEqualTo(v.bytes()));
      assertThat(byId.name())
          .contains("s3://" + S3.bucket() + "/provider/")
          .doesNotContain(S3ProxyExtension.SECRET_KEY);
      assertThat(byId.capabilities())
          .containsExactlyInAnyOrder(
              Capability.LIST_BY_DATE,
              Capability.CONDITIONAL_WRITE,
              Capability.BATCH_DELETE,
              Capability.RAW_OBJECTS,
              Capability.CONTENT_HASH);
    }
    assertThat(Providers.storeProvider("storage.s3")).isInstanceOf(S3VconStoreProvider.class);
  }

  @Test
  @DisplayName("a missing aws_bucket is named by its option path")
  void bucketIsRequired() {
    assertThat(configError(with("aws_bucket", null)))
        .hasMessageContaining("options.aws_bucket: required");
    assertThatThrownBy(
            () ->
                Providers.createStore(
                    "s3",
                    ProviderOptions.of(with("aws_bucket", null)).withPath("storages.s3.options")))
        .isInstanceOf(StorageConfigurationException.class)
        .hasMessageContaining("storages.s3.options.aws_bucket: required");
  }

  @Test
  @DisplayName("one credential key without the other is an error naming the missing one")
  void keysComeInPairs() {
    assertThat(configError(with("aws_secret_access_key", null)))
        .hasMessageContaining(
            "options.aws_secret_access_key: required when aws_access_key_id is set");
    assertThat(configError(with("aws_access_key_id", null)))
        .hasMessageContaining(
            "options.aws_access_key_id: required when aws_secret_access_key is set");
    Map<String, Object> tokenOnly = with("aws_access_key_id", null);
    tokenOnly.remove("aws_secret_access_key");
    tokenOnly.put("aws_session_token", SESSION_TOKEN);
    assertThat(configError(tokenOnly))
        .hasMessageContaining("options.aws_session_token: needs aws_access_key_id");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "aws_buckt, x, 'options.aws_buckt: unknown option; known options are [api_attempt_timeout,"
        + " api_timeout,'",
    "checksum_mode, sometimes, 'options.checksum_mode: must be when_supported or when_required'",
    "server_side_encryption, rot13, 'options.server_side_encryption: must be AES256 or aws:kms'",
    "sse_kms_key_id, alias/k, 'options.sse_kms_key_id: needs server_side_encryption: aws:kms'",
    "storage_class, COLDEST, 'options.storage_class: unknown storage class ''COLDEST''; known: ['",
    "endpoint_url, ftp://host/x, 'options.endpoint_url: must be an http:// or https:// URL'",
    "max_connections, 0, 'options.max_connections: must be between 1 and 10000'",
    "max_retries, many, 'options.max_retries: must be a whole number'",
    "api_timeout, soon, 'options.api_timeout: must be a duration'",
    "connect_timeout, 0s, 'options.connect_timeout: must be positive'",
    "api_attempt_timeout, 0s, 'options.api_attempt_timeout: must be positive'",
    "content_hash, sha1, 'options.content_hash: must be record, require or off'",
    "force_path_style, maybe, 'options.force_path_style: must be true or false'",
    "missing_created_at, guess, 'options.missing_created_at: must be save_time or reject'",
  })
  @DisplayName("a bad option value is named with the fix")
  void badValuesAreNamed(String option, String value, String message) {
    assertThat(configError(with(option, value))).hasMessageContaining(message);
  }

  @Test
  @DisplayName("api_attempt_timeout must leave room for a retry inside api_timeout")
  void attemptTimeoutShorterThanCallTimeout() {
    Map<String, Object> m = with("api_timeout", "2s");
    m.put("api_attempt_timeout", "2s");
    assertThat(configError(m))
        .hasMessageContaining("api_attempt_timeout: must be shorter than api_timeout");
    m.put("api_attempt_timeout", "500ms");
    assertThat(S3VconStoreProvider.config(ProviderOptions.of(m)).apiAttemptTimeout())
        .contains(Duration.ofMillis(500));
  }

  @Test
  @DisplayName("no keys means the default credentials chain; the config says so")
  void noKeysUseDefaultChain() {
    Map<String, Object> m = with("aws_access_key_id", null);
    m.remove("aws_secret_access_key");
    S3StoreConfig config = S3VconStoreProvider.config(ProviderOptions.of(m));
    assertThat(config.accessKeyId()).isEmpty();
    assertThat(config.toString()).contains("credentials=default chain");
  }

  @Test
  @DisplayName("options are read into the config with their documented defaults")
  void optionsAndDefaults() {
    S3StoreConfig defaults = S3VconStoreProvider.config(ProviderOptions.of(options()));
    assertThat(defaults.forcePathStyle()).as("path style by default with an endpoint").isTrue();
    assertThat(defaults.chunkedEncoding()).isFalse();
    assertThat(defaults.checksumMode()).isEqualTo(S3StoreConfig.ChecksumMode.WHEN_SUPPORTED);
    assertThat(defaults.serverSideEncryption()).isEmpty();

    Map<String, Object> m = options();
    m.put("force_path_style", "false");
    m.put("chunked_encoding", "true");
    m.put("checksum_mode", "when_required");
    m.put("server_side_encryption", "aws:kms");
    m.put("sse_kms_key_id", "alias/vcons");
    m.put("max_connections", "64");
    m.put("max_retries", "2");
    m.put("connect_timeout", "2s");
    m.put("api_timeout", "500ms");
    m.put("storage_class", "STANDARD_IA");
    m.put("expected_bucket_owner", "111122223333");
    m.put("aws_session_token", SESSION_TOKEN);
    S3StoreConfig c = S3VconStoreProvider.config(ProviderOptions.of(m));
    assertThat(c.forcePathStyle()).isFalse();
    assertThat(c.chunkedEncoding()).isTrue();
    assertThat(c.checksumMode()).isEqualTo(S3StoreConfig.ChecksumMode.WHEN_REQUIRED);
    assertThat(c.serverSideEncryption()).contains(S3StoreConfig.ServerSideEncryption.AWS_KMS);
    assertThat(c.sseKmsKeyId()).contains("alias/vcons");
    assertThat(c.maxConnections()).contains(64);
    assertThat(c.maxRetries()).contains(2);
    assertThat(c.connectTimeout()).contains(Duration.ofSeconds(2));
    assertThat(c.apiTimeout()).contains(Duration.ofMillis(500));
    assertThat(c.storageClass()).contains("STANDARD_IA");
    assertThat(c.expectedBucketOwner()).contains("111122223333");
    assertThat(c.sessionToken()).contains(SESSION_TOKEN);
    assertThat(c.toBuilder().build().toString()).isEqualTo(c.toString());

    S3StoreConfig aws = S3StoreConfig.builder().bucket("b").region("eu-west-1").build();
    assertThat(aws.forcePathStyle()).as("virtual-hosted style against AWS").isFalse();
    assertThat(S3VconStore.region(aws).id()).isEqualTo("eu-west-1");
  }

  @Test
  @DisplayName("toString of options and config never shows the secret key, the token or the key id")
  void secretsAreMasked() {
    Map<String, Object> m = options();
    m.put("aws_session_token", SESSION_TOKEN);
    m.put("endpoint_url", "http://user:pa55word@127.0.0.1:" + S3.endpoint().getPort());
    ProviderOptions options = ProviderOptions.of(m);
    S3StoreConfig config = S3VconStoreProvider.config(options);
    for (String text : new String[] {options.toString(), config.toString(), config.describe()}) {
      assertThat(text)
          .doesNotContain(S3ProxyExtension.SECRET_KEY)
          .doesNotContain(SESSION_TOKEN)
          .doesNotContain(S3ProxyExtension.ACCESS_KEY)
          .doesNotContain("pa55word");
    }
    assertThat(config.toString())
        .contains("bucket=" + S3.bucket())
        .contains("credentials=static ****");
  }

  @Test
  @DisplayName("the config builder checks the same rules without the provider")
  void builderValidates() {
    assertThatThrownBy(() -> S3StoreConfig.builder().build()).hasMessage("aws_bucket: required");
    assertThatThrownBy(() -> S3StoreConfig.builder().bucket("b").credentials("id", null).build())
        .isInstanceOf(StorageConfigurationException.class)
        .hasMessageStartingWith("aws_secret_access_key: required when aws_access_key_id is set");
    assertThatThrownBy(
            () ->
                S3StoreConfig.builder()
                    .bucket("b")
                    .endpointUrl(URI.create("localhost:9000"))
                    .build())
        .hasMessageStartingWith("endpoint_url: must be an http:// or https:// URL");
  }
}
