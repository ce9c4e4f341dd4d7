package io.vcon.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.vcon.storage.spi.DiagnosticOptions;
import io.vcon.storage.spi.DiagnosticResult;
import io.vcon.storage.spi.DiagnosticResult.Status;
import io.vcon.storage.testsupport.LoopbackPorts;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("the Redis source's doctor checks against a real redis-server")
class RedisDiagnosticsTest {

  private static final String PASSWORD = "d0ctor-Pa55-9c1e";

  private static List<DiagnosticResult> diagnose(RedisSourceConfig config) {
    try (RedisVconSource source = RedisVconSource.create(config)) {
      return source.diagnose(DiagnosticOptions.readOnly());
    }
  }

  @Nested
  @DisplayName("a plain server")
  class Plain {

    @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.plain();

    @Test
    @DisplayName("reachable, no auth needed, no RedisJSON (warn with the fix), sorted-set size")
    void healthy() {
      String set = "diag-" + UUID.randomUUID() + ":vcons";
      REDIS.admin().zadd(set, 1_700_000_000, UUID.randomUUID().toString());
      REDIS.admin().zadd(set, 1_700_000_001, UUID.randomUUID().toString());
      String name = "redis://127.0.0.1:" + REDIS.port() + "/0";

      List<DiagnosticResult> results = diagnose(REDIS.config().sortedSet(set).build());

      assertThat(results)
          .containsExactly(
              DiagnosticResult.ok("reachable", name + " answers PING"),
              DiagnosticResult.ok("auth", "no password configured, and the server asks for none"),
              DiagnosticResult.warn(
                  "json-module",
                  "RedisJSON is not loaded (MODULE LIST): only vCons kept as JSON strings"
                      + " can be read",
                  "if vcon-server writes here, load RedisJSON (Redis Stack, or Redis 8 with its"
                      + " modules): vcon-server stores vCons with JSON.SET"),
              DiagnosticResult.ok("sorted-set", "sorted set \"" + set + "\" has 2 members"));
    }

    @Test
    @DisplayName("quick (a health check): PING and auth only")
    void quick() {
      try (RedisVconSource source = RedisVconSource.create(REDIS.config().build())) {
        assertThat(source.diagnose(DiagnosticOptions.quick()))
            .extracting(DiagnosticResult::check)
            .containsExactly("reachable", "auth");
      }
    }

    @Test
    @DisplayName("a missing sorted set warns; a key of another type fails")
    void sortedSetProblems() {
      String missing = "diag-" + UUID.randomUUID();
      assertThat(diagnose(REDIS.config().sortedSet(missing).build()).get(3).status())
          .isEqualTo(Status.WARN);
      String wrongType = "diag-" + UUID.randomUUID();
      REDIS.admin().set(wrongType, "x");
      DiagnosticResult result = diagnose(REDIS.config().sortedSet(wrongType).build()).get(3);
      assertThat(result)
          .isEqualTo(
              DiagnosticResult.fail(
                  "sorted-set",
                  "key \"" + wrongType + "\" holds a string, not a" + " sorted set",
                  "set sorted_set to the index vcon-server keeps (default vcons)"));
    }

    @Test
    @DisplayName("nothing listening: reachable fails and the other checks are left out")
    void unreachable() {
      int port = LoopbackPorts.free();
      List<DiagnosticResult> results =
          diagnose(
              RedisSourceConfig.builder().url("redis://127.0.0.1:" + port).maxRetries(0).build());
      assertThat(results).hasSize(1);
      assertThat(results.get(0).check()).isEqualTo("reachable");
      assertThat(results.get(0).status()).isEqualTo(Status.FAIL);
      assertThat(results.get(0).message())
          .startsWith("redis://127.0.0.1:" + port + "/0 does not answer PING: ");
    }
  }

  @Nested
  @DisplayName("a server with requirepass")
  class Auth {

    @RegisterExtension
    static final RedisServerExtension REDIS = RedisServerExtension.withPassword(PASSWORD);

    @Test
    @DisplayName("the right password: auth ok, never shown")
    void rightPassword() {
      List<DiagnosticResult> results = diagnose(REDIS.config().build());
      assertThat(results.get(1))
          .isEqualTo(
              DiagnosticResult.ok("auth", "the password from the url is accepted (not shown)"));
      assertThat(results.toString()).doesNotContain(PASSWORD);
    }

    @Test
    @DisplayName("a wrong password fails auth without showing either password")
    void wrongPassword() {
      String wrong = "wr0ng-d0ctor-Pa55";
      List<DiagnosticResult> results =
          diagnose(
              REDIS
                  .config()
                  .url("redis://default:" + wrong + "@127.0.0.1:" + REDIS.port())
                  .maxRetries(0)
                  .build());
      assertThat(results).extracting(DiagnosticResult::check).containsExactly("reachable", "auth");
      assertThat(results.get(1).status()).isEqualTo(Status.FAIL);
      assertThat(results.get(1).message())
          .contains("refuses the connection's credentials")
          .contains("WRONGPASS");
      assertThat(results.get(1).advice())
          .isEqualTo("check the user and password in the url (not shown here)");
      assertThat(results.toString()).doesNotContain(wrong).doesNotContain(PASSWORD);
    }

    @Test
    @DisplayName("no password against requirepass: auth fails and says where the password goes")
    void noPassword() {
      List<DiagnosticResult> results =
          diagnose(
              RedisSourceConfig.builder()
                  .url("redis://127.0.0.1:" + REDIS.port())
                  .maxRetries(0)
                  .build());
      assertThat(results.get(1).check()).isEqualTo("auth");
      assertThat(results.get(1).status()).isEqualTo(Status.FAIL);
      assertThat(results.get(1).message()).contains("NOAUTH");
      assertThat(results.get(1).advice())
          .startsWith("the server requires a password: put it in the url");
    }
  }
}
