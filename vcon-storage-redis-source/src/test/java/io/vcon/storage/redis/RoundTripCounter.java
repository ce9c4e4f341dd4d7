package io.vcon.storage.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on a free loopback port in front of a real server that counts round trips: every burst of bytes a
 * client sends after the server last answered it (or first on a connection) is one. A client that sends two
 * commands one after the other waits for the first answer in between, which makes two; a pipeline flushes both
 * at once, which makes one. Bytes pass through unchanged.
 */
final class RoundTripCounter implements AutoCloseable {

  private final int target;
  private final ServerSocket listener;
  private final AtomicInteger trips = new AtomicInteger();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  RoundTripCounter(int targetPort) {
    this.target = targetPort;
    try {
      listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread accept = new Thread(this::accept, "round-trip-relay");
    accept.setDaemon(true);
    accept.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Round trips since the last {@link #reset()}. */
  int trips() {
    return trips.get();
  }

  void reset() {
    trips.set(0);
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        sockets.add(client);
        sockets.add(server);
        // answered: the server has spoken since the client last did, so the client's next bytes
        // start a trip.
        boolean[] answered = {true};
        pump(
            client,
            server,
            () -> {
              synchronized (answered) {
                if (answered[0]) {
                  trips.incrementAndGet();
                  answered[0] = false;
                }
              }
            });
        pump(
            server,
            client,
            () -> {
              synchronized (answered) {
                answered[0] = true;
              }
            });
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private static void pump(Socket from, Socket to, Runnable beforeForwarding) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[64 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  beforeForwarding.run();
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // one side closed
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "round-trip-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing
    }
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing
    }
    sockets.forEach(RoundTripCounter::closeQuietly);
  }
}
