package io.vcon.storage.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vcon.storage.api.RawObjects;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.cli.InProcessCli;
import io.vcon.storage.reliability.FaultProxy.Fault;
import io.vcon.storage.s3.S3VconStore;
import io.vcon.storage.tck.SampleVcons;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code vcon-storage copy} interrupted at random points and run again until it completes. Per seed, a seeded
 * Random picks each interruption: a Ctrl-C after k items (the CLI's stop signal), or the network failing every
 * request from request n on (reset, 500, a PUT whose answer is cut after it landed, a PUT body cut in the middle) —
 * which lands anywhere, between a copy's object and its pointer too. After every interrupted run no destination
 * object differs from the reference's and no pointer names a missing object; at the end the destination holds
 * exactly the keys and bytes of one uninterrupted copy, and a further run copies nothing. The table goes to
 * {@code target/copy-resume.md}.
 */
class CopyResumeTest {

  private static final Logger LOG = LoggerFactory.getLogger(CopyResumeTest.class);
  static final boolean FULL = Boolean.getBoolean("reliability.full");
  static final int SEEDS = FULL ? 16 : 3;
  static final int VCONS = FULL ? 60 : 20;
  static final String TUNING = "max_retries: 1, connect_timeout: 1s, api_timeout: 3s";
  private static final List<Fault> CUTS =
      List.of(
          Fault.RESET_BEFORE_BODY,
          Fault.INTERNAL_ERROR_500,
          Fault.TRUNCATE_RESPONSE,
          Fault.RESET_MID_BODY);

  private static final S3Server S3 = S3Server.shared();
  private static final String BASE = "copy-resume/" + System.nanoTime();
  private static final String SOURCE = BASE + "/source";
  private static FaultProxy proxy;
  private static S3Client raw;
  private static TreeMap<String, String> reference;

  @TempDir static Path work;

  @BeforeAll
  static void seedAndCopyOnce() {
    proxy = FaultProxy.http(S3.port());
    raw = S3.rawClient();
    Random rnd = new Random(20_240_115L);
    try (VconStore store = S3VconStore.create(S3.config(S3.port(), SOURCE).build())) {
      RawObjects objects = store.rawObjects();
      for (int i = 0; i < VCONS; i++) {
        LocalDate day = LocalDate.of(2023, 1, 1).plusDays(rnd.nextInt(730));
        String id = SampleVcons.newId();
        if (i % 6 == 5) {
          // No created_at, filed by an older writer under its save day, which copy must keep.
          Vcon undated = SampleVcons.vcon(id, null);
          objects.write(objects.keys().objectKey(undated.id(), day), undated.bytes());
          objects.write(
              objects.keys().pointerKey(undated.id()),
              objects.keys().pointerBody(day).getBytes(StandardCharsets.US_ASCII));
        } else if (i % 7 == 3) {
          store.put(
              SampleVcons.large(
                  id, day + "T08:00:00+02:00", 16 * 1024 + rnd.nextInt(48 * 1024), rnd.nextLong()));
        } else {
          // An id saved twice on different days leaves a stale copy; copy takes the one its pointer
          // names.
          store.put(
              Vcon.parse(SampleVcons.json(id, day.minusDays(3) + "T23:00:00-05:00", "older")));
          store.put(Vcon.parse(SampleVcons.json(id, day + "T23:00:00-05:00", "copy " + i)));
        }
      }
    }
    CliHarness cli = harness(S3.port(), BASE + "/reference");
    InProcessCli.Result once = cli.run("--json", "copy", "--from", "src", "--to", "dst");
    assertThat(once.code()).as(once.toString()).isZero();
    reference = new RawBucket(raw, BASE + "/reference").contents();
    assertThat(reference).hasSize(2 * VCONS);
  }

  @AfterAll
  static void stop() {
    proxy.close();
    raw.close();
  }

  private static CliHarness harness(int port, String target) {
    CliHarness cli = new CliHarness(work);
    Map<String, String> storages = new LinkedHashMap<>();
    storages.put("src", CliHarness.s3(port, SOURCE, TUNING));
    storages.put("dst", CliHarness.s3(port, target, TUNING));
    cli.storages(storages);
    return cli;
  }

  @Test
  @DisplayName(
      "copy interrupted at seeded random points and re-run ends with the keys and bytes of one"
          + " uninterrupted copy")
  void interruptedCopyResumes() throws IOException {
    List<String> rows = new ArrayList<>();
    for (long seed = 1; seed <= SEEDS; seed++) {
      long start = System.nanoTime();
      List<String> steps = resume(seed);
      rows.add(
          "| "
              + seed
              + " | "
              + String.join("<br>", steps)
              + " | "
              + (System.nanoTime() - start) / 1_000_000
              + " ms |");
    }
    String table =
        "| seed | runs (the last uninterrupted) | took |\n|---|---|---|\n"
            + String.join("\n", rows)
            + "\n";
    Path out = Path.of("target", "copy-resume.md");
    Files.createDirectories(out.getParent());
    Files.writeString(
        out,
        "# copy interrupted and resumed\n\nWritten by "
            + getClass().getName()
            + ": "
            + VCONS
            + " vCons, "
            + SEEDS
            + " seeds. Every row ended equal to an uninterrupted copy.\n\n"
            + table,
        StandardCharsets.UTF_8);
    System.out.println(table);
  }

  private static List<String> resume(long seed) {
    Random rnd = new Random(seed);
    String target = BASE + "/seed-" + seed;
    RawBucket bucket = new RawBucket(raw, target);
    CliHarness cli = harness(proxy.port(), target);
    List<String> steps = new ArrayList<>();
    int interruptions = 2 + rnd.nextInt(3);
    for (int i = 0; i < interruptions; i++) {
      String parallel = String.valueOf(1 + rnd.nextInt(4));
      String[] args = {"--json", "copy", "--from", "src", "--to", "dst", "--parallel", parallel};
      String step;
      InProcessCli.Result result;
      if (rnd.nextBoolean()) {
        long items = 1 + rnd.nextInt(VCONS - 1);
        step = "Ctrl-C after " + items + " items";
        result = cli.runStoppingAfter(items, args);
      } else {
        int from = 1 + rnd.nextInt(3 * VCONS);
        Fault cut = CUTS.get(rnd.nextInt(CUTS.size()));
        step = cut.label + " from request " + from;
        AtomicInteger requests = new AtomicInteger();
        // RESET_MID_BODY needs a body to cut: other requests pass while it is the fault.
        proxy.inject(
            r ->
                requests.incrementAndGet() > from
                    && (cut != Fault.RESET_MID_BODY || r.method().equals("PUT")),
            cut,
            Integer.MAX_VALUE);
        try {
          result = cli.run(args);
        } finally {
          proxy.clear();
        }
      }
      steps.add(step + ", --parallel " + parallel + ": " + outcome(result));
      LOG.info("seed {}: {}", seed, steps.get(steps.size() - 1));
      assertThat(result.code()).as("seed %d, %s:\n%s", seed, step, result).isIn(0, 1);
      assertSound(bucket, "seed " + seed + ", after " + step);
      if (result.code() == 0) {
        break; // the interruption came after the last item: nothing left to resume
      }
    }
    InProcessCli.Result last = cli.run("--json", "copy", "--from", "src", "--to", "dst");
    steps.add("uninterrupted: " + outcome(last));
    assertThat(last.code()).as("seed %d, last run:\n%s", seed, last).isZero();
    assertThat(bucket.contents())
        .as("seed %d: destination against the uninterrupted copy", seed)
        .isEqualTo(reference);
    JsonNode again = CliHarness.summary(cli.run("--json", "copy", "--from", "src", "--to", "dst"));
    assertThat(again.path("copied").asInt())
        .as("seed %d: a further run copies nothing", seed)
        .isZero();
    assertThat(again.path("skipped_identical").asInt()).isEqualTo(VCONS);
    return steps;
  }

  /** No pointer to a missing object, and every key present holds the reference's bytes: nothing torn or foreign. */
  private static void assertSound(RawBucket bucket, String when) {
    assertThat(bucket.pointerProblems()).as(when).isEmpty();
    TreeMap<String, String> there = bucket.contents();
    there.forEach(
        (key, digest) -> assertThat(digest).as("%s: %s", when, key).isEqualTo(reference.get(key)));
  }

  private static String outcome(InProcessCli.Result result) {
    JsonNode s = CliHarness.summary(result);
    return "exit "
        + result.code()
        + (s == null
            ? ", run failed (listing)"
            : ", copied "
                + s.path("copied").asInt()
                + ", skipped "
                + s.path("skipped_identical").asInt()
                + ", failed "
                + s.path("failed").asInt()
                + (s.path("stopped").asBoolean() ? ", stopped" : ""));
  }
}
