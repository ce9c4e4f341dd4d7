package io.vcon.storage.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The AWS endpoints that hand out temporary credentials, canned, on loopback: STS answering {@code
 * AssumeRoleWithWebIdentity} (EKS IRSA) and a container credentials endpoint (ECS task roles, EKS
 * Pod Identity, reached through {@code AWS_CONTAINER_CREDENTIALS_FULL_URI}). What is under test is
 * how the SDK's default chain is wired in, so each checks what the SDK sends (role, token,
 * authorization) and answers as AWS does: the STS query protocol's XML document, the container
 * endpoint's JSON. Start an {@link S3ProxyServer} with {@link #accessKeyId()} and {@link
 * #secretAccessKey()} so that only these credentials are accepted there.
 */
public final class CannedCredentialsServer implements AutoCloseable {

  private final HttpServer server;
  private final AtomicInteger issued = new AtomicInteger();
  private final String accessKeyId = "ASIA" + random(16).toUpperCase(Locale.ROOT);
  private final String secretAccessKey = random(40);
  private final String sessionToken = "FwoGZXIvYXdzE" + random(60);

  private CannedCredentialsServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * STS at {@code /}: a form POST with {@code Action=AssumeRoleWithWebIdentity}, {@code
   * RoleArn=roleArn} and {@code WebIdentityToken=token} gets temporary credentials; anything else
   * an STS error document.
   */
  public static CannedCredentialsServer sts(String roleArn, String token) {
    CannedCredentialsServer s = new CannedCredentialsServer();
    s.server.createContext("/", exchange -> s.answerSts(exchange, roleArn, token));
    s.server.start();
    return s;
  }

  /**
   * A container credentials endpoint at {@code /v1/credentials}: a GET whose {@code Authorization}
   * header is {@code authorization} gets temporary credentials as JSON; others get 401.
   */
  public static CannedCredentialsServer container(String authorization) {
    CannedCredentialsServer s = new CannedCredentialsServer();
    s.server.createContext(
        "/v1/credentials", exchange -> s.answerContainer(exchange, authorization));
    s.server.start();
    return s;
  }

  private void answerSts(HttpExchange exchange, String roleArn, String token) throws IOException {
    Map<String, String> form =
        form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    if (!"POST".equals(exchange.getRequestMethod())
        || !"AssumeRoleWithWebIdentity".equals(form.get("Action"))
        || !roleArn.equals(form.get("RoleArn"))
        || !token.equals(form.get("WebIdentityToken"))) {
      send(
          exchange,
          400,
          "text/xml",
          "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error>"
              + "<Type>Sender</Type><Code>InvalidIdentityToken</Code>"
              + "<Message>The web identity token, role or action is not the one expected</Message>"
              + "</Error><RequestId>"
              + UUID.randomUUID()
              + "</RequestId>"
              + "</ErrorResponse>");
      return;
    }
    issued.incrementAndGet();
    String session = form.getOrDefault("RoleSessionName", "session");
    send(
        exchange,
        200,
        "text/xml",
        "<AssumeRoleWithWebIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
            + "  <AssumeRoleWithWebIdentityResult>\n"
            + "    <SubjectFromWebIdentityToken>system:serviceaccount:vcon:writer"
            + "</SubjectFromWebIdentityToken>\n"
            + "    <Audience>sts.amazonaws.com</Audience>\n"
            + "    <AssumedRoleUser>\n"
            + "      <Arn>"
            + roleArn.replace(":iam::", ":sts::").replace(":role/", ":assumed-role/")
            + "/"
            + session
            + "</Arn>\n"
            + "      <AssumedRoleId>AROA3EXAMPLEROLEID:"
            + session
            + "</AssumedRoleId>\n"
            + "    </AssumedRoleUser>\n"
            + "    <Credentials>\n"
            + "      <AccessKeyId>"
            + accessKeyId
            + "</AccessKeyId>\n"
            + "      <SecretAccessKey>"
            + secretAccessKey
            + "</SecretAccessKey>\n"
            + "      <SessionToken>"
            + sessionToken
            + "</SessionToken>\n"
            + "      <Expiration>"
            + expiration()
            + "</Expiration>\n"
            + "    </Credentials>\n"
            + "    <Provider>arn:aws:iam::123456789012:oidc-provider/"
            + "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE</Provider>\n"
            + "  </AssumeRoleWithWebIdentityResult>\n"
            + "  <ResponseMetadata>\n"
            + "    <RequestId>"
            + UUID.randomUUID()
            + "</RequestId>\n"
            + "  </ResponseMetadata>\n"
            + "</AssumeRoleWithWebIdentityResponse>\n");
  }

  private void answerContainer(HttpExchange exchange, String authorization) throws IOException {
    exchange.getRequestBody().readAllBytes();
    if (!"GET".equals(exchange.getRequestMethod())
        || !authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      send(
          exchange,
          401,
          "application/json",
          "{\"code\":\"Unauthorized\",\"message\":\"bad authorization\"}");
      return;
    }
    issued.incrementAndGet();
    send(
        exchange,
        200,
        "application/json",
        "{\"AccessKeyId\":\""
            + accessKeyId
            + "\",\"SecretAccessKey\":\""
            + secretAccessKey
            + "\",\"Token\":\""
            + sessionToken
            + "\",\"AccountId\":\"123456789012\","
            + "\"Expiration\":\""
            + expiration()
            + "\"}");
  }

  private static String expiration() {
    return Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> values = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        values.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  private static String random(int length) {
    StringBuilder out = new StringBuilder();
    while (out.length() < length) {
      out.append(UUID.randomUUID().toString().replace("-", ""));
    }
    return out.substring(0, length);
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** How many times credentials were handed out. */
  public int issued() {
    return issued.get();
  }

  public String accessKeyId() {
    return accessKeyId;
  }

  public String secretAccessKey() {
    return secretAccessKey;
  }

  public String sessionToken() {
    return sessionToken;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
