package io.vcon.storage.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.embedded.RedisServer;
import redis.embedded.RedisServerBuilder;

/** A real redis-server (embedded-redis's 7.0.15) on a free loopback port; nothing persisted. */
final class RedisHandle {

  private final RedisServer server;
  private final int port;
  private final String password;

  private RedisHandle(RedisServer server, int port, String password) {
    this.server = server;
    this.port = port;
    this.password = password;
  }

  /** Starts one; with {@code password} set, it requires it. */
  static RedisHandle start(String password) {
    int port;
    Path dir;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
      dir = Files.createTempDirectory("redis-reliability");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RedisServerBuilder b =
        RedisServer.builder()
            .bind("127.0.0.1")
            .port(port)
            .setting("save \"\"")
            .setting("appendonly no")
            .setting("dir " + dir.toAbsolutePath());
    if (password != null) {
      b.setting("requirepass " + password);
    }
    RedisServer server = b.build();
    server.start();
    return new RedisHandle(server, port, password);
  }

  int port() {
    return port;
  }

  /** A client straight to the server; the caller closes it. */
  RedisClient admin() {
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder();
    if (password != null) {
      config.password(password);
    }
    return RedisClient.builder().hostAndPort("127.0.0.1", port).clientConfig(config.build()).build();
  }

  void stop() {
    if (server.isActive()) {
      server.stop();
    }
  }
}
