package io.vcon.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vcon.storage.api.DeadLetters;
import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.VconId;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.tck.SampleVcons;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Redis dead letters in vcon-server's layout (DLQ:storage:<store>)")
class RedisDeadLettersTest {

  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.plain();

  private RedisVconSource source;
  private DeadLetters dlq;
  private String store;

  @BeforeEach
  void open() {
    source = RedisVconSource.create(REDIS.config().deadLetter(true).build());
    dlq = source.deadLetters().orElseThrow();
    store = "s3-" + UUID.randomUUID();
  }

  @AfterEach
  void close() {
    source.close();
  }

  private static String seed(long ttlSeconds) {
    String id = SampleVcons.newId();
    byte[] key = ("vcon:" + id).getBytes(StandardCharsets.UTF_8);
    REDIS
        .admin()
        .set(
            key,
            SampleVcons.json(id, "2024-01-15T10:00:00Z", "s").getBytes(StandardCharsets.UTF_8));
    if (ttlSeconds > 0) {
      REDIS.admin().expire(key, ttlSeconds);
    }
    return id;
  }

  @Test
  @DisplayName(
      "queues the plain id with RPUSH and raises the source key's TTL to dlq_expiry (7 days)")
  void queuesAndExtendsTtl() {
    String first = seed(60);
    String second = seed(60);
    assertThat(dlq.deadLetter(store, VconId.of(first))).isTrue();
    assertThat(dlq.deadLetter(store, VconId.of(second))).isTrue();
    assertThat(REDIS.admin().lrange("DLQ:storage:" + store, 0, -1)).containsExactly(first, second);
    assertThat(REDIS.admin().ttl("vcon:" + first)).isBetween(604_700L, 604_800L);
    assertThat(dlq.pending(store)).isEqualTo(2);
  }

  @Test
  @DisplayName("never shortens a longer TTL nor puts one on a key that has none")
  void neverShortens() {
    String persistent = seed(0);
    String longer = seed(30L * 24 * 3600);
    dlq.deadLetter(store, VconId.of(persistent));
    dlq.deadLetter(store, VconId.of(longer));
    assertThat(REDIS.admin().ttl("vcon:" + persistent)).isEqualTo(-1L);
    assertThat(REDIS.admin().ttl("vcon:" + longer)).isGreaterThan(29L * 24 * 3600);
  }

  @Test
  @DisplayName("a vCon whose source document is gone is reported (false) and not queued")
  void missingBodyNotQueued() {
    assertThat(dlq.deadLetter(store, VconId.of(SampleVcons.newId()))).isFalse();
    assertThat(REDIS.admin().exists("DLQ:storage:" + store)).isFalse();
  }

  @Test
  @DisplayName("claim moves to the processing list; ack removes; release returns it to the end")
  void claimAckRelease() {
    String a = seed(60);
    String b = seed(60);
    dlq.deadLetter(store, VconId.of(a));
    dlq.deadLetter(store, VconId.of(b));
    assertThat(dlq.claim(store)).contains(a);
    assertThat(REDIS.admin().lrange("DLQ:storage:" + store + ":processing", 0, -1))
        .containsExactly(a);
    dlq.release(store, a);
    assertThat(REDIS.admin().lrange("DLQ:storage:" + store, 0, -1)).containsExactly(b, a);
    assertThat(dlq.claim(store)).contains(b);
    dlq.ack(store, b);
    assertThat(REDIS.admin().llen("DLQ:storage:" + store + ":processing")).isZero();
    assertThat(dlq.pending(store)).isEqualTo(1);
    dlq.release(store, b);
    assertThat(dlq.pending(store))
        .as("an entry no longer held is not pushed back twice")
        .isEqualTo(1);
  }

  @Test
  @DisplayName("options: dead_letter and dlq_expiry; off by default; not with cluster")
  void options() {
    RedisSourceConfig off =
        RedisVconSourceProvider.config(ProviderOptions.of(Map.of("url", REDIS.url())));
    assertThat(off.deadLetter()).isFalse();
    try (RedisVconSource plain = RedisVconSource.create(off)) {
      assertThat(plain.deadLetters()).isEmpty();
    }
    RedisSourceConfig on =
        RedisVconSourceProvider.config(
            ProviderOptions.of(
                Map.of("url", REDIS.url(), "dead_letter", true, "dlq_expiry", "1h")));
    assertThat(on.deadLetter()).isTrue();
    assertThat(on.dlqExpiry()).isEqualTo(Duration.ofHours(1));
    assertThat(RedisSourceConfig.builder().url(REDIS.url()).build().dlqExpiry())
        .isEqualTo(Duration.ofSeconds(604_800));
    assertThatThrownBy(
            () ->
                RedisSourceConfig.builder().url(REDIS.url()).cluster(true).deadLetter(true).build())
        .isInstanceOf(StorageConfigurationException.class)
        .hasMessageContaining("dead_letter: not available with cluster");
  }
}
