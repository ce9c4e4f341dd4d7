package io.vcon.storage.redis;

import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.VconParser;
import io.vcon.storage.api.VconSource;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.spi.VconSourceProvider;
import java.nio.file.Path;
import java.util.Set;

/**
 * Source provider {@code redis}: vCons as vcon-server keeps them in Redis. Options: {@code url} (required),
 * {@code key_prefix}, {@code sorted_set}, {@code pool_size}, {@code timeout}, {@code cluster}, {@code max_retries},
 * {@code retry_backoff}, {@code max_document_bytes}, {@code id_policy}, {@code tls_truststore},
 * {@code tls_truststore_password}, {@code dead_letter}, {@code dlq_expiry}; see {@code docs/redis.md}.
 */
public final class RedisVconSourceProvider implements VconSourceProvider {

  static final Set<String> OPTIONS =
      Set.of(
          "url",
          "key_prefix",
          "sorted_set",
          "pool_size",
          "timeout",
          "cluster",
          "max_retries",
          "retry_backoff",
          "max_document_bytes",
          "id_policy",
          "tls_truststore",
          "tls_truststore_password",
          "dead_letter",
          "dlq_expiry");

  @Override
  public String id() {
    return "redis";
  }

  @Override
  public VconSource create(ProviderOptions options) {
    return RedisVconSource.create(config(options));
  }

  /** The configuration the options describe; errors name the option by its full path. */
  static RedisSourceConfig config(ProviderOptions options) {
    options.requireOnly(OPTIONS);
    VconParser parser = options.parser();
    RedisSourceConfig.Builder b =
        RedisSourceConfig.builder()
            .url(options.requireString("url"))
            .poolSize(options.integer("pool_size", RedisSourceConfig.DEFAULT_POOL_SIZE, 1, 10_000))
            .timeout(options.duration("timeout", RedisSourceConfig.DEFAULT_TIMEOUT))
            .cluster(options.bool("cluster", false))
            .maxRetries(
                options.integer("max_retries", RedisSourceConfig.DEFAULT_MAX_RETRIES, 0, 100))
            .retryBackoff(
                options.duration("retry_backoff", RedisSourceConfig.DEFAULT_RETRY_BACKOFF))
            .maxDocumentBytes(parser.maxDocumentBytes())
            .idPolicy(parser.idPolicy())
            .deadLetter(options.bool("dead_letter", false))
            .dlqExpiry(options.duration("dlq_expiry", RedisSourceConfig.DEFAULT_DLQ_EXPIRY));
    // An empty key_prefix is a real choice (keys are bare uuids), not "absent".
    if (options.has("key_prefix")) {
      b.keyPrefix(options.string("key_prefix").orElse(""));
    }
    options.string("sorted_set").ifPresent(b::sortedSet);
    options
        .string("tls_truststore")
        .ifPresent(
            path ->
                b.tlsTruststore(
                    Path.of(path), options.string("tls_truststore_password").orElse(null)));
    if (options.has("tls_truststore_password") && !options.has("tls_truststore")) {
      throw options.error("tls_truststore_password", "set without tls_truststore");
    }
    try {
      return b.build();
    } catch (StorageConfigurationException e) {
      // The config names the option first ("url: ..."); put the options' path in front of it.
      throw new StorageConfigurationException(options.path() + "." + e.getMessage(), e);
    }
  }
}
