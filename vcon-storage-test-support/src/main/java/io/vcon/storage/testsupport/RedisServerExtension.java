package io.vcon.storage.testsupport;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.RedisClient;

/**
 * An {@link EmbeddedRedis} started before the test class and stopped after it. Register it in a static field:
 *
 * <pre>{@code @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();}</pre>
 *
 * A module whose tests want a configuration of their own for the server subclasses it.
 */
public class RedisServerExtension implements BeforeAllCallback, AfterAllCallback {

  private final String password;
  private final List<String> settings;
  private EmbeddedRedis redis;

  /** A server without a password. */
  public RedisServerExtension() {
    this(null, List.of());
  }

  /**
   * A server with {@code password} ({@code null}: none, else {@code requirepass}) and {@code extraSettings}
   * (redis.conf lines).
   */
  public RedisServerExtension(String password, List<String> extraSettings) {
    this.password = password;
    this.settings = List.copyOf(extraSettings);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  /** Starts the server (again, after {@link #stop()}) on a new free port. */
  public final void start() {
    stop();
    redis = EmbeddedRedis.start(password, settings);
  }

  public final void stop() {
    if (redis != null) {
      redis.stop();
    }
  }

  /** Stops the server and starts an empty one on the same port, as a Redis restart does. */
  public final void restartOnSamePort() {
    server().restartOnSamePort();
  }

  public final boolean running() {
    return redis != null && redis.running();
  }

  /** The running server; see {@link EmbeddedRedis}. */
  public final EmbeddedRedis server() {
    if (redis == null) {
      throw new IllegalStateException(
          "not started: register the extension with @RegisterExtension");
    }
    return redis;
  }

  public final int port() {
    return server().port();
  }

  /** A URL with the server's password (if it has one). */
  public final String url() {
    return server().url();
  }

  /** A client for arranging data; database 0. */
  public final RedisClient admin() {
    return server().admin();
  }

  /** {@code CONFIG RESETSTAT}: zeroes {@code INFO commandstats}, to count the commands a step sends. */
  public final void resetStats() {
    server().resetStats();
  }
}
