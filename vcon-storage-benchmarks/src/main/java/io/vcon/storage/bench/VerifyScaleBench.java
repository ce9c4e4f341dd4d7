package io.vcon.storage.bench;

import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.archive.ArchiveListener;
import io.vcon.storage.archive.Cancellation;
import io.vcon.storage.archive.Finding;
import io.vcon.storage.archive.VerifyJob;
import io.vcon.storage.archive.VerifyReport;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.spi.Providers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Verify of a large synthetic archive in bounded memory (issue 20, part 2). Two modes, so the
 * archive is generated once and verified as often as wanted, each verify in a JVM of its own with a
 * small heap:
 *
 * <pre>
 *   VerifyScaleBench generate DIR N     # N vCons (and their pointers) on the directory store, files written directly
 *   VerifyScaleBench verify DIR [par]   # run under -Xmx256m: objects/s and the peak heap
 *   VerifyScaleBench stop DIR par CHECKPOINT READS     # a verify with a checkpoint, stopped after READS reads
 *   VerifyScaleBench verify DIR par CHECKPOINT         # ... resumed from it (its journal then grows with N)
 * </pre>
 *
 * {@code verify-scale-bench.sh} runs both for 100,000 and 1,000,000 vCons and prints them side by
 * side.
 */
public final class VerifyScaleBench {

  private VerifyScaleBench() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[1]);
    int parallel = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    Path checkpoint = args.length > 3 ? Path.of(args[3]) : null;
    switch (args[0]) {
      case "generate" -> generate(dir, Integer.parseInt(args[2]));
      case "stop" -> verify(dir, parallel, checkpoint, Long.parseLong(args[4]));
      default -> verify(dir, parallel, checkpoint, Long.MAX_VALUE);
    }
  }

  private static VconStore open(Path dir) {
    return Providers.createStore(
        "file", ProviderOptions.of(Map.of("path", dir.toString(), "content_hash", "off")));
  }

  /**
   * Writes the files the directory store would (object, then pointer) without its fsyncs:
   * generation is not timed.
   */
  private static void generate(Path dir, int n) throws IOException {
    long t0 = System.nanoTime();
    KeyStrategy keys;
    try (VconStore store = open(dir)) {
      keys = store.rawObjects().keys();
    }
    Set<Path> made = new HashSet<>();
    LocalDate first = LocalDate.of(2024, 1, 1);
    for (int i = 0; i < n; i++) {
      String id = UUID.randomUUID().toString();
      LocalDate day = first.plusDays(i % 730);
      String objectKey = keys.objectKey(VconId.of(id), day);
      Path object =
          dir.resolve(objectKey.substring(0, objectKey.length() - ".vcon".length()) + ".json");
      if (made.add(object.getParent())) {
        Files.createDirectories(object.getParent());
      }
      Files.write(
          object,
          ("{\"vcon\":\"0.0.1\",\"uuid\":\""
                  + id
                  + "\",\"created_at\":\""
                  + day
                  + "T10:00:00Z\",\"parties\":[{\"tel\":\"+15555550100\"},{\"tel\":\"+15555550199\"}],\"dialog\":[]}")
              .getBytes(StandardCharsets.UTF_8));
      Path pointer = dir.resolve(keys.pointerKey(VconId.of(id)));
      if (made.add(pointer.getParent())) {
        Files.createDirectories(pointer.getParent());
      }
      Files.write(pointer, keys.pointerBody(day).getBytes(StandardCharsets.US_ASCII));
      if ((i + 1) % 100_000 == 0) {
        System.out.printf(
            Locale.ROOT, "generated %d vCons in %.0f s%n", i + 1, (System.nanoTime() - t0) / 1e9);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "generated %d vCons (%d files) in %s in %.0f s%n",
        n,
        2L * n,
        dir,
        (System.nanoTime() - t0) / 1e9);
  }

  /** Counts reads and stops the job after {@code limit} of them. */
  private static Cancellation after(long limit) {
    AtomicLong reads = new AtomicLong();
    return new Cancellation() {
      @Override
      public boolean isCancelled() {
        return reads.get() >= limit;
      }

      @Override
      public void itemDone() {
        reads.incrementAndGet();
      }
    };
  }

  private static void verify(Path dir, int parallel, Path checkpoint, long stopAfter) {
    HeapGauge heap = new HeapGauge();
    AtomicLong findings = new AtomicLong();
    long t0 = System.nanoTime();
    VerifyReport report;
    try (VconStore store = open(dir)) {
      VerifyJob.Builder job = VerifyJob.builder(store);
      if (checkpoint != null) {
        job.checkpoint(checkpoint);
      }
      report =
          job.parallel(parallel)
              .cancellation(after(stopAfter))
              .listener(
                  new ArchiveListener() {
                    @Override
                    public void finding(Finding f) {
                      findings.incrementAndGet();
                    }
                  })
              .build()
              .run();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long peak = heap.sumOfPoolPeaks();
    long objects = report.objects() + report.pointers();
    System.out.printf(
        Locale.ROOT,
        "verified %d objects + %d pointers in %.1f s: %.0f objects/s; findings %d, failed %d;"
            + " resumed reads %d%s; max heap %d MB, peak heap after GC %.1f MB, peak heap used %d"
            + " MB (sum of the heap pools' peaks)%n",
        report.objects(),
        report.pointers(),
        seconds,
        objects / seconds,
        findings.get(),
        report.failed(),
        report.resumedReads(),
        report.stopped() ? ", stopped" : "",
        Runtime.getRuntime().maxMemory() / (1024 * 1024),
        heap.maxAfterGc() / (1024.0 * 1024),
        peak / (1024 * 1024));
  }
}
