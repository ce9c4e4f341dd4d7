package io.vcon.storage.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.embedded.RedisServer;
import redis.embedded.RedisServerBuilder;

/**
 * A real redis-server (the one {@code org.signal:embedded-redis} ships, 7.0.15) on a free loopback port, with a
 * temporary directory of its own and nothing persisted ({@code save ""}, {@code appendonly no}). Optional extra
 * settings are redis.conf lines; a password becomes {@code requirepass}. Stop it with {@link #stop()} (or
 * {@link #close()}); in JUnit, {@link RedisServerExtension} does that.
 */
public final class EmbeddedRedis implements AutoCloseable {

  private static final String HOST = "127.0.0.1";

  private final String password;
  private final List<String> settings;
  private final int port;
  private final Path dir;
  private RedisServer server;
  private RedisClient admin;

  private EmbeddedRedis(String password, List<String> settings) {
    this.password = password;
    this.settings = settings;
    this.port = LoopbackPorts.free();
    try {
      this.dir = Files.createTempDirectory("embedded-redis");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.server = startServer(port, dir, settings);
    this.admin = newClient();
  }

  /** A server without a password. */
  public static EmbeddedRedis start() {
    return start(null, List.of());
  }

  /** A server that requires {@code password} ({@code requirepass}). */
  public static EmbeddedRedis startWithPassword(String password) {
    return start(password, List.of());
  }

  /**
   * A server with {@code password} ({@code null}: none) and {@code extraSettings}, redis.conf lines such as
   * {@code "maxmemory 1mb"}.
   */
  public static EmbeddedRedis start(String password, List<String> extraSettings) {
    List<String> settings = new ArrayList<>();
    if (password != null) {
      settings.add("requirepass " + password);
    }
    settings.addAll(extraSettings);
    return new EmbeddedRedis(password, List.copyOf(settings));
  }

  /**
   * Starts a bare redis-server on {@code port} with {@code dir} as its working directory, nothing persisted, plus
   * {@code settings} (redis.conf lines); the caller stops it. For servers this class does not fit (cluster nodes).
   */
  public static RedisServer startServer(int port, Path dir, List<String> settings) {
    RedisServerBuilder b =
        RedisServer.builder()
            .bind(HOST)
            .port(port)
            .setting("save \"\"")
            .setting("appendonly no")
            .setting("dir " + dir.toAbsolutePath());
    settings.forEach(b::setting);
    RedisServer s = b.build();
    s.start();
    return s;
  }

  public int port() {
    return port;
  }

  /** {@code redis://127.0.0.1:<port>}, with the password if the server has one. */
  public String url() {
    return password == null
        ? "redis://" + HOST + ":" + port
        : "redis://:" + password + "@" + HOST + ":" + port;
  }

  /** A client for arranging data (database 0), owned by this server: do not close it. */
  public RedisClient admin() {
    return admin;
  }

  /** A new client straight to the server (with its password); the caller closes it. */
  public RedisClient newClient() {
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder();
    if (password != null) {
      config.password(password);
    }
    return RedisClient.builder().hostAndPort(HOST, port).clientConfig(config.build()).build();
  }

  /** {@code CONFIG RESETSTAT}: zeroes {@code INFO commandstats}, to count the commands a step sends. */
  public void resetStats() {
    admin.executeCommand(new CommandArguments(Protocol.Command.CONFIG).add("RESETSTAT"));
  }

  /** Stops the server and starts an empty one on the same port, as a Redis restart does. */
  public void restartOnSamePort() {
    stop();
    server = startServer(port, dir, settings);
    admin = newClient();
  }

  public boolean running() {
    return server != null && server.isActive();
  }

  /** Stops the server (and closes {@link #admin()}); stopping a stopped server does nothing. */
  public void stop() {
    if (admin != null) {
      admin.close();
      admin = null;
    }
    if (server != null && server.isActive()) {
      server.stop();
    }
  }

  @Override
  public void close() {
    stop();
  }
}
