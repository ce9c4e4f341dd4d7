package io.vcon.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vcon.storage.api.BackendException;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.tck.SampleVcons;
import io.vcon.storage.testsupport.LoopbackPorts;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.embedded.RedisServer;

/**
 * {@code rediss://} against the embedded redis-server with TLS on, its certificate made with the JDK's keytool
 * for {@code IP:127.0.0.1}: the host name and the trust chain are both checked.
 */
@DisplayName("rediss:// (TLS)")
class RedisTlsTest {

  private static final String STORE_PASSWORD = "trust-Pa55";
  private static Path dir;
  private static RedisServer server;
  private static int plainPort;
  private static int tlsPort;
  private static Path truststore;
  private static Path wrongHostTruststore;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("redis-tls");
    // keytool is a JVM of its own: run both at once.
    Process good = keytool("good", "ip:127.0.0.1");
    // A certificate for another name, trusted: only the host name check can refuse it.
    Process wrongHost = keytool("wronghost", "dns:redis.example.invalid");
    truststore = certificate("good", good);
    wrongHostTruststore = certificate("wronghost", wrongHost);
    plainPort = LoopbackPorts.free();
    tlsPort = LoopbackPorts.free();
    server =
        RedisServer.builder()
            .bind("127.0.0.1")
            .port(plainPort)
            .tlsPort(tlsPort)
            .setting("save \"\"")
            .setting("appendonly no")
            .setting("dir " + dir)
            .setting("tls-cert-file " + dir.resolve("good-cert.pem"))
            .setting("tls-key-file " + dir.resolve("good-key.pem"))
            .setting("tls-auth-clients no")
            .build();
    server.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop();
    }
  }

  @Test
  @DisplayName("a trusted certificate naming the host: reads work")
  void trusted() {
    Vcon vcon = SampleVcons.vcon("2024-01-15T10:00:00Z");
    try (RedisClient plain = RedisClient.create("127.0.0.1", plainPort)) {
      plain.set(("vcon:" + vcon.id()).getBytes(StandardCharsets.UTF_8), vcon.bytes());
    }
    RedisSourceConfig config =
        RedisSourceConfig.builder()
            .url("rediss://127.0.0.1:" + tlsPort)
            .tlsTruststore(truststore, STORE_PASSWORD)
            .build();
    assertThat(config.toString())
        .contains("tls_truststore_password=****")
        .doesNotContain(STORE_PASSWORD);
    try (RedisVconSource source = RedisVconSource.create(config)) {
      assertThat(source.name()).isEqualTo("rediss://127.0.0.1:" + tlsPort + "/0");
      assertThat(source.read(vcon.id())).contains(vcon);
    }
  }

  @Test
  @DisplayName("an untrusted certificate is a non-retryable TLS error that says how to trust it")
  void untrusted() {
    RedisSourceConfig config =
        RedisSourceConfig.builder().url("rediss://127.0.0.1:" + tlsPort).build();
    try (RedisVconSource source = RedisVconSource.create(config)) {
      assertThatThrownBy(() -> source.read(VconId.of(SampleVcons.newId())))
          .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.retryable()).isFalse())
          .hasMessageContaining(
              "Redis source rediss://127.0.0.1:" + tlsPort + "/0 failed the TLS handshake")
          .hasMessageContaining("set tls_truststore");
    }
  }

  @Test
  @DisplayName("a trusted certificate for another host name is refused")
  void wrongHost() throws Exception {
    int port = LoopbackPorts.free();
    RedisServer other =
        RedisServer.builder()
            .bind("127.0.0.1")
            .port(LoopbackPorts.free())
            .tlsPort(port)
            .setting("save \"\"")
            .setting("dir " + dir)
            .setting("tls-cert-file " + dir.resolve("wronghost-cert.pem"))
            .setting("tls-key-file " + dir.resolve("wronghost-key.pem"))
            .setting("tls-auth-clients no")
            .build();
    other.start();
    try (RedisVconSource source =
        RedisVconSource.create(
            RedisSourceConfig.builder()
                .url("rediss://127.0.0.1:" + port)
                .tlsTruststore(wrongHostTruststore, STORE_PASSWORD)
                .build())) {
      assertThatThrownBy(() -> source.read(VconId.of(SampleVcons.newId())))
          .isInstanceOf(BackendException.class)
          .hasMessageContaining("failed the TLS handshake")
          .hasMessageContaining("names this host");
    } finally {
      other.stop();
    }
  }

  /** Makes {name}-cert.pem, {name}-key.pem and a trust store holding the certificate; returns the trust store. */
  private static Process keytool(String name, String san) throws Exception {
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    return new ProcessBuilder(
            List.of(
                keytool,
                "-genkeypair",
                "-alias",
                "redis",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=redis-test",
                "-ext",
                "SAN=" + san,
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                dir.resolve(name + ".p12").toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit"))
        .redirectErrorStream(true)
        .start();
  }

  private static Path certificate(String name, Process p) throws Exception {
    Path keystore = dir.resolve(name + ".p12");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + out);
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(keystore)) {
      ks.load(in, "changeit".toCharArray());
    }
    PrivateKey key = (PrivateKey) ks.getKey("redis", "changeit".toCharArray());
    Certificate cert = ks.getCertificate("redis");
    Files.writeString(dir.resolve(name + "-key.pem"), pem("PRIVATE KEY", key.getEncoded()));
    Files.writeString(dir.resolve(name + "-cert.pem"), pem("CERTIFICATE", cert.getEncoded()));
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("redis", cert);
    Path trustFile = dir.resolve(name + "-trust.p12");
    try (OutputStream o = Files.newOutputStream(trustFile)) {
      trust.store(o, STORE_PASSWORD.toCharArray());
    }
    return trustFile;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
