package io.vcon.storage.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The standalone S3Proxy ({@code org.gaul:s3proxy:jar-with-dependencies}) in its own JVM on a free loopback port,
 * so only the client's CPU is counted in ours. It is checked to be really up, and really ours: the port must be
 * closed before it starts, and the process alive once the port answers (S3Proxy exits when the port is taken,
 * and then another server would answer).
 */
final class S3ProxyProcess implements AutoCloseable {

  static final String IDENTITY = "bench-access-key";
  // A benchmark-only credential for a throwaway loopback server; never printed.
  static final String CREDENTIAL = "bench-" + UUID.randomUUID();

  private final Process process;
  private final Path dir;
  private final int port;

  private S3ProxyProcess(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  static Path jar() {
    Path jar = Path.of(System.getProperty("bench.s3proxy.jar", "target/s3proxy/s3proxy.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "S3Proxy jar not found at "
              + jar.toAbsolutePath()
              + "; build the module first (./mvnw -pl "
              + "vcon-storage-benchmarks -am verify copies it from Maven into target/s3proxy/)");
    }
    return jar;
  }

  /** The server the end-to-end harness uses: objects held in its own heap (2 GB). */
  static S3ProxyProcess start() {
    return start("transient-nio2", "2g");
  }

  /**
   * A server with the jclouds {@code provider} ({@code transient-nio2}: objects in its heap; {@code
   * filesystem-nio2}: objects in files under its temp directory) and a heap of {@code heap} ({@code
   * -Xmx} syntax).
   */
  static S3ProxyProcess start(String provider, String heap) {
    Path jar = jar();
    for (int attempt = 1; ; attempt++) {
      int port = freePort();
      try {
        return start(jar, port, provider, heap);
      } catch (IllegalStateException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  private static S3ProxyProcess start(Path jar, int port, String provider, String heap) {
    try {
      if (answers(port)) {
        throw new IllegalStateException("port " + port + " is already taken");
      }
      Path dir = Files.createTempDirectory("bench-s3proxy");
      // The filesystem back ends refuse to start without their base directory.
      Files.createDirectories(dir.resolve("blobs"));
      Path conf = dir.resolve("s3proxy.conf");
      Files.writeString(
          conf,
          String.join(
              "\n",
              "s3proxy.endpoint=http://127.0.0.1:" + port,
              "s3proxy.authorization=aws-v2-or-v4",
              "s3proxy.identity=" + IDENTITY,
              "s3proxy.credential=" + CREDENTIAL,
              "jclouds.provider=" + provider,
              "jclouds.identity=" + IDENTITY,
              "jclouds.credential=" + CREDENTIAL,
              "jclouds.filesystem.basedir=" + dir.resolve("blobs"),
              ""),
          StandardCharsets.UTF_8);
      Path log = dir.resolve("s3proxy.log");
      Process p =
          new ProcessBuilder(
                  List.of(
                      javaBin(),
                      "-Xmx" + heap,
                      "-XX:+UseParallelGC",
                      "-jar",
                      jar.toAbsolutePath().toString(),
                      "--properties",
                      conf.toString()))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        if (!p.isAlive()) {
          throw new IllegalStateException(
              "S3Proxy exited with " + p.exitValue() + " on port " + port + ": " + tail(log));
        }
        if (answers(port)) {
          Thread.sleep(200);
          if (!p.isAlive()) {
            throw new IllegalStateException(
                "S3Proxy exited after the port opened (port " + port + " taken?)");
          }
          return new S3ProxyProcess(p, dir, port);
        }
        Thread.sleep(100);
      }
      p.destroyForcibly();
      throw new IllegalStateException(
          "S3Proxy did not open port " + port + " within 60 s: " + tail(log));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  long pid() {
    return process.pid();
  }

  /** CPU the server process has used so far (for the record; it is not the client's). */
  Duration cpu() {
    return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    deleteQuietly(dir);
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean answers(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String tail(Path log) {
    try {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      return text.substring(Math.max(0, text.length() - 2000));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temp directory left behind is harmless.
    }
  }
}
