package io.vcon.storage.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A loopback HTTP/1.1 server that answers every request with one canned S3 response, for the faults S3Proxy
 * cannot produce (a bucket in another region, 503 SlowDown). Plain sockets, so it needs no extra JDK module.
 */
final class CannedS3Server implements AutoCloseable {

  private final ServerSocket socket;
  private final AtomicInteger requests = new AtomicInteger();
  private final Function<String, Canned> responses;
  private final Thread acceptor;

  /** One response: status line, headers and body. */
  record Canned(byte[] head, byte[] body) {
    static Canned of(int status, Map<String, String> headers, String xmlBody) {
      StringBuilder h = new StringBuilder("HTTP/1.1 ").append(status).append(" Canned\r\n");
      headers.forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
      h.append("Content-Type: application/xml\r\nConnection: close\r\n");
      return new Canned(
          h.toString().getBytes(StandardCharsets.US_ASCII),
          xmlBody.getBytes(StandardCharsets.UTF_8));
    }
  }

  private CannedS3Server(int status, Map<String, String> headers, String xmlBody) {
    this(requestLine -> Canned.of(status, headers, xmlBody));
  }

  /** Answers each request with what {@code responses} gives for its head ({@code GET /b?versioning ...}, headers). */
  private CannedS3Server(Function<String, Canned> responses) {
    this.responses = responses;
    try {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    acceptor = new Thread(this::serve, "canned-s3");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Answers {@code status} with an S3 error document {@code code}/{@code message} and extra headers. */
  static CannedS3Server error(
      int status, String code, String message, Map<String, String> headers) {
    String xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
            + code
            + "</Code><Message>"
            + message
            + "</Message><RequestId>R1</RequestId><HostId>H1</HostId></Error>";
    return new CannedS3Server(status, headers, xml);
  }

  /**
   * A bucket with settings: a request whose query names a key of {@code xmlByQuery} (e.g. {@code versioning})
   * gets 200 with that body; one naming a key of {@code errorsByQuery} gets 404 with that S3 error code; anything
   * else (HeadBucket) gets 200 with an empty body.
   */
  static CannedS3Server bucket(Map<String, String> xmlByQuery, Map<String, String> errorsByQuery) {
    return new CannedS3Server(
        requestLine -> {
          String target = requestLine.split(" ", 3)[1];
          String query = target.contains("?") ? target.substring(target.indexOf('?') + 1) : "";
          for (String param : query.split("&")) {
            String name = param.contains("=") ? param.substring(0, param.indexOf('=')) : param;
            if (xmlByQuery.containsKey(name)) {
              return Canned.of(
                  200,
                  Map.of(),
                  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + xmlByQuery.get(name));
            }
            if (errorsByQuery.containsKey(name)) {
              String code = errorsByQuery.get(name);
              return Canned.of(
                  404,
                  Map.of(),
                  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
                      + code
                      + "</Code><Message>"
                      + code
                      + "</Message><RequestId>R1</RequestId><HostId>H1</HostId></Error>");
            }
          }
          return Canned.of(200, Map.of(), "");
        });
  }

  /**
   * A bucket in {@code region}, as S3 answers for it: a request signed for that region gets 200
   * with no body (a PUT also an ETag); one signed for any other gets 301 PermanentRedirect with
   * {@code x-amz-bucket-region}.
   */
  static CannedS3Server bucketInRegion(String region) {
    return new CannedS3Server(
        head -> {
          if (head.contains("/" + region + "/s3/aws4_request")) {
            return Canned.of(
                200,
                Map.of(
                    "ETag", "\"d41d8cd98f00b204e9800998ecf8427e\"", "x-amz-bucket-region", region),
                "");
          }
          return Canned.of(
              301,
              Map.of("x-amz-bucket-region", region),
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  + "<Error><Code>PermanentRedirect</Code><Message>The bucket you are attempting to"
                  + " access must be addressed using the specified endpoint. Please send all future"
                  + " requests to this endpoint.</Message>"
                  + "<RequestId>R1</RequestId><HostId>H1</HostId></Error>");
        });
  }

  /** Answers 200 with no body and {@code headers} (e.g. a HeadObject answer with Object Lock headers). */
  static CannedS3Server ok(Map<String, String> headers) {
    return new CannedS3Server(200, headers, "");
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept()) {
        answer(client);
      } catch (IOException e) {
        // closed, or the client went away: nothing to answer
      }
    }
  }

  private void answer(Socket client) throws IOException {
    InputStream in = client.getInputStream();
    String request = readHead(in);
    requests.incrementAndGet();
    String lower = request.toLowerCase(Locale.ROOT);
    boolean isHead = request.startsWith("HEAD ");
    if (!lower.contains("expect: 100-continue")) {
      // Drain the body so that closing the socket does not reset the connection before the client
      // reads.
      int at = lower.indexOf("content-length:");
      if (at >= 0) {
        long length = Long.parseLong(lower.substring(at + 15, lower.indexOf("\r\n", at)).trim());
        in.skipNBytes(length);
      }
    }
    Canned canned = responses.apply(request);
    byte[] body = canned.body();
    OutputStream out = client.getOutputStream();
    out.write(canned.head());
    out.write(
        ("Content-Length: " + (isHead ? 0 : body.length) + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    if (!isHead) {
      out.write(body);
    }
    out.flush();
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    int b;
    while (matched < 4 && (b = in.read()) >= 0) {
      head.write(b);
      matched =
          (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b
              ? matched + 1
              : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort());
  }

  int requests() {
    return requests.get();
  }

  @Override
  public void close() {
    try {
      socket.close();
      acceptor.join(5_000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
