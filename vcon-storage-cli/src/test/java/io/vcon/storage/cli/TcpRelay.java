package io.vcon.storage.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP relay in front of a server, for real network outages: {@link #stop()} closes the listening socket
 * and cuts every open connection (clients then get "connection refused"); {@link #start()} listens again on the
 * same port.
 */
final class TcpRelay implements AutoCloseable {

  private final InetSocketAddress target;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong bytesToServer = new AtomicLong();
  private volatile ServerSocket server;
  private int port;

  TcpRelay(URI target) {
    this.target = new InetSocketAddress(target.getHost(), target.getPort());
    start();
  }

  synchronized void start() {
    try {
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
      port = s.getLocalPort();
      server = s;
      Thread acceptor = new Thread(() -> accept(s), "tcp-relay-" + port);
      acceptor.setDaemon(true);
      acceptor.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  synchronized void stop() {
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    open.forEach(TcpRelay::closeQuietly);
    open.clear();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Bytes relayed from clients to the server so far. */
  long bytesToServer() {
    return bytesToServer.get();
  }

  private void accept(ServerSocket s) {
    while (!s.isClosed()) {
      try {
        Socket client = s.accept();
        Socket upstream = new Socket();
        upstream.connect(target, 2000);
        open.add(client);
        open.add(upstream);
        pump(client, upstream, bytesToServer);
        pump(upstream, client, new AtomicLong());
      } catch (IOException e) {
        // closed by stop(), or the server refused: the client sees its connection end
      }
    }
  }

  private void pump(Socket from, Socket to, AtomicLong counter) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  out.write(buffer, 0, n);
                  out.flush();
                  counter.addAndGet(n);
                }
              } catch (IOException e) {
                // cut
              } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
              }
            },
            "tcp-relay-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() {
    stop();
  }
}
