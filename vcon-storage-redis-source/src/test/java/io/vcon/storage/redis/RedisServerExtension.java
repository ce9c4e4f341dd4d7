package io.vcon.storage.redis;

import java.time.Duration;
import java.util.List;

/**
 * A real redis-server (vcon-storage-test-support's embedded one) on a free loopback port, started before the test
 * class and stopped after it, with a source configuration for it. Register it as a static field:
 * {@code @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.plain();}.
 */
final class RedisServerExtension extends io.vcon.storage.testsupport.RedisServerExtension {

  private RedisServerExtension(String password) {
    super(password, List.of());
  }

  static RedisServerExtension plain() {
    return new RedisServerExtension(null);
  }

  static RedisServerExtension withPassword(String password) {
    return new RedisServerExtension(password);
  }

  /** A config for this server with fast retries, so failure tests stay quick. */
  RedisSourceConfig.Builder config() {
    return RedisSourceConfig.builder().url(url()).retryBackoff(Duration.ofMillis(10));
  }
}
