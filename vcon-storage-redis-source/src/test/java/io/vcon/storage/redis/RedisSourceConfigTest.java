package io.vcon.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vcon.storage.api.IdPolicy;
import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.VconSource;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.spi.Providers;
import io.vcon.storage.spi.VconSourceProvider;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("RedisSourceConfig and the redis provider")
class RedisSourceConfigTest {

  @Nested
  @DisplayName("URL forms")
  class Urls {

    @Test
    @DisplayName("host alone gets port 6379, database 0, no credentials")
    void hostOnly() {
      RedisSourceConfig c = RedisSourceConfig.builder().url("redis://cache").build();
      assertThat(c.host()).isEqualTo("cache");
      assertThat(c.port()).isEqualTo(6379);
      assertThat(c.database()).isZero();
      assertThat(c.tls()).isFalse();
      assertThat(c.user()).isNull();
      assertThat(c.password()).isNull();
      assertThat(c.displayUrl()).isEqualTo("redis://cache:6379/0");
    }

    @Test
    @DisplayName(
        ":password@, user:password@ (percent-encoded), user@ alone, rediss and a database number")
    void credentialsAndDatabase() {
      RedisSourceConfig pw =
          RedisSourceConfig.builder().url("redis://:p%40ss+w@cache:6380/2").build();
      assertThat(pw.user()).isNull();
      assertThat(pw.password()).isEqualTo("p@ss+w");
      assertThat(pw.port()).isEqualTo(6380);
      assertThat(pw.database()).isEqualTo(2);

      RedisSourceConfig acl =
          RedisSourceConfig.builder().url("rediss://app:secret@redis.example.com/5").build();
      assertThat(acl.user()).isEqualTo("app");
      assertThat(acl.password()).isEqualTo("secret");
      assertThat(acl.tls()).isTrue();
      assertThat(acl.displayUrl()).isEqualTo("rediss://redis.example.com:6379/5");

      RedisSourceConfig userOnly = RedisSourceConfig.builder().url("redis://app@cache").build();
      assertThat(userOnly.user()).isEqualTo("app");
      assertThat(userOnly.password()).isNull();

      assertThat(RedisSourceConfig.builder().url("redis://[::1]:7000").build().displayUrl())
          .isEqualTo("redis://[::1]:7000/0");
    }

    @Test
    @DisplayName("bad URLs are configuration errors that mask the password")
    void badUrls() {
      assertThatThrownBy(() -> RedisSourceConfig.builder().url("http://:hunter2@cache").build())
          .isInstanceOf(StorageConfigurationException.class)
          .hasMessage("url: scheme must be redis:// or rediss:// (TLS), was http://***@cache");
      assertThatThrownBy(() -> RedisSourceConfig.builder().url("redis://:hunter2@cache/x").build())
          .isInstanceOf(StorageConfigurationException.class)
          .hasMessage(
              "url: the path must be a database number such as /0, was '/x' in"
                  + " redis://***@cache/x");
      assertThatThrownBy(() -> RedisSourceConfig.builder().url("redis://:hunter2@ca che").build())
          .isInstanceOf(StorageConfigurationException.class)
          .hasMessageStartingWith("url: not a valid URL: redis://***@ca che")
          .hasMessageNotContaining("hunter2");
      assertThatThrownBy(() -> RedisSourceConfig.builder().build())
          .isInstanceOf(StorageConfigurationException.class)
          .hasMessage("url: required, e.g. redis://localhost:6379");
      assertThatThrownBy(() -> RedisSourceConfig.builder().url("redis:///0").build())
          .isInstanceOf(StorageConfigurationException.class)
          .hasMessage("url: has no host: redis:///0");
      assertThatThrownBy(
              () -> RedisSourceConfig.builder().url("redis://cache/1").cluster(true).build())
          .isInstanceOf(StorageConfigurationException.class)
          .hasMessage(
              "url: Redis Cluster has only database 0, but the URL selects database 1:"
                  + " redis://cache/1");
    }
  }

  @Test
  @DisplayName("toBuilder round-trips and toString masks the password")
  void toBuilderAndToString() {
    RedisSourceConfig c =
        RedisSourceConfig.builder()
            .url("redis://app:hunter2@cache:6380/1")
            .keyPrefix("v:")
            .sortedSet("idx")
            .poolSize(3)
            .timeout(Duration.ofMillis(750))
            .maxRetries(4)
            .retryBackoff(Duration.ofMillis(5))
            .maxDocumentBytes(1000)
            .idPolicy(IdPolicy.TOKEN)
            .build();
    RedisSourceConfig copy = c.toBuilder().build();
    assertThat(copy.toString()).isEqualTo(c.toString());
    assertThat(copy.password()).isEqualTo("hunter2");
    assertThat(c.toString())
        .doesNotContain("hunter2")
        .isEqualTo(
            "RedisSourceConfig[url=redis://cache:6380/1, user=app, password=****, key_prefix=v:,"
                + " sorted_set=idx, pool_size=3, timeout=PT0.75S, cluster=false, max_retries=4,"
                + " retry_backoff=PT0.005S, max_document_bytes=1000, id_policy=token]");
    assertThat(c.redact("WRONGPASS hunter2 x")).isEqualTo("WRONGPASS **** x");
    assertThat(RedisSourceConfig.builder().url("redis://:hunter2@x").toString())
        .doesNotContain("hunter2");
  }

  @Nested
  @DisplayName("the provider")
  class Provider {

    @Test
    @DisplayName("is found by id 'redis' through ServiceLoader and Providers")
    void discovered() {
      assertThat(
              ServiceLoader.load(VconSourceProvider.class).stream()
                  .map(ServiceLoader.Provider::type))
          .contains(RedisVconSourceProvider.class);
      assertThat(Providers.sourceProvider("redis")).isInstanceOf(RedisVconSourceProvider.class);
    }

    @Test
    @DisplayName("maps every option, with defaults, and creates a source named without credentials")
    void options() {
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("url", "redis://:hunter2@127.0.0.1:1/4");
      values.put("key_prefix", "");
      values.put("sorted_set", "idx");
      values.put("pool_size", 2);
      values.put("timeout", "500ms");
      values.put("max_retries", 0);
      values.put("retry_backoff", "1ms");
      values.put("max_document_bytes", 4096);
      values.put("id_policy", "token");
      ProviderOptions options = ProviderOptions.of(values).withPath("sources.redis.options");
      RedisSourceConfig c = RedisVconSourceProvider.config(options);
      assertThat(c.keyPrefix()).isEmpty();
      assertThat(c.sortedSet()).isEqualTo("idx");
      assertThat(c.poolSize()).isEqualTo(2);
      assertThat(c.timeout()).isEqualTo(Duration.ofMillis(500));
      assertThat(c.maxRetries()).isZero();
      assertThat(c.maxDocumentBytes()).isEqualTo(4096);
      assertThat(c.idPolicy()).isEqualTo(IdPolicy.TOKEN);
      assertThat(options.toString()).doesNotContain("hunter2");

      RedisSourceConfig defaults =
          RedisVconSourceProvider.config(ProviderOptions.of(Map.of("url", "redis://cache")));
      assertThat(defaults.keyPrefix()).isEqualTo("vcon:");
      assertThat(defaults.sortedSet()).isEqualTo("vcons");
      assertThat(defaults.maxRetries()).isEqualTo(2);
      assertThat(defaults.cluster()).isFalse();

      try (VconSource source = Providers.createSource("redis", options)) {
        assertThat(source.name()).isEqualTo("redis://127.0.0.1:1/4");
      }
    }

    @Test
    @DisplayName("names the bad option by its full path")
    void badOptions() {
      assertThatThrownBy(() -> create(Map.of("url", "redis://cache", "key_prefx", "x")))
          .isInstanceOf(StorageConfigurationException.class)
          .hasMessageStartingWith(
              "sources.redis.options.key_prefx: unknown option; known options are [cluster, ");
      assertThatThrownBy(() -> create(Map.of()))
          .isInstanceOf(StorageConfigurationException.class)
          .hasMessage("sources.redis.options.url: required");
      assertThatThrownBy(() -> create(Map.of("url", "mongodb://:hunter2@cache")))
          .isInstanceOf(StorageConfigurationException.class)
          .hasMessage(
              "sources.redis.options.url: scheme must be redis:// or rediss:// (TLS), was"
                  + " mongodb://***@cache");
      assertThatThrownBy(() -> create(Map.of("url", "redis://cache", "pool_size", 0)))
          .isInstanceOf(StorageConfigurationException.class)
          .hasMessage("sources.redis.options.pool_size: must be between 1 and 10000, was 0");
      assertThatThrownBy(() -> create(Map.of("url", "redis://cache", "cluster", "maybe")))
          .isInstanceOf(StorageConfigurationException.class)
          .hasMessage("sources.redis.options.cluster: must be true or false, was 'maybe'");
      assertThatThrownBy(() -> create(Map.of("url", "redis://cache", "id_policy", "any")))
          .isInstanceOf(StorageConfigurationException.class)
          .hasMessage("sources.redis.options.id_policy: must be uuid or token, was 'any'");
      assertThatThrownBy(
              () -> create(Map.of("url", "redis://cache", "tls_truststore_password", "x")))
          .isInstanceOf(StorageConfigurationException.class)
          .hasMessage("sources.redis.options.tls_truststore_password: set without tls_truststore");
      assertThatThrownBy(
              () -> create(Map.of("url", "redis://cache", "tls_truststore", "/etc/hostname")))
          .isInstanceOf(StorageConfigurationException.class)
          .hasMessage(
              "sources.redis.options.tls_truststore: set, but the url is not rediss:// (TLS):"
                  + " redis://cache");
      assertThatThrownBy(
              () -> create(Map.of("url", "rediss://cache", "tls_truststore", "/no/such/file.p12")))
          .isInstanceOf(StorageConfigurationException.class)
          .hasMessage("sources.redis.options.tls_truststore: cannot read file /no/such/file.p12");
      assertThatThrownBy(() -> create(Map.of("url", "redis://cache", "timeout", "0s")))
          .isInstanceOf(StorageConfigurationException.class)
          .hasMessage(
              "sources.redis.options.timeout: must be positive and below 24 days, was PT0S");
    }

    private void create(Map<String, Object> values) {
      new RedisVconSourceProvider()
          .create(ProviderOptions.of(values).withPath("sources.redis.options"))
          .close();
    }
  }
}
