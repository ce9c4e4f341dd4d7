package io.vcon.storage.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.vcon.storage.api.BackendException;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconSource;
import io.vcon.storage.api.VconStorageException;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.redis.RedisSourceConfig;
import io.vcon.storage.redis.RedisVconSource;
import io.vcon.storage.reliability.FaultProxy.Fault;
import io.vcon.storage.reliability.FaultProxy.Request;
import io.vcon.storage.s3.S3VconStore;
import io.vcon.storage.tck.SampleVcons;
import io.vcon.storage.testsupport.EmbeddedRedis;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Every fault the proxy can produce, against every store operation, once (a transient fault the retries must
 * absorb) and always (a persistent one that must surface as a typed, retryable error). Each cell checks the
 * result end to end: the bytes {@code get} returns are exactly the bytes saved, a failed save leaves the
 * previous copy findable, and no lookup pointer names an object that is not there. The table goes to stdout and
 * {@code target/fault-matrix.md}.
 */
class FaultMatrixTest {

  static final String OK = "ok";
  static final String RETRYABLE = "BackendException(retryable)";

  private static final S3Server S3 = S3Server.shared();
  private static FaultProxy proxy;
  private static S3Client raw;
  private static final List<Row> ROWS = new ArrayList<>();
  private static int cell;

  record Row(
      String backend,
      String fault,
      String operation,
      String when,
      String expected,
      String observed,
      int fired) {
    String line() {
      return "| "
          + String.join(
              " | ",
              backend,
              fault,
              operation,
              when,
              expected,
              observed,
              String.valueOf(fired),
              expected.equals(observed) ? "✔" : "✘")
          + " |";
    }
  }

  @BeforeAll
  static void start() {
    proxy = FaultProxy.http(S3.port());
    raw = S3.rawClient();
  }

  @AfterAll
  static void stop() {
    proxy.close();
    raw.close();
  }

  @Test
  @DisplayName(
      "S3: every fault x put/get/delete, once and always, ends in success or a typed retryable"
          + " error")
  void s3FaultMatrix() throws IOException {
    List<Fault> s3Faults =
        List.of(
            Fault.SLOW_DOWN_503,
            Fault.INTERNAL_ERROR_500,
            Fault.RESET_BEFORE_BODY,
            Fault.RESET_MID_BODY,
            Fault.TRUNCATE_RESPONSE,
            Fault.STALL);
    for (Fault fault : s3Faults) {
      for (boolean always : new boolean[] {false, true}) {
        // A stall outlasts api_timeout, which bounds the whole call, retries included: no retry can
        // help.
        String expected = always || fault == Fault.STALL ? RETRYABLE : OK;
        put(fault, always, expected);
        if (fault != Fault.RESET_MID_BODY) { // GET and DELETE send no body to cut
          get(fault, always, r -> r.method().equals("GET"), "get", expected);
          delete(fault, always, expected);
        }
      }
    }
    // An altered byte in a body: the object's recorded SHA-512 content hash catches it (one
    // re-read, then an
    // IntegrityException: bytes that never read right are as good as altered at rest); the
    // pointer's CRC32C the same
    // way, as a retryable backend error.
    for (boolean always : new boolean[] {false, true}) {
      get(
          Fault.CORRUPT_RESPONSE,
          always,
          r -> r.method().equals("GET") && !r.isPointer(),
          "get (object)",
          always ? "IntegrityException" : OK);
      get(
          Fault.CORRUPT_RESPONSE,
          always,
          r -> r.method().equals("GET") && r.isPointer(),
          "get (pointer)",
          always ? RETRYABLE : OK);
    }
    // With api_attempt_timeout a stalled attempt is abandoned and retried within api_timeout: one
    // stall is absorbed.
    attemptTimeout = Duration.ofMillis(800);
    try {
      for (boolean always : new boolean[] {false, true}) {
        String expected = always ? RETRYABLE : OK;
        put(Fault.STALL, always, expected);
        get(Fault.STALL, always, r -> r.method().equals("GET"), "get", expected);
      }
    } finally {
      attemptTimeout = null;
    }
    report();
  }

  @Test
  @DisplayName(
      "Redis: dropped connections and stalls, once and always, end in success or a typed retryable"
          + " error")
  void redisFaultMatrix() throws IOException {
    EmbeddedRedis redis = EmbeddedRedis.start();
    try (FaultProxy tcp = FaultProxy.tcp(redis.port());
        RedisClient admin = redis.newClient()) {
      for (Fault fault : List.of(Fault.DROP_CONNECTION, Fault.STALL)) {
        for (boolean always : new boolean[] {false, true}) {
          String expected = always ? RETRYABLE : OK;
          Vcon v = SampleVcons.vcon("2024-03-01T08:00:00Z");
          admin.set("vcon:" + v.id(), v.text());
          RedisSourceConfig config =
              RedisSourceConfig.builder()
                  .url("redis://127.0.0.1:" + tcp.port())
                  .timeout(Duration.ofMillis(500))
                  .maxRetries(2)
                  .retryBackoff(Duration.ofMillis(10))
                  .build();
          try (VconSource source = RedisVconSource.create(config)) {
            tcp.clear();
            tcp.resetCounts();
            tcp.inject(r -> true, fault, always ? Integer.MAX_VALUE : 1);
            String observed;
            try {
              Optional<Vcon> read = source.read(v.id());
              observed =
                  read.isPresent() && Arrays.equals(read.get().bytes(), v.bytes())
                      ? OK
                      : "WRONG: " + read;
            } catch (RuntimeException e) {
              observed = describe(e);
            }
            int fired = tcp.faultsApplied();
            tcp.clear();
            ROWS.add(
                new Row(
                    "redis",
                    fault.label,
                    "read",
                    always ? "always" : "once",
                    expected,
                    observed,
                    fired));
          }
        }
      }
    } finally {
      redis.stop();
    }
    report();
  }

  private void put(Fault fault, boolean always, String expected) {
    String prefix = "matrix/" + (++cell);
    String id = SampleVcons.newId();
    Vcon v1 = Vcon.parse(SampleVcons.json(id, "2024-01-15T10:00:00Z", "first"));
    Vcon v2 = Vcon.parse(SampleVcons.json(id, "2024-02-20T10:00:00Z", "second, on another day"));
    RawBucket bucket = new RawBucket(raw, prefix);
    try (VconStore store = store(prefix)) {
      store.put(v1);
      String observed = run(fault, always, r -> r.method().equals("PUT"), () -> store.put(v2));
      Vcon now = store.get(v1.id()).orElseThrow();
      if (observed.equals(OK)) {
        observed = sameBytes(now, v2) ? OK : "ok but get returned other bytes";
      } else if (!sameBytes(now, v1)) {
        observed += " but the previous copy was not returned";
      }
      observed += invariant(bucket);
      ROWS.add(
          new Row(
              "s3",
              fault.label,
              op("put (over v1)"),
              always ? "always" : "once",
              expected,
              observed,
              proxy.faultsApplied()));
    }
  }

  private void get(
      Fault fault, boolean always, Predicate<Request> when, String op, String expected) {
    String prefix = "matrix/" + (++cell);
    Vcon v = SampleVcons.unicode(SampleVcons.newId());
    RawBucket bucket = new RawBucket(raw, prefix);
    try (VconStore store = store(prefix)) {
      store.put(v);
      AtomicReference<Optional<Vcon>> got = new AtomicReference<>();
      String observed = run(fault, always, when, () -> got.set(store.get(v.id())));
      if (observed.equals(OK)) {
        observed =
            got.get().isPresent() && sameBytes(got.get().get(), v)
                ? OK
                : got.get().isEmpty()
                    ? "ok but empty (vCon reported absent)"
                    : "ok but ALTERED bytes returned";
      }
      observed += invariant(bucket);
      ROWS.add(
          new Row(
              "s3",
              fault.label,
              op(op),
              always ? "always" : "once",
              expected,
              observed,
              proxy.faultsApplied()));
    }
  }

  private void delete(Fault fault, boolean always, String expected) {
    String prefix = "matrix/" + (++cell);
    Vcon v = SampleVcons.vcon("2024-01-15T10:00:00Z");
    RawBucket bucket = new RawBucket(raw, prefix);
    try (VconStore store = store(prefix)) {
      store.put(v);
      boolean[] deleted = new boolean[1];
      String observed =
          run(
              fault,
              always,
              r -> r.method().equals("DELETE"),
              () -> deleted[0] = store.delete(v.id()));
      Optional<Vcon> after = store.get(v.id());
      if (observed.equals(OK)) {
        observed =
            deleted[0] && after.isEmpty() && bucket.listKeys().isEmpty()
                ? OK
                : "ok but not deleted";
      } else {
        // The object goes first: after a failed delete, get finds the whole copy or nothing, never
        // a part.
        if (after.isPresent() && !sameBytes(after.get(), v)) {
          observed += " but get returned other bytes";
        }
        store.delete(v.id()); // the retry the retryable flag invites cleans up whatever is left
        if (!bucket.listKeys().isEmpty()) {
          observed += " and a retried delete left " + bucket.listKeys();
        }
      }
      observed += invariant(bucket);
      ROWS.add(
          new Row(
              "s3",
              fault.label,
              "delete",
              always ? "always" : "once",
              expected,
              observed,
              proxy.faultsApplied()));
    }
  }

  private static String run(
      Fault fault, boolean always, Predicate<Request> when, Runnable operation) {
    proxy.clear();
    proxy.resetCounts();
    proxy.inject(when, fault, always ? Integer.MAX_VALUE : 1);
    try {
      operation.run();
      return OK;
    } catch (RuntimeException e) {
      return describe(e);
    } finally {
      proxy.clear();
    }
  }

  static String describe(RuntimeException e) {
    if (e instanceof BackendException b) {
      return "BackendException(" + (b.retryable() ? "retryable" : "not retryable") + ")";
    }
    if (e instanceof VconStorageException) {
      return e.getClass().getSimpleName();
    }
    return "UNTYPED " + e.getClass().getName() + ": " + e.getMessage();
  }

  private static String invariant(RawBucket bucket) {
    List<String> problems = bucket.pointerProblems();
    return problems.isEmpty() ? "" : " POINTER BROKEN " + problems;
  }

  private static boolean sameBytes(Vcon a, Vcon b) {
    return a.size() == b.size() && Arrays.equals(a.bytes(), b.bytes());
  }

  /** When set, the cells' stores get this {@code api_attempt_timeout} and the rows say so. */
  private static Duration attemptTimeout;

  private static VconStore store(String prefix) {
    return S3VconStore.create(
        S3.config(proxy.port(), prefix)
            .maxRetries(2)
            .connectTimeout(Duration.ofSeconds(1))
            .apiTimeout(Duration.ofSeconds(3))
            .apiAttemptTimeout(attemptTimeout)
            .build());
  }

  private static String op(String operation) {
    return attemptTimeout == null
        ? operation
        : operation + " [api_attempt_timeout " + attemptTimeout.toMillis() + " ms]";
  }

  private static synchronized void report() throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(
        "| backend | fault | operation | fault occurs | expected | observed | faults fired | |");
    lines.add("|---|---|---|---|---|---|---|---|");
    ROWS.forEach(r -> lines.add(r.line()));
    String table = String.join("\n", lines) + "\n";
    System.out.println(table);
    Path out = Path.of("target", "fault-matrix.md");
    Files.createDirectories(out.getParent());
    Files.writeString(
        out,
        "# Fault matrix\n\nWritten by " + FaultMatrixTest.class.getName() + ".\n\n" + table,
        StandardCharsets.UTF_8);
    List<Row> failed =
        ROWS.stream().filter(r -> !r.expected().equals(r.observed())).collect(Collectors.toList());
    assertThat(failed).as("cells whose outcome differs from the expected one:\n" + table).isEmpty();
    assertThat(ROWS).allSatisfy(r -> assertThat(r.fired()).as("fault fired in " + r).isPositive());
  }
}
