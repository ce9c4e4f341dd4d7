package io.vcon.storage.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.vcon.storage.api.SaveResult;
import io.vcon.storage.api.Storage;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.api.key.DatePath;
import io.vcon.storage.redis.RedisSourceConfig;
import io.vcon.storage.redis.RedisVconSource;
import io.vcon.storage.s3.S3VconStore;
import io.vcon.storage.tck.Fixtures;
import io.vcon.storage.testsupport.EmbeddedRedis;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The main job end to end on real servers: real IETF vCons in a real redis-server, kept as vcon-server keeps them
 * (a string under vcon:<uuid> and the vcons sorted set), Storage.save into S3 (S3Proxy), then raw S3 calls, not
 * the library, prove the keys, the pointers and the bytes are exactly what vcon-server would write and read.
 */
class RedisToS3EndToEndTest {

  private static final Instant SAVE_TIME = Instant.parse("2026-11-25T12:00:00Z");
  private static EmbeddedRedis redis;

  @BeforeAll
  static void startRedis() {
    redis = EmbeddedRedis.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.stop();
  }

  @Test
  void realFixturesGoFromRedisToS3ByteForByte() {
    String prefix = "e2e-" + UUID.randomUUID() + "/";
    String keyPrefix = "e2e:" + UUID.randomUUID() + ":vcon:";
    // The fixtures share uuids (later versions of one conversation): the last one written to Redis
    // is the one saved.
    Map<String, byte[]> latest = new LinkedHashMap<>();
    try (RedisClient admin = redis.newClient()) {
      for (byte[] doc : Fixtures.valid().values()) {
        Vcon parsed = Vcon.parse(doc);
        admin.set((keyPrefix + parsed.id()).getBytes(StandardCharsets.UTF_8), doc);
        latest.put(parsed.id().value(), doc);
      }
    }
    RedisSourceConfig sourceConfig =
        RedisSourceConfig.builder()
            .url("redis://127.0.0.1:" + redis.port())
            .keyPrefix(keyPrefix)
            .build();
    S3Server s3 = S3Server.shared();
    VconStore store =
        S3VconStore.create(
            s3.config(s3.port(), prefix).build(), Clock.fixed(SAVE_TIME, ZoneOffset.UTC));
    try (Storage storage =
            Storage.builder()
                .source(RedisVconSource.create(sourceConfig))
                .store("s3", store)
                .build();
        S3Client raw = s3.rawClient()) {
      for (String id : latest.keySet()) {
        SaveResult result = storage.save(VconId.of(id));
        assertThat(result.succeeded()).as(result.toString()).isTrue();
      }
      for (Map.Entry<String, byte[]> e : latest.entrySet()) {
        Vcon v = Vcon.parse(e.getValue());
        LocalDate day = v.createdAt().map(c -> c.localDate()).orElse(LocalDate.of(2026, 11, 25));
        String datePath = DatePath.format(day);
        String root = prefix.substring(0, prefix.length() - 1) + "/";
        assertThat(get(raw, root + datePath + "/" + e.getKey() + ".vcon"))
            .as("object of %s", e.getKey())
            .isEqualTo(e.getValue());
        assertThat(
                new String(
                    get(raw, root + "lookup/" + e.getKey() + ".txt"), StandardCharsets.US_ASCII))
            .as("pointer of %s", e.getKey())
            .isEqualTo(datePath);
        assertThat(storage.get(VconId.of(e.getKey())).bytes()).isEqualTo(e.getValue());
      }
    }
    assertThat(latest).hasSize(8);
  }

  private static byte[] get(S3Client raw, String key) {
    ResponseBytes<GetObjectResponse> bytes =
        raw.getObjectAsBytes(b -> b.bucket(S3Server.BUCKET).key(key));
    return bytes.asByteArray();
  }
}
