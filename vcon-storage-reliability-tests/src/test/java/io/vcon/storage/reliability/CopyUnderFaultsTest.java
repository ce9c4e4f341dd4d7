package io.vcon.storage.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vcon.storage.api.RawObjects;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.cli.InProcessCli;
import io.vcon.storage.reliability.FaultProxy.Fault;
import io.vcon.storage.reliability.FaultProxy.Request;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code vcon-storage copy} with a fault proxy in front of the source or the destination. Each cell copies a small
 * archive into a fresh prefix and must end one of two ways: exit 0 with the destination equal to the source key for
 * key and byte for byte, or exit 1 naming every failed id with a typed error while every other id arrived whole —
 * and in both cases no torn or altered object, no pointer to a missing object, and a fault-free re-run that
 * completes the copy. A listing that keeps failing fails the run as a whole (no id to name) before anything is
 * written. The default run puts every fault kind on each side at least once; {@code -Dreliability.full=true} puts
 * every fault on every request kind. The table goes to stdout and {@code target/copy-fault-matrix.md}.
 */
class CopyUnderFaultsTest {

  static final String OK = "exit 0, identical";
  static final String NAMED = "exit 1, failed ids named; re-run identical";
  static final String RUN_FAILED = "exit 1, listing failed, nothing written; re-run identical";

  /** Bounds each call, retries included: a stall longer than this fails its item however often it is retried. */
  static final String TUNING = "max_retries: 2, connect_timeout: 1s, api_timeout: 3s";

  static final boolean FULL = Boolean.getBoolean("reliability.full");

  /** One worker per vCon: a fault on every request costs one timeout, not one per wave. */
  static final int PARALLEL = 6;

  private static final S3Server S3 = S3Server.shared();
  private static final String SOURCE = "copy-faults/source";
  private static final List<Row> ROWS = new ArrayList<>();
  private static FaultProxy sourceProxy;
  private static FaultProxy targetProxy;
  private static S3Client raw;
  private static Set<String> sourceIds;
  private static TreeMap<String, String> sourceContents;
  private static int cell;

  @TempDir static Path work;

  record Row(
      String side,
      String requests,
      String fault,
      String when,
      String expected,
      String observed,
      int fired,
      long millis) {
    String line() {
      return "| "
          + String.join(
              " | ",
              side,
              requests,
              fault,
              when,
              expected,
              observed,
              String.valueOf(fired),
              millis + " ms",
              expected.equals(observed) ? "✔" : "✘")
          + " |";
    }
  }

  @BeforeAll
  static void seed() {
    sourceProxy = FaultProxy.http(S3.port());
    targetProxy = FaultProxy.http(S3.port());
    raw = S3.rawClient();
    List<Vcon> vcons = new ArrayList<>();
    vcons.add(SampleVcons.vcon("2024-01-15T10:00:00Z"));
    vcons.add(SampleVcons.vcon("2024-01-16T23:30:00-05:00"));
    vcons.add(SampleVcons.unicode(SampleVcons.newId()));
    vcons.add(SampleVcons.oddlyFormatted(SampleVcons.newId()));
    vcons.add(SampleVcons.large(SampleVcons.newId(), "2023-12-31T12:00:00Z", 96 * 1024, 7));
    try (VconStore store = S3VconStore.create(S3.config(S3.port(), SOURCE).build())) {
      vcons.forEach(store::put);
      // A vCon without created_at, filed by an older writer under its save day: copy must keep that
      // day.
      Vcon undated = SampleVcons.vcon(SampleVcons.newId(), null);
      RawObjects objects = store.rawObjects();
      LocalDate day = LocalDate.of(2022, 6, 1);
      objects.write(objects.keys().objectKey(undated.id(), day), undated.bytes());
      objects.write(
          objects.keys().pointerKey(undated.id()),
          objects.keys().pointerBody(day).getBytes(StandardCharsets.US_ASCII));
      vcons.add(undated);
    }
    sourceIds =
        vcons.stream().map(v -> v.id().value()).collect(Collectors.toCollection(TreeSet::new));
    sourceContents = new RawBucket(raw, SOURCE).contents();
    assertThat(sourceContents).hasSize(2 * vcons.size());
  }

  @AfterAll
  static void stop() {
    sourceProxy.close();
    targetProxy.close();
    raw.close();
  }

  @Test
  @DisplayName(
      "copy under 503/500/reset/truncation/stall on either side: identical, or failed ids named and"
          + " a re-run completes")
  void copyFaultMatrix() throws IOException {
    Predicate<Request> objectReads = r -> r.method().equals("GET") && r.path().endsWith(".vcon");
    Predicate<Request> listing = r -> r.method().equals("GET") && r.query().contains("list-type");
    Predicate<Request> objectWrites = r -> r.method().equals("PUT") && !r.isPointer();
    Predicate<Request> pointerWrites = r -> r.method().equals("PUT") && r.isPointer();
    for (boolean always : new boolean[] {false, true}) {
      for (Fault f :
          pick(
              always,
              List.of(Fault.SLOW_DOWN_503, Fault.TRUNCATE_RESPONSE, Fault.STALL),
              Fault.INTERNAL_ERROR_500,
              Fault.RESET_BEFORE_BODY)) {
        run(sourceProxy, "source", "object GETs", objectReads, f, always);
      }
      run(sourceProxy, "source", "listing", listing, Fault.SLOW_DOWN_503, always);
      for (Fault f :
          pick(
              always,
              List.of(Fault.INTERNAL_ERROR_500, Fault.RESET_MID_BODY, Fault.STALL),
              Fault.SLOW_DOWN_503,
              Fault.RESET_BEFORE_BODY,
              Fault.TRUNCATE_RESPONSE)) {
        run(targetProxy, "destination", "object PUTs", objectWrites, f, always);
      }
      // Between object and pointer: the copy's own crash window.
      for (Fault f :
          pick(always, List.of(Fault.INTERNAL_ERROR_500, Fault.TRUNCATE_RESPONSE), Fault.STALL)) {
        run(targetProxy, "destination", "pointer PUTs", pointerWrites, f, always);
      }
    }
    report();
  }

  /**
   * The default run's faults, then (with -Dreliability.full=true) the {@code others} too. A stall fails its item
   * once or always alike (the timeout bounds the retries), so the default run stalls only in the "always" rows.
   */
  private static List<Fault> pick(boolean always, List<Fault> defaults, Fault... others) {
    List<Fault> out = new ArrayList<>();
    for (Fault f : defaults) {
      if (FULL || f != Fault.STALL || always) {
        out.add(f);
      }
    }
    if (FULL) {
      out.addAll(List.of(others));
    }
    return out;
  }

  private void run(
      FaultProxy proxy,
      String side,
      String requests,
      Predicate<Request> when,
      Fault fault,
      boolean always) {
    long start = System.nanoTime();
    String target = "copy-faults/target-" + (++cell);
    CliHarness cli = new CliHarness(work);
    Map<String, String> storages = new LinkedHashMap<>();
    storages.put("src", CliHarness.s3(sourceProxy.port(), SOURCE, TUNING));
    storages.put("dst", CliHarness.s3(targetProxy.port(), target, TUNING));
    cli.storages(storages);
    String expected =
        requests.equals("listing") && always
            ? RUN_FAILED
            : always || fault == Fault.STALL ? NAMED : OK;

    proxy.clear();
    proxy.resetCounts();
    proxy.inject(when, fault, always ? Integer.MAX_VALUE : 1);
    InProcessCli.Result result;
    try {
      result =
          cli.run(
              "--json",
              "copy",
              "--from",
              "src",
              "--to",
              "dst",
              "--parallel",
              String.valueOf(PARALLEL));
    } finally {
      proxy.clear();
    }
    int fired = proxy.faultsApplied();
    String observed = observe(result, new RawBucket(raw, target));
    if (!observed.equals(OK)) {
      InProcessCli.Result again = cli.run("--json", "copy", "--from", "src", "--to", "dst");
      TreeMap<String, String> after = new RawBucket(raw, target).contents();
      observed +=
          again.code() == 0 && after.equals(sourceContents)
              ? "; re-run identical"
              : "; RE-RUN exit "
                  + again.code()
                  + (after.equals(sourceContents) ? "" : ", destination differs: " + after);
    }
    ROWS.add(
        new Row(
            side,
            requests,
            fault.label,
            always ? "always" : "once",
            expected,
            observed,
            fired,
            (System.nanoTime() - start) / 1_000_000));
  }

  /** What a copy run left, in the words of the expected outcomes; anything else spells out what went wrong. */
  private static String observe(InProcessCli.Result result, RawBucket target) {
    TreeMap<String, String> there = target.contents();
    List<String> problems = new ArrayList<>(target.pointerProblems());
    there.forEach(
        (key, digest) -> {
          if (!digest.equals(sourceContents.get(key))) {
            problems.add(
                "TORN/ALTERED "
                    + key); // present at the destination with other bytes than the source's
          }
        });
    if (!problems.isEmpty()) {
      return "exit " + result.code() + " " + problems;
    }
    JsonNode summary = CliHarness.summary(result);
    if (result.code() == 0) {
      return there.equals(sourceContents) && summary.path("copied").asInt() == sourceIds.size()
          ? OK
          : "exit 0 but incomplete: " + summary + " " + there.keySet();
    }
    if (result.code() != 1) {
      return "exit " + result.code() + ": " + result.stderr();
    }
    if (summary == null) {
      return result.stderr().contains("vcon-storage: backend error:") && there.isEmpty()
          ? "exit 1, listing failed, nothing written"
          : "exit 1 without a summary: " + result.stderr();
    }
    Set<String> failed = new TreeSet<>();
    for (JsonNode f : summary.path("failures")) {
      if (!f.path("error").asText().equals("backend error")
          || !result.stderr().contains(f.path("item").asText())) {
        return "untyped or unreported failure " + f;
      }
      failed.add(f.path("item").asText());
    }
    if (failed.isEmpty()
        || !sourceIds.containsAll(failed)
        || summary.path("copied").asInt()
                + summary.path("skipped_identical").asInt()
                + failed.size()
            != sourceIds.size()) {
      return "exit 1 but failures do not account for every id: " + summary;
    }
    // Every id not named as failed arrived whole: object and pointer as in the source.
    Map<String, String> expected = new TreeMap<>(sourceContents);
    expected.keySet().removeIf(k -> failed.stream().anyMatch(k::contains));
    Map<String, String> arrived = new TreeMap<>(there);
    arrived.keySet().removeIf(k -> failed.stream().anyMatch(k::contains));
    return arrived.equals(expected)
        ? "exit 1, failed ids named"
        : "exit 1 but unnamed ids missing: " + expected.keySet();
  }

  private static void report() throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(
        "| side | requests | fault | fault occurs | expected | observed | faults fired | took | |");
    lines.add("|---|---|---|---|---|---|---|---|---|");
    ROWS.forEach(r -> lines.add(r.line()));
    String table = String.join("\n", lines) + "\n";
    System.out.println(table);
    Path out = Path.of("target", "copy-fault-matrix.md");
    Files.createDirectories(out.getParent());
    Files.writeString(
        out,
        "# copy under faults\n\nWritten by "
            + CopyUnderFaultsTest.class.getName()
            + ". Tuning: "
            + TUNING
            + ", --parallel "
            + PARALLEL
            + ", "
            + sourceIds.size()
            + " vCons"
            + (FULL ? ", full run" : ", default run (-Dreliability.full=true adds cells)")
            + ".\n\n"
            + table,
        StandardCharsets.UTF_8);
    assertThat(ROWS.stream().filter(r -> !r.expected().equals(r.observed())).toList())
        .as("cells whose outcome differs from the expected one:\n" + table)
        .isEmpty();
    assertThat(ROWS).allSatisfy(r -> assertThat(r.fired()).as("fault fired in " + r).isPositive());
  }
}
