package io.vcon.storage.redis;

import io.vcon.storage.api.DeadLetters;
import io.vcon.storage.api.VconId;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.args.ListDirection;

/**
 * Dead letters in the source's Redis, in vcon-server's layout: list {@code DLQ:<ingress>} (its
 * {@code get_ingress_list_dlq_name}) with the ingress {@code storage:<store>}, holding plain ids pushed with
 * {@code RPUSH} (its {@code enqueue_dlq}), so either side can drain the other's queue. Queuing also raises the TTL
 * of the source key to at least {@code dlq_expiry} (its {@code VCON_DLQ_EXPIRY}), in the same Lua script, so the
 * document is still there to replay. Unlike vcon-server's plain {@code EXPIRE}, a TTL is never shortened and a key
 * without TTL keeps none.
 *
 * <p>Claims move an entry with {@code LMOVE queue queue:processing LEFT RIGHT}; {@code ack} removes it from the
 * processing list, {@code release} moves it back to the end of the queue (one script). A replay that dies between
 * claim and ack leaves its entry in {@code DLQ:storage:<store>:processing}; see {@code docs/compliance.md}.
 */
final class RedisDeadLetters implements DeadLetters {

  static final String QUEUE_PREFIX = "DLQ:storage:";
  static final String PROCESSING_SUFFIX = ":processing";

  // KEYS[1] queue, KEYS[2] source key; ARGV[1] id, ARGV[2] least TTL in ms (0: leave it). -2: no
  // source key.
  private static final String DEAD_LETTER =
      "local ttl = redis.call('PTTL', KEYS[2])\n"
          + "if ttl == -2 then return -2 end\n"
          + "redis.call('RPUSH', KEYS[1], ARGV[1])\n"
          + "local least = tonumber(ARGV[2])\n"
          + "if least > 0 and ttl >= 0 and ttl < least then redis.call('PEXPIRE', KEYS[2], least)"
          + " end\n"
          + "return ttl";
  // KEYS[1] queue, KEYS[2] processing; ARGV[1] entry. Returns it only when this caller still held
  // it.
  private static final String RELEASE =
      "if redis.call('LREM', KEYS[2], 1, ARGV[1]) == 1 then return redis.call('RPUSH', KEYS[1],"
          + " ARGV[1]) end\n"
          + "return 0";

  private final UnifiedJedis client;
  private final RedisSourceConfig config;
  private final RedisFailures failures;

  RedisDeadLetters(UnifiedJedis client, RedisSourceConfig config, RedisFailures failures) {
    this.client = client;
    this.config = config;
    this.failures = failures;
  }

  /** vcon-server's {@code get_ingress_list_dlq_name("storage:" + store)}. */
  static String queue(String store) {
    if (store == null || store.isBlank()) {
      throw new IllegalArgumentException("store is required");
    }
    return QUEUE_PREFIX + store;
  }

  @Override
  public boolean deadLetter(String store, VconId id) {
    String queue = queue(store);
    String key = config.keyPrefix() + id.value();
    Object ttl =
        failures.call(
            "queuing vCon " + id + " in dead-letter list " + RedisVconSource.quote(queue),
            id.value(),
            () ->
                client.eval(
                    DEAD_LETTER,
                    List.of(queue, key),
                    List.of(id.value(), Long.toString(config.dlqExpiry().toMillis()))));
    return !(ttl instanceof Long l && l == -2L);
  }

  @Override
  public Optional<String> claim(String store) {
    String queue = queue(store);
    return Optional.ofNullable(
        failures.call(
            "claiming an entry of dead-letter list " + RedisVconSource.quote(queue),
            null,
            () ->
                client.lmove(
                    queue, queue + PROCESSING_SUFFIX, ListDirection.LEFT, ListDirection.RIGHT)));
  }

  @Override
  public void ack(String store, String entry) {
    String processing = queue(store) + PROCESSING_SUFFIX;
    failures.call(
        "removing " + RedisVconSource.quote(entry) + " from " + RedisVconSource.quote(processing),
        entry,
        () -> client.lrem(processing, 1, entry));
  }

  @Override
  public void release(String store, String entry) {
    String queue = queue(store);
    failures.call(
        "returning " + RedisVconSource.quote(entry) + " to " + RedisVconSource.quote(queue),
        entry,
        () -> client.eval(RELEASE, List.of(queue, queue + PROCESSING_SUFFIX), List.of(entry)));
  }

  @Override
  public long pending(String store) {
    String queue = queue(store);
    return failures.call(
        "reading the length of " + RedisVconSource.quote(queue), null, () -> client.llen(queue));
  }

  @Override
  public String toString() {
    return "RedisDeadLetters["
        + config.displayUrl()
        + ", "
        + QUEUE_PREFIX
        + "<store>, dlq_expiry="
        + config.dlqExpiry()
        + "]";
  }
}
