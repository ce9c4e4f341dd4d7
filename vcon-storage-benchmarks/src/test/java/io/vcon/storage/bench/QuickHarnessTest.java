package io.vcon.storage.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the harness's quick plan end to end (redis-server, S3Proxy in its own process, the raw SDK, the Python
 * baseline when python3 and boto3 exist) and checks what it produced and how many requests each operation sent.
 * Timings are reported, never asserted.
 */
class QuickHarnessTest {

  @Test
  void quickPlanProducesResultsAndTheExpectedRequestCounts(@TempDir Path out) throws Exception {
    EndToEnd run = BenchSuite.run(EndToEnd.Plan.quick(), out);

    List<Measure.Result> results = run.results();
    assertThat(results)
        .extracting(Measure.Result::workload)
        .contains(
            "cold_save_id",
            "raw_2put",
            "save_vcon",
            "save_vcon_nohash",
            "raw_redis_get_2put",
            "save_id",
            "raw_2get",
            "get",
            "get_nohash",
            "raw_1get",
            "get_day");
    for (Measure.Result r : results) {
      assertThat(r.ops()).as(r.workload()).isPositive();
      switch (r.workload()) {
        case "save_vcon",
            "save_vcon_nohash",
            "save_id",
            "cold_save_id",
            "raw_2put",
            "raw_redis_get_2put" -> {
          // Exactly two PUTs per save (object, then pointer), nothing else, no retries.
          assertThat(r.putsPerOp()).as(r.workload()).isEqualTo(2.0);
          assertThat(r.getsPerOp() + r.headsPerOp() + r.otherRequestsPerOp())
              .as(r.workload())
              .isZero();
        }
        case "get", "get_nohash", "raw_2get" -> {
          assertThat(r.getsPerOp()).as(r.workload()).isEqualTo(2.0);
          assertThat(r.putsPerOp() + r.headsPerOp()).as(r.workload()).isZero();
        }
        case "get_day", "raw_1get" -> {
          assertThat(r.getsPerOp()).as(r.workload()).isEqualTo(1.0);
          assertThat(r.putsPerOp() + r.headsPerOp()).as(r.workload()).isZero();
        }
        case "python_vcon_server_style" -> assertThat(r.putsPerOp()).isEqualTo(2.0);
        default -> throw new AssertionError("unexpected workload " + r.workload());
      }
    }
    assertThat(out.resolve("e2e-quick.csv")).isRegularFile();
    assertThat(Files.readAllLines(out.resolve("e2e-quick.csv"))).hasSize(results.size() + 1);
    assertThat(Files.readString(out.resolve("e2e-quick.json")))
        .contains("\"ratios_to_ceiling\"", "\"save_id\"");
    assertThat(Files.readString(out.resolve("e2e-quick.md"))).contains("| 5KB | 4 | save_id |");
    assertThat(Files.size(out.resolve("e2e-quick.png"))).isPositive();
    assertThat(run.facts()).containsKey("alloc_per_byte_10MB_save_vcon");
  }
}
