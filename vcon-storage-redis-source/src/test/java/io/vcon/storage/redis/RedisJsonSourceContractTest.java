package io.vcon.storage.redis;

import io.vcon.storage.api.VconSource;
import io.vcon.storage.tck.VconSourceContract;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.json.JsonProtocol;

/**
 * The source kit against Redis Stack, documents as RedisJSON ({@code JSON.SET vcon:<uuid> $
 * <doc>}), as vcon-server writes them. RedisJSON keeps its own serialization, so the bytes a read
 * must return are what {@code JSON.GET} at the legacy root answers. Skipped where there is no
 * Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
@DisplayName("Redis source (RedisJSON values) against Redis Stack")
class RedisJsonSourceContractTest extends VconSourceContract {

  @Container
  static final GenericContainer<?> STACK =
      new GenericContainer<>("redis/redis-stack-server:7.2.0-v10").withExposedPorts(6379);

  private static RedisClient admin;

  private static String url() {
    return "redis://" + STACK.getHost() + ":" + STACK.getMappedPort(6379);
  }

  @BeforeAll
  static void connect() {
    admin = RedisClient.create(URI.create(url()));
  }

  @AfterAll
  static void disconnect() {
    admin.close();
  }

  @Override
  protected VconSource newSource() {
    return RedisVconSource.create(RedisSourceConfig.builder().url(url()).build());
  }

  /**
   * JSON.SET; a document RedisJSON refuses (not JSON) is stored as a string, as a non-JSON writer
   * would.
   */
  @Override
  protected void seed(String id, byte[] document) {
    byte[] key = key(id);
    try {
      admin.executeCommand(
          new CommandArguments(JsonProtocol.JsonCommand.SET).key(key).add("$").add(document));
    } catch (JedisDataException notJson) {
      admin.set(key, document);
    }
    RedisSourceContractTest.index(admin, id, document);
  }

  @Override
  protected byte[] storedForm(String id, byte[] seeded) {
    return (byte[])
        admin.executeCommand(
            new CommandArguments(JsonProtocol.JsonCommand.GET).key(key(id)).add("."));
  }

  private static byte[] key(String id) {
    return ("vcon:" + id).getBytes(StandardCharsets.UTF_8);
  }
}
