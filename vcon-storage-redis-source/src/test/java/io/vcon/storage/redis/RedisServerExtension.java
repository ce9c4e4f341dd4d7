package io.vcon.storage.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.embedded.RedisServer;
import redis.embedded.RedisServerBuilder;

/**
 * A real redis-server (the one {@code org.signal:embedded-redis} ships, 7.0.15) on a free loopback port, started
 * before the test class and stopped after it. Nothing is persisted. Register it as a static field:
 * {@code @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.plain();}.
 */
final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback {

  private final String password;
  private final List<String> settings;
  private RedisServer server;
  private RedisClient admin;
  private int port;
  private Path dir;

  private RedisServerExtension(String password, List<String> settings) {
    this.password = password;
    this.settings = settings;
  }

  static RedisServerExtension plain() {
    return new RedisServerExtension(null, List.of());
  }

  static RedisServerExtension withPassword(String password) {
    return new RedisServerExtension(password, List.of("requirepass " + password));
  }

  static RedisServerExtension withSettings(String... settings) {
    return new RedisServerExtension(null, List.of(settings));
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  /** Stops the server and starts an empty one on the same port, as a Redis restart does. */
  void restartOnSamePort() {
    stop();
    server = start(port, dir, settings);
    admin = RedisClient.builder().hostAndPort("127.0.0.1", port).clientConfig(clientConfig()).build();
  }

  private DefaultJedisClientConfig clientConfig() {
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder();
    if (password != null) {
      config.password(password);
    }
    return config.build();
  }

  /** Starts the server (again) on a new free port. */
  void start() {
    try {
      dir = Files.createTempDirectory("redis-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    port = freePort();
    server = start(port, dir, settings);
    admin = RedisClient.builder().hostAndPort("127.0.0.1", port).clientConfig(clientConfig()).build();
  }

  static RedisServer start(int port, Path dir, List<String> settings) {
    RedisServerBuilder b =
        RedisServer.builder()
            .bind("127.0.0.1")
            .port(port)
            .setting("save \"\"")
            .setting("appendonly no")
            .setting("dir " + dir.toAbsolutePath());
    settings.forEach(b::setting);
    RedisServer s = b.build();
    s.start();
    return s;
  }

  void stop() {
    if (admin != null) {
      admin.close();
      admin = null;
    }
    if (server != null && server.isActive()) {
      server.stop();
    }
  }

  boolean running() {
    return server != null && server.isActive();
  }

  int port() {
    return port;
  }

  /** A URL with the server's password (if it has one). */
  String url() {
    return password == null ? "redis://127.0.0.1:" + port : "redis://:" + password + "@127.0.0.1:" + port;
  }

  /** A client for arranging data; database 0. */
  RedisClient admin() {
    return admin;
  }

  /** {@code CONFIG RESETSTAT}: zeroes {@code INFO commandstats}, to count the commands a step sends. */
  void resetStats() {
    admin.executeCommand(
        new redis.clients.jedis.CommandArguments(redis.clients.jedis.Protocol.Command.CONFIG).add("RESETSTAT"));
  }

  /** A config for this server with fast retries, so failure tests stay quick. */
  RedisSourceConfig.Builder config() {
    return RedisSourceConfig.builder().url(url()).retryBackoff(java.time.Duration.ofMillis(10));
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
