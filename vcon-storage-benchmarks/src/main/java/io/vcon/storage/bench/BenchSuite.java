package io.vcon.storage.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The whole suite: {@code full} runs the JMH micro-benchmarks (with the GC profiler) and then the end-to-end
 * harness with its full plan; {@code quick} runs only a small end-to-end plan (well under a minute). Results go to
 * {@code target/bench/}.
 */
public final class BenchSuite {

  private BenchSuite() {}

  public static void main(String[] args) throws Exception {
    List<String> a = Arrays.stream(args).filter(s -> !s.isBlank()).toList();
    String mode = a.isEmpty() ? "full" : a.get(0);
    Path out = Path.of(System.getProperty("bench.out", "target/bench"));
    EndToEnd.Plan plan;
    switch (mode) {
      case "quick" -> plan = EndToEnd.Plan.quick();
      case "full" -> {
        MicroBenchmarks.run(out);
        plan = EndToEnd.Plan.full();
      }
      case "e2e" -> plan = EndToEnd.Plan.full();
      case "jmh" -> {
        MicroBenchmarks.run(out);
        return;
      }
      default ->
          throw new IllegalArgumentException("mode must be full, quick, e2e or jmh, was " + mode);
    }
    run(plan.withOverrides(), out);
  }

  static EndToEnd run(EndToEnd.Plan plan, Path out) throws Exception {
    long t0 = System.nanoTime();
    EndToEnd.progress("plan " + plan + "; load average " + LoadAverage.now());
    try (EndToEnd e = new EndToEnd(plan, out)) {
      e.facts().put("load_average_at_start", LoadAverage.now());
      e.run();
      EndToEnd.progress(
          String.format(
              "done in %.0f s; load average %s",
              (System.nanoTime() - t0) / 1e9, LoadAverage.now()));
      return e;
    }
  }
}
