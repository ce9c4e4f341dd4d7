package io.vcon.storage.redis;

import io.vcon.storage.api.CreatedAt;
import io.vcon.storage.api.InvalidVconException;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconSource;
import io.vcon.storage.tck.VconSourceContract;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

/**
 * The source kit against a real redis-server, documents as strings: {@code SET vcon:<uuid>} and the
 * {@code vcons} sorted set scored by {@code created_at} in epoch seconds, as vcon-server keeps
 * them.
 */
@DisplayName("Redis source (string values) against redis-server")
class RedisSourceContractTest extends VconSourceContract {

  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.plain();

  @Override
  protected VconSource newSource() {
    return RedisVconSource.create(REDIS.config().build());
  }

  @Override
  protected void seed(String id, byte[] document) {
    REDIS.admin().set(("vcon:" + id).getBytes(StandardCharsets.UTF_8), document);
    index(REDIS.admin(), id, document);
  }

  /**
   * vcon-server's {@code vcons} entry, for a document whose created_at reads (bad documents have
   * none).
   */
  static void index(RedisClient redis, String id, byte[] document) {
    createdAt(document)
        .ifPresent(t -> redis.zadd("vcons", t.getEpochSecond() + t.getNano() / 1e9, id));
  }

  private static Optional<Instant> createdAt(byte[] document) {
    try {
      return Vcon.parse(document).createdAt().flatMap(CreatedAt::instant);
    } catch (InvalidVconException e) {
      return Optional.empty();
    }
  }
}
