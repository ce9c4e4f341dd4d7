package io.vcon.storage.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.vcon.storage.api.BackendException;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.cli.InProcessCli;
import io.vcon.storage.reliability.FaultProxy.Fault;
import io.vcon.storage.s3.S3VconStore;
import io.vcon.storage.tck.SampleVcons;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Crash consistency chained with the operator's tools: saves interrupted between object and pointer (the proxy
 * fails every pointer PUT, as in {@link CrashConsistencyTest}) leave orphans; then {@code vcon-storage verify},
 * run straight against the bucket, must name them, {@code verify --repair} must commit them, and afterwards
 * {@code get} returns the exact bytes and a second {@code verify} is clean.
 */
class CrashThenVerifyTest {

  private static final S3Server S3 = S3Server.shared();

  @TempDir Path work;

  @Test
  @DisplayName(
      "verify names the orphan a crashed save leaves, --repair writes its pointer, get returns the"
          + " bytes")
  void crashedSaveIsFoundAndRepairedByVerify() {
    String prefix = "crash-verify/" + System.nanoTime();
    Vcon intact = SampleVcons.vcon("2024-01-10T09:00:00Z");
    Vcon crashed =
        SampleVcons.unicode(SampleVcons.newId()); // a UUIDv4 id: get has no date to fall back on
    String overwrittenId = SampleVcons.newId();
    Vcon before = Vcon.parse(SampleVcons.json(overwrittenId, "2024-01-15T10:00:00Z", "v1"));
    Vcon after =
        Vcon.parse(SampleVcons.json(overwrittenId, "2024-03-02T10:00:00Z", "v2, interrupted"));

    try (FaultProxy proxy = FaultProxy.http(S3.port());
        S3Client raw = S3.rawClient();
        VconStore store =
            S3VconStore.create(
                S3.config(proxy.port(), prefix)
                    .maxRetries(1)
                    .apiTimeout(Duration.ofSeconds(10))
                    .build())) {
      RawBucket bucket = new RawBucket(raw, prefix);
      store.put(intact);
      store.put(before);
      proxy.inject(
          r -> r.method().equals("PUT") && r.isPointer(),
          Fault.INTERNAL_ERROR_500,
          Integer.MAX_VALUE);
      assertThatThrownBy(() -> store.put(crashed)).isInstanceOf(BackendException.class);
      assertThatThrownBy(() -> store.put(after)).isInstanceOf(BackendException.class);
      proxy.clear();

      LocalDate crashedDay = crashed.createdAt().orElseThrow().localDate();
      String orphanKey = bucket.strategy().objectKey(crashed.id(), crashedDay);
      String staleKey = bucket.strategy().objectKey(after.id(), LocalDate.of(2024, 3, 2));
      assertThat(bucket.listKeys())
          .contains(orphanKey, staleKey)
          .doesNotContain(bucket.strategy().pointerKey(crashed.id()));
      assertThat(bucket.pointerProblems()).isEmpty();

      // The CLI reaches the bucket directly: the crash is over, only its leftovers remain.
      CliHarness cli = new CliHarness(work);
      cli.storages(Map.of("archive", CliHarness.s3(S3.port(), prefix, "")));

      InProcessCli.Result text = cli.run("verify");
      assertThat(text.code()).as(text.toString()).isEqualTo(1);
      assertThat(text.out())
          .contains("ORPHAN  " + crashed.id().value() + "  " + orphanKey)
          .contains("1 defect");

      JsonNode report = CliHarness.summary(cli.run("--json", "verify"));
      assertThat(report.path("counts").path("ORPHAN").asInt()).isEqualTo(1);
      assertThat(report.path("unrepaired").asInt()).isEqualTo(1);
      assertThat(findings(report, "ORPHAN"))
          .containsExactly(crashed.id().value() + " " + orphanKey + " defect");
      // The interrupted overwrite: its copy is a note, never promoted over the committed one (a
      // person decides).
      assertThat(findings(report, "STALE_COPY"))
          .containsExactly(overwrittenId + " " + staleKey + " note");

      InProcessCli.Result repair = cli.run("verify", "--repair");
      assertThat(repair.code()).as(repair.toString()).isZero();
      assertThat(repair.out())
          .contains("ORPHAN  " + crashed.id().value())
          .contains("1 repaired, 0 left");
      assertThat(bucket.read(bucket.strategy().pointerKey(crashed.id())).orElseThrow())
          .asString(StandardCharsets.US_ASCII)
          .isEqualTo(bucket.strategy().pointerBody(crashedDay));
      assertThat(bucket.pointerProblems()).isEmpty();

      for (Vcon expected : List.of(crashed, intact, before)) {
        InProcessCli.Result get = cli.run("get", expected.id().value());
        assertThat(get.code()).as(get.toString()).isZero();
        assertThat(get.stdout()).isEqualTo(expected.bytes());
      }
      assertThat(store.get(crashed.id()).orElseThrow().bytes()).isEqualTo(crashed.bytes());

      InProcessCli.Result again = cli.run("verify");
      assertThat(again.code()).as(again.toString()).isZero();
      assertThat(again.out()).contains("0 defects").doesNotContain("ORPHAN");
    }
  }

  /** The findings of one kind as "id key defect|note". */
  private static List<String> findings(JsonNode report, String kind) {
    List<String> out = new ArrayList<>();
    for (JsonNode f : report.path("findings")) {
      if (f.path("kind").asText().equals(kind)) {
        out.add(
            f.path("id").asText()
                + " "
                + f.path("key").asText()
                + " "
                + (f.path("defect").asBoolean() ? "defect" : "note"));
      }
    }
    return out;
  }
}
