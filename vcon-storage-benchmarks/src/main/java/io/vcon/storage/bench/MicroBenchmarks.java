package io.vcon.storage.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs the JMH benchmarks with the GC profiler and writes {@code jmh.json} and {@code jmh.md}. */
final class MicroBenchmarks {

  private MicroBenchmarks() {}

  static void run(Path out) throws IOException, RunnerException {
    Files.createDirectories(out);
    Options options =
        new OptionsBuilder()
            .include(
                System.getProperty(
                    "bench.jmh.include",
                    IdBench.class.getName() + "|" + ValidationBench.class.getName()))
            .forks(1)
            .warmupIterations(Integer.getInteger("bench.jmh.iterations", 3))
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(Integer.getInteger("bench.jmh.iterations", 4))
            .measurementTime(TimeValue.seconds(1))
            .jvmArgs("-Xmx2g", "-Xms2g")
            .addProfiler(GCProfiler.class)
            .resultFormat(ResultFormatType.JSON)
            .result(out.resolve("jmh.json").toString())
            .build();
    Collection<RunResult> results = new Runner(options).run();
    List<String> md = new ArrayList<>();
    md.add(
        "| benchmark | document | bytes | time/op | allocated B/op | B allocated per byte validated"
            + " |");
    md.add("|---|---|---|---|---|---|");
    for (RunResult r : results) {
      String bench = r.getParams().getBenchmark();
      String name = bench.substring(bench.lastIndexOf('.', bench.lastIndexOf('.') - 1) + 1);
      String size = r.getParams().getParam("size");
      Result<?> primary = r.getPrimaryResult();
      Result<?> norm = r.getSecondaryResults().get("gc.alloc.rate.norm");
      double allocated = norm == null ? Double.NaN : norm.getScore();
      int bytes = size == null ? 0 : ValidationBench.document(size).length;
      md.add(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %.3f %s | %.0f | %s |",
              name,
              size == null ? "-" : size,
              size == null ? "-" : Integer.toString(bytes),
              primary.getScore(),
              primary.getScoreUnit(),
              allocated,
              bytes == 0 ? "-" : String.format(Locale.ROOT, "%.3f", allocated / bytes)));
    }
    Files.write(out.resolve("jmh.md"), md, StandardCharsets.UTF_8);
    md.forEach(System.out::println);
  }
}
