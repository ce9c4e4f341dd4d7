package io.vcon.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.tck.Fixtures;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.json.JsonProtocol;

/**
 * The RedisJSON path against Redis Stack (the server image without RedisInsight; same modules as
 * {@code redis/redis-stack}), as vcon-server writes it: {@code JSON.SET vcon:<uuid> $ <doc>}. Skipped where
 * there is no Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
@DisplayName("RedisJSON documents in Redis Stack")
class RedisStackContainerTest {

  @Container
  static final GenericContainer<?> STACK =
      new GenericContainer<>("redis/redis-stack-server:7.2.0-v10").withExposedPorts(6379);

  @Test
  @DisplayName(
      "a JSON.SET document is detected by TYPE and read with JSON.GET at the legacy root, as the"
          + " server serializes it")
  void readsRedisJson() {
    String url = "redis://" + STACK.getHost() + ":" + STACK.getMappedPort(6379);
    try (RedisClient admin = RedisClient.create(URI.create(url));
        RedisVconSource source =
            RedisVconSource.create(RedisSourceConfig.builder().url(url).build())) {
      for (byte[] fixture : Fixtures.valid().values()) {
        Vcon original = Vcon.parse(fixture);
        byte[] key = ("vcon:" + original.id()).getBytes(StandardCharsets.UTF_8);
        admin.executeCommand(
            new CommandArguments(JsonProtocol.JsonCommand.SET).key(key).add("$").add(fixture));
        assertThat(admin.type(key)).isEqualTo(RedisVconSource.TYPE_JSON);

        Vcon read = source.read(original.id()).orElseThrow();

        byte[] legacy =
            (byte[])
                admin.executeCommand(
                    new CommandArguments(JsonProtocol.JsonCommand.GET).key(key).add("."));
        byte[] dollar =
            (byte[])
                admin.executeCommand(
                    new CommandArguments(JsonProtocol.JsonCommand.GET).key(key).add("$"));
        assertThat(read.bytes()).isEqualTo(legacy);
        assertThat("[" + read.text() + "]").isEqualTo(new String(dollar, StandardCharsets.UTF_8));
        assertThat(read.id()).isEqualTo(original.id());
        assertThat(read.createdAt()).isEqualTo(original.createdAt());
      }
      assertThat(source.read(VconId.of("00000000-0000-4000-8000-000000000000"))).isEmpty();
    }
  }

  @Test
  @DisplayName("cache writes a RedisJSON document with a TTL, as vcon-server's re-cache does")
  void cachesAsRedisJson() {
    String url = "redis://" + STACK.getHost() + ":" + STACK.getMappedPort(6379);
    try (RedisClient admin = RedisClient.create(URI.create(url));
        RedisVconSource source =
            RedisVconSource.create(RedisSourceConfig.builder().url(url).build())) {
      Vcon vcon = Vcon.parse(Fixtures.valid().values().iterator().next());
      admin.del("vcon:" + vcon.id());

      assertThat(source.cache(vcon, Duration.ofMinutes(5))).isTrue();
      assertThat(source.cache(vcon, Duration.ofMinutes(5))).isFalse();

      assertThat(admin.type("vcon:" + vcon.id())).isEqualTo(RedisVconSource.TYPE_JSON);
      assertThat(admin.pttl("vcon:" + vcon.id())).isBetween(1L, 300_000L);
      Vcon read = source.read(vcon.id()).orElseThrow();
      assertThat(read.id()).isEqualTo(vcon.id());
      assertThat(read.createdAt()).isEqualTo(vcon.createdAt());
    }
  }
}
