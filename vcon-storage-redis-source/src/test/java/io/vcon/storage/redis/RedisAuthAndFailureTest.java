package io.vcon.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vcon.storage.api.BackendException;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.tck.SampleVcons;
import io.vcon.storage.testsupport.LoopbackPorts;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Protocol;

@DisplayName("authentication and connection failures")
class RedisAuthAndFailureTest {

  private static final String PASSWORD = "s3cr3t-Pa55";

  @Nested
  @DisplayName("a server with requirepass")
  class Auth {

    @RegisterExtension
    static final RedisServerExtension REDIS = RedisServerExtension.withPassword(PASSWORD);

    @Test
    @DisplayName("the right password reads; name() and toString() never show it")
    void rightPassword() {
      Vcon vcon = SampleVcons.vcon("2024-01-15T10:00:00Z");
      REDIS.admin().set(("vcon:" + vcon.id()).getBytes(StandardCharsets.UTF_8), vcon.bytes());
      RedisSourceConfig config = REDIS.config().build();
      try (RedisVconSource source = RedisVconSource.create(config)) {
        assertThat(source.read(vcon.id())).contains(vcon);
        assertThat(source.name())
            .doesNotContain(PASSWORD)
            .isEqualTo("redis://127.0.0.1:" + REDIS.port() + "/0");
        assertThat(source.toString()).doesNotContain(PASSWORD);
        assertThat(config.toString()).doesNotContain(PASSWORD).contains("password=****");
      }
    }

    @Test
    @DisplayName(
        "a wrong password is a typed, non-retryable error that does not contain the password")
    void wrongPassword() {
      String wrong = "wr0ng-Pa55word";
      RedisSourceConfig config =
          REDIS.config().url("redis://default:" + wrong + "@127.0.0.1:" + REDIS.port()).build();
      try (RedisVconSource source = RedisVconSource.create(config)) {
        assertThatThrownBy(() -> source.read(VconId.of(SampleVcons.newId())))
            .isInstanceOfSatisfying(
                BackendException.class,
                e -> {
                  assertThat(e.retryable()).isFalse();
                  assertThat(e.store()).contains(source.name());
                  assertThat(everyMessage(e))
                      .noneMatch(m -> m.contains(wrong) || m.contains(PASSWORD));
                })
            .hasMessageContaining(
                "Redis source redis://127.0.0.1:" + REDIS.port() + "/0 refused authentication")
            .hasMessageContaining("WRONGPASS")
            .hasMessageContaining(
                "Check the user and password in the url option (the password is not shown)");
      }
    }

    @Test
    @DisplayName(
        "an ACL user from user:password@ reads its keys; keys outside its ACL are NOPERM, a typed"
            + " error")
    void aclUser() {
      REDIS
          .admin()
          .executeCommand(
              new CommandArguments(Protocol.Command.ACL)
                  .addObjects(
                      "SETUSER",
                      "reader",
                      "on",
                      ">reader-Pa55",
                      "~vcon:*",
                      "+@read",
                      "+@connection"));
      REDIS
          .admin()
          .executeCommand(
              new CommandArguments(Protocol.Command.ACL)
                  .addObjects(
                      "SETUSER",
                      "outsider",
                      "on",
                      ">outsider-Pa55",
                      "~other:*",
                      "+@read",
                      "+@connection"));
      Vcon vcon = SampleVcons.vcon("2024-01-15T10:00:00Z");
      REDIS.admin().set(("vcon:" + vcon.id()).getBytes(StandardCharsets.UTF_8), vcon.bytes());

      String reader = "redis://reader:reader-Pa55@127.0.0.1:" + REDIS.port();
      try (RedisVconSource source = RedisVconSource.create(REDIS.config().url(reader).build())) {
        assertThat(source.read(vcon.id())).contains(vcon);
      }
      String outsider = "redis://outsider:outsider-Pa55@127.0.0.1:" + REDIS.port();
      try (RedisVconSource source = RedisVconSource.create(REDIS.config().url(outsider).build())) {
        assertThatThrownBy(() -> source.read(vcon.id()))
            .isInstanceOfSatisfying(
                BackendException.class,
                e -> {
                  assertThat(e.retryable()).isFalse();
                  assertThat(everyMessage(e)).noneMatch(m -> m.contains("outsider-Pa55"));
                })
            .hasMessageContaining(
                "refused authentication while reading the type of key \"vcon:" + vcon.id())
            .hasMessageContaining("NOPERM");
      }
    }

    @Test
    @DisplayName("a missing password gets NOAUTH as a typed error")
    void missingPassword() {
      RedisSourceConfig config = REDIS.config().url("redis://127.0.0.1:" + REDIS.port()).build();
      try (RedisVconSource source = RedisVconSource.create(config)) {
        assertThatThrownBy(() -> source.read(VconId.of(SampleVcons.newId())))
            .isInstanceOfSatisfying(
                BackendException.class, e -> assertThat(e.retryable()).isFalse())
            .hasMessageContaining("refused authentication")
            .hasMessageContaining("NOAUTH");
        assertThatThrownBy(() -> source.ids().count())
            .isInstanceOf(BackendException.class)
            .hasMessageContaining("refused authentication while scanning keys \"vcon:*\"");
      }
    }
  }

  @Nested
  @DisplayName("a server that goes away")
  class ConnectionLoss {

    @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.plain();

    @Test
    @DisplayName(
        "connection refused is retried max_retries times, then a retryable BackendException names"
            + " the source")
    void refusedAfterRetries() {
      Vcon vcon = SampleVcons.vcon("2024-01-15T10:00:00Z");
      REDIS.admin().set(("vcon:" + vcon.id()).getBytes(StandardCharsets.UTF_8), vcon.bytes());
      RedisSourceConfig config =
          REDIS.config().maxRetries(2).retryBackoff(Duration.ofMillis(20)).build();
      try (RedisVconSource source = RedisVconSource.create(config)) {
        assertThat(source.read(vcon.id())).contains(vcon);

        REDIS.stop();
        long started = System.nanoTime();

        assertThatThrownBy(() -> source.read(vcon.id()))
            .isInstanceOfSatisfying(
                BackendException.class,
                e -> {
                  assertThat(e.retryable()).isTrue();
                  assertThat(e.vconId()).contains(vcon.id().value());
                  assertThat(e.store()).contains(source.name());
                })
            .hasMessageContaining(
                "Redis source " + source.name() + " is unreachable while reading the type of key")
            .hasMessageContaining("after 3 attempts")
            .hasMessageContaining("Check that Redis runs at that address");
        // Two pauses of 20 ms and 40 ms happened: the retries were real, and short.
        assertThat(Duration.ofNanos(System.nanoTime() - started))
            .isGreaterThanOrEqualTo(Duration.ofMillis(60));
        assertThatThrownBy(() -> source.idsCreatedBetween(Instant.EPOCH, Instant.now()).count())
            .isInstanceOf(BackendException.class)
            .hasMessageContaining(
                "is unreachable while reading sorted set \"vcons\" after 3 attempts");
      } finally {
        REDIS.start();
      }
    }

    @Test
    @DisplayName(
        "after a Redis restart the pooled connection is broken; the retry reconnects and the read"
            + " succeeds")
    void retryRecoversAfterRestart() {
      RedisSourceConfig config = REDIS.config().maxRetries(1).build();
      try (RedisVconSource source = RedisVconSource.create(config)) {
        VconId id = VconId.of(SampleVcons.newId());
        assertThat(source.read(id)).isEmpty();

        REDIS.restartOnSamePort();
        Vcon vcon = SampleVcons.vcon(id.value(), "2024-01-15T10:00:00Z");
        REDIS.admin().set(("vcon:" + id).getBytes(StandardCharsets.UTF_8), vcon.bytes());

        assertThat(source.read(id)).contains(vcon);
      }
    }

    @Test
    @DisplayName(
        "a server that accepts but never answers times out after the timeout option, then retries")
    void silentServerTimesOut() throws Exception {
      try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
        RedisSourceConfig config =
            RedisSourceConfig.builder()
                .url("redis://127.0.0.1:" + silent.getLocalPort())
                .timeout(Duration.ofMillis(200))
                .maxRetries(1)
                .retryBackoff(Duration.ofMillis(10))
                .build();
        try (RedisVconSource source = RedisVconSource.create(config)) {
          long started = System.nanoTime();
          assertThatThrownBy(() -> source.read(VconId.of(SampleVcons.newId())))
              .isInstanceOfSatisfying(
                  BackendException.class, e -> assertThat(e.retryable()).isTrue())
              .hasMessageContaining("is unreachable while reading the type of key")
              .hasMessageContaining("after 2 attempts")
              .hasMessageContaining("timed out");
          assertThat(Duration.ofNanos(System.nanoTime() - started))
              .isBetween(Duration.ofMillis(400), Duration.ofSeconds(5));
        }
      }
    }

    @Test
    @DisplayName("max_retries 0 fails on the first attempt")
    void noRetries() {
      int port = LoopbackPorts.free();
      RedisSourceConfig config =
          RedisSourceConfig.builder().url("redis://127.0.0.1:" + port).maxRetries(0).build();
      try (RedisVconSource source = RedisVconSource.create(config)) {
        assertThatThrownBy(() -> source.read(VconId.of(SampleVcons.newId())))
            .isInstanceOf(BackendException.class)
            .hasMessageContaining("Redis source redis://127.0.0.1:" + port + "/0 is unreachable")
            .hasMessageNotContaining("attempts");
      }
    }
  }

  static List<String> everyMessage(Throwable e) {
    return Stream.iterate(e, t -> t != null, Throwable::getCause)
        .map(t -> String.valueOf(t.getMessage()))
        .toList();
  }
}
