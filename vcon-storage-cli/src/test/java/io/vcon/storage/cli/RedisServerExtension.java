package io.vcon.storage.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.RedisClient;
import redis.embedded.RedisServer;

/**
 * A real redis-server (from {@code org.signal:embedded-redis}) on a free loopback port for the test class; nothing
 * persisted. A small copy of the redis-source module's test helper.
 */
final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback {

  private RedisServer server;
  private RedisClient admin;
  private int port;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    Path dir = Files.createTempDirectory("redis-cli-test");
    port = freePort();
    server =
        RedisServer.builder()
            .bind("127.0.0.1")
            .port(port)
            .setting("save \"\"")
            .setting("appendonly no")
            .setting("dir " + dir.toAbsolutePath())
            .build();
    server.start();
    admin =
        RedisClient.builder()
            .hostAndPort("127.0.0.1", port)
            .clientConfig(redis.clients.jedis.DefaultJedisClientConfig.builder().build())
            .build();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (admin != null) {
      admin.close();
    }
    if (server != null && server.isActive()) {
      server.stop();
    }
  }

  String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** A client for arranging data; database 0. */
  RedisClient admin() {
    return admin;
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
