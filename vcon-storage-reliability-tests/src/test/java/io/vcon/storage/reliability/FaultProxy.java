package io.vcon.storage.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A loopback proxy scripted per test, in front of a real server (S3Proxy or redis-server): DESIGN §6's fault
 * injection. In HTTP mode it reads each request whole, then applies the first matching rule: answer an S3
 * error itself, reset the connection before or in the middle of the request body, stall, or forward the
 * request and then truncate, corrupt, drop or pass the response. Every forwarded exchange uses its own upstream
 * connection and says {@code Connection: close}, so a client never reuses a connection a fault broke. In TCP
 * mode (Redis) it relays bytes and drops or swallows the client's next command.
 *
 * <p>Every wait is bounded; {@link #close()} ends every thread it started.
 */
final class FaultProxy implements AutoCloseable {

  /** What a rule does to a matching request. */
  enum Fault {
    PASS("passes"),
    SLOW_DOWN_503("503 SlowDown"),
    INTERNAL_ERROR_500("500 InternalError"),
    RESET_BEFORE_BODY("reset before request body"),
    RESET_MID_BODY("reset mid request body"),
    TRUNCATE_RESPONSE("truncated response"),
    CORRUPT_RESPONSE("altered response byte"),
    STALL("stall beyond timeout"),
    IGNORE_CONDITION("412 turned into 200, as a server ignoring If-None-Match answers"),
    DROP_CONNECTION("connection dropped"),
    // The server has acted on the request (stored the object) but the client never hears it: the
    // SDK retries a
    // request that already succeeded, which is how a conditional PUT comes back 412 for our own
    // write.
    DROP_RESPONSE("forwarded whole, response dropped (reset)");

    final String label;

    Fault(String label) {
      this.label = label;
    }
  }

  /** One HTTP request as the proxy saw it; {@code headers} have lower-case names. */
  record Request(String method, String target, Map<String, String> headers) {
    String path() {
      int q = target.indexOf('?');
      return q < 0 ? target : target.substring(0, q);
    }

    String query() {
      int q = target.indexOf('?');
      return q < 0 ? "" : target.substring(q + 1);
    }

    boolean isPointer() {
      return path().contains("/lookup/");
    }
  }

  private static final class Rule {
    final Predicate<Request> when;
    final Fault fault;
    final AtomicInteger remaining;

    Rule(Predicate<Request> when, Fault fault, int times) {
      this.when = when;
      this.fault = fault;
      this.remaining = new AtomicInteger(times);
    }
  }

  private static final long MAX_STALL_MILLIS = 20_000;

  private final boolean http;
  private final int upstreamPort;
  private final ServerSocket server;
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final List<String> seen = Collections.synchronizedList(new ArrayList<>());
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final AtomicInteger faultsApplied = new AtomicInteger();
  private volatile boolean closed;

  private FaultProxy(boolean http, int upstreamPort) {
    this.http = http;
    this.upstreamPort = upstreamPort;
    try {
      server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    start("fault-proxy-accept", this::acceptLoop);
  }

  /** An HTTP-aware proxy to {@code 127.0.0.1:upstreamPort}. */
  static FaultProxy http(int upstreamPort) {
    return new FaultProxy(true, upstreamPort);
  }

  /** A byte relay to {@code 127.0.0.1:upstreamPort} (for Redis); rules see no request, only "a command". */
  static FaultProxy tcp(int upstreamPort) {
    return new FaultProxy(false, upstreamPort);
  }

  int port() {
    return server.getLocalPort();
  }

  /** Applies {@code fault} to the next {@code times} requests matching {@code when} (MAX_VALUE: all). */
  FaultProxy inject(Predicate<Request> when, Fault fault, int times) {
    rules.add(new Rule(when, fault, times));
    return this;
  }

  /** Removes every rule: requests pass again. */
  void clear() {
    rules.clear();
  }

  /** How many times a rule fired since the last {@link #resetCounts()}. */
  int faultsApplied() {
    return faultsApplied.get();
  }

  /**
   * The requests seen so far, as {@code METHOD target -> fault}, followed by {@code (upstream NNN)} with the
   * server's status for each request that was forwarded.
   */
  List<String> seen() {
    synchronized (seen) {
      return List.copyOf(seen);
    }
  }

  void resetCounts() {
    faultsApplied.set(0);
    seen.clear();
  }

  private Fault decide(Request request) {
    for (Rule rule : rules) {
      if (rule.when.test(request)
          && rule.remaining.getAndUpdate(n -> n > 0 ? (n == Integer.MAX_VALUE ? n : n - 1) : 0)
              > 0) {
        faultsApplied.incrementAndGet();
        return rule.fault;
      }
    }
    return Fault.PASS;
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        open.add(client);
        start(
            "fault-proxy-conn",
            () -> {
              try {
                if (http) {
                  serveHttp(client);
                } else {
                  serveTcp(client);
                }
              } catch (IOException e) {
                // the client or the upstream went away: nothing more to relay
              } finally {
                closeQuietly(client);
              }
            });
      } catch (IOException e) {
        // closed
      }
    }
  }

  // ---------------------------------------------------------------- HTTP

  private void serveHttp(Socket client) throws IOException {
    InputStream in = client.getInputStream();
    OutputStream out = client.getOutputStream();
    byte[] head = readHead(in);
    if (head == null) {
      return;
    }
    String text = new String(head, StandardCharsets.ISO_8859_1);
    String[] lines = text.split("\r\n");
    String[] requestLine = lines[0].split(" ");
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    Request request = new Request(requestLine[0], requestLine[1], headers);
    Fault fault = decide(request);
    String entry = request.method() + " " + request.target() + " -> " + fault.label;
    seen.add(entry);
    if (headers.containsKey("transfer-encoding")) {
      throw new IllegalStateException(
          "the fault proxy reads Content-Length bodies only: " + headers);
    }
    long length = Long.parseLong(headers.getOrDefault("content-length", "0"));
    if (fault == Fault.RESET_BEFORE_BODY) {
      reset(client);
      return;
    }
    if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
    if (fault == Fault.RESET_MID_BODY) {
      in.readNBytes((int) Math.max(1, length / 2));
      reset(client);
      return;
    }
    byte[] body = in.readNBytes((int) length);
    switch (fault) {
      case SLOW_DOWN_503 -> answerError(out, 503, "SlowDown", "Please reduce your request rate.");
      case INTERNAL_ERROR_500 ->
          answerError(out, 500, "InternalError", "We encountered an internal error.");
      case STALL -> stall(client);
      default -> forward(client, request, lines, body, fault, entry);
    }
  }

  private void forward(
      Socket client, Request request, String[] lines, byte[] body, Fault fault, String entry)
      throws IOException {
    StringBuilder head = new StringBuilder(lines[0]).append("\r\n");
    for (int i = 1; i < lines.length; i++) {
      String name =
          lines[i].contains(":")
              ? lines[i].substring(0, lines[i].indexOf(':')).trim().toLowerCase(Locale.ROOT)
              : "";
      if (name.equals("expect") || name.equals("connection")) {
        continue;
      }
      head.append(lines[i]).append("\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    byte[] response;
    try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
      open.add(upstream);
      upstream.setSoTimeout(60_000);
      OutputStream up = upstream.getOutputStream();
      up.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      up.write(body);
      up.flush();
      response = upstream.getInputStream().readAllBytes();
    } finally {
      open.removeIf(Socket::isClosed);
    }
    noteUpstreamStatus(
        entry,
        response.length >= 12 ? new String(response, 9, 3, StandardCharsets.US_ASCII) : "none");
    int split = indexOf(response, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII)) + 4;
    OutputStream out = client.getOutputStream();
    boolean ok =
        response.length > 12
            && new String(response, 9, 3, StandardCharsets.US_ASCII).startsWith("2");
    if (fault == Fault.DROP_RESPONSE) {
      reset(client);
      return;
    }
    if (fault == Fault.TRUNCATE_RESPONSE) {
      int bodyLength = response.length - split;
      out.write(response, 0, bodyLength > 0 ? split + bodyLength / 2 : split / 2);
      out.flush();
      reset(client);
      return;
    }
    if (fault == Fault.IGNORE_CONDITION
        && new String(response, 9, 3, StandardCharsets.US_ASCII).equals("412")) {
      response =
          "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII);
    }
    if (fault == Fault.CORRUPT_RESPONSE && ok && response.length > split) {
      corrupt(response, split);
    }
    out.write(response);
    out.flush();
  }

  /** Adds the server's status to the request's log entry, so a test can tell what each attempt got back. */
  private void noteUpstreamStatus(String entry, String status) {
    synchronized (seen) {
      // Found by identity, not index: resetCounts() may have cleared the log meanwhile.
      for (int i = seen.size() - 1; i >= 0; i--) {
        if (seen.get(i) == entry) {
          seen.set(i, entry + " (upstream " + status + ")");
          return;
        }
      }
    }
  }

  /** Changes one letter inside the body into another letter: same length, often still valid JSON. */
  private static void corrupt(byte[] response, int bodyStart) {
    for (int i = bodyStart + (response.length - bodyStart) / 2; i < response.length; i++) {
      if (response[i] >= 'a' && response[i] < 'z') {
        response[i]++;
        return;
      }
    }
    response[response.length - 1] ^= 0x01;
  }

  private static void answerError(OutputStream out, int status, String code, String message)
      throws IOException {
    byte[] xml =
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
                + code
                + "</Code><Message>"
                + message
                + "</Message><RequestId>FAULT</RequestId><HostId>FAULT</HostId></Error>")
            .getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + status
            + " "
            + code
            + "\r\nContent-Type: application/xml\r\nConnection: close\r\n"
            + "Content-Length: "
            + xml.length
            + "\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(xml);
    out.flush();
  }

  /** Says nothing until the client gives up (closes) or the bound passes. */
  private void stall(Socket client) throws IOException {
    client.setSoTimeout(100);
    long deadline = System.nanoTime() + MAX_STALL_MILLIS * 1_000_000;
    InputStream in = client.getInputStream();
    while (!closed && System.nanoTime() < deadline) {
      try {
        if (in.read() < 0) {
          return;
        }
      } catch (SocketTimeoutException e) {
        // still waiting
      }
    }
  }

  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    byte[] buf = new byte[4];
    int count = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      buf[count++ % 4] = (byte) b;
      if (count >= 4
          && buf[(count - 4) % 4] == '\r'
          && buf[(count - 3) % 4] == '\n'
          && buf[(count - 2) % 4] == '\r'
          && buf[(count - 1) % 4] == '\n') {
        break;
      }
      if (head.size() > 64 * 1024) {
        throw new IOException("request head over 64 KiB");
      }
    }
    return head.toByteArray();
  }

  private static int indexOf(byte[] data, byte[] pattern) {
    outer:
    for (int i = 0; i + pattern.length <= data.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return data.length - 4;
  }

  // ---------------------------------------------------------------- TCP

  private void serveTcp(Socket client) throws IOException {
    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
    open.add(upstream);
    try {
      Thread back = start("fault-proxy-back", () -> pump(upstream, client));
      InputStream in = client.getInputStream();
      OutputStream up = upstream.getOutputStream();
      byte[] buffer = new byte[16 * 1024];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        Fault fault = decide(new Request("CMD", "", Map.of()));
        seen.add("CMD " + n + " bytes -> " + fault.label);
        if (fault == Fault.DROP_CONNECTION) {
          reset(client);
          reset(upstream);
          return;
        }
        if (fault == Fault.STALL) {
          continue; // swallowed: the reply never comes
        }
        up.write(buffer, 0, n);
        up.flush();
      }
      back.interrupt();
    } finally {
      closeQuietly(upstream);
    }
  }

  private static void pump(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
    } catch (IOException e) {
      // one side closed
    } finally {
      closeQuietly(to);
    }
  }

  // ---------------------------------------------------------------- plumbing

  private Thread start(String name, Runnable body) {
    Thread t =
        new Thread(
            () -> {
              try {
                body.run();
              } finally {
                threads.remove(Thread.currentThread());
              }
            },
            name);
    t.setDaemon(true);
    threads.add(t);
    t.start();
    return t;
  }

  private static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (IOException e) {
      // already closed
    }
    closeQuietly(socket);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing to do
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // nothing to do
    }
    open.forEach(FaultProxy::closeQuietly);
    for (Thread t : threads) {
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
