package io.vcon.storage.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.vcon.storage.api.RawObjects;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.spi.Providers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resuming a verify from its checkpoint with the journal sorted through a small spill chunk, so
 * that a journal many times the chunk is merged from disk as the listing streams (issue 20).
 */
class VerifyCheckpointResumeTest {

  static final int VCONS = 40;
  static final int CHUNK = 4;

  @TempDir Path work;
  VconStore store;
  final List<String> ids = new ArrayList<>();
  final Map<String, LocalDate> days = new HashMap<>();

  @BeforeEach
  void setUp() {
    store =
        Providers.createStore(
            "file", ProviderOptions.of(Map.of("path", work.resolve("store").toString())));
    for (int i = 0; i < VCONS; i++) {
      String id = UUID.randomUUID().toString();
      ids.add(id);
      days.put(id, LocalDate.of(2024, 3, 1 + i % 5));
      store.put(ArchiveJobsTest.vcon(id, days.get(id) + "T10:00:00Z"));
    }
    // Something to find: an orphan, a dangling pointer, a pointer to the wrong day.
    RawObjects raw = store.rawObjects();
    raw.delete(raw.keys().pointerKey(VconId.of(ids.get(7))));
    raw.write(
        raw.keys().pointerKey(VconId.of(UUID.randomUUID().toString())),
        "2024/03/01".getBytes(StandardCharsets.US_ASCII));
    raw.write(
        raw.keys().pointerKey(VconId.of(ids.get(20))),
        "2024/04/30".getBytes(StandardCharsets.US_ASCII));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static Cancellation after(long items) {
    AtomicLong done = new AtomicLong();
    return new Cancellation() {
      @Override
      public boolean isCancelled() {
        return done.get() >= items;
      }

      @Override
      public void itemDone() {
        done.incrementAndGet();
      }
    };
  }

  @Test
  @DisplayName(
      "a journal many times the spill chunk resumes to exactly the findings of one uninterrupted"
          + " run")
  void resumeOverJournalLargerThanTheChunk() throws IOException {
    ArchiveJobsTest.Recorder once = new ArchiveJobsTest.Recorder();
    VerifyReport whole = VerifyJob.builder(store).listener(once).build().run();
    assertThat(whole.clean()).isFalse();

    Path checkpoint = work.resolve("verify.checkpoint");
    VerifyReport stopped =
        VerifyJob.builder(store)
            .checkpoint(checkpoint)
            .spillChunk(CHUNK)
            .parallel(1)
            .cancellation(after(50))
            .build()
            .run();
    assertThat(stopped.stopped()).isTrue();
    long journalled = Files.readAllLines(checkpoint).size();
    assertThat(journalled).as("several spilled runs of the journal").isGreaterThan(8L * CHUNK);

    ArchiveJobsTest.Recorder resumedHeard = new ArchiveJobsTest.Recorder();
    VerifyReport resumed =
        VerifyJob.builder(store)
            .checkpoint(checkpoint)
            .spillChunk(CHUNK)
            .parallel(3)
            .listener(resumedHeard)
            .build()
            .run();

    assertThat(resumed.resumedReads()).isEqualTo(journalled);
    assertThat(resumed).usingRecursiveComparison().ignoringFields("resumedReads").isEqualTo(whole);
    assertThat(resumedHeard.findings)
        .as("same findings, same order")
        .containsExactlyElementsOf(once.findings);
    assertThat(resumedHeard.items.get()).isEqualTo(once.items.get());
    assertThat(checkpoint).as("a finished run removes its checkpoint").doesNotExist();
  }

  @Test
  @DisplayName(
      "a checkpoint in the current format is read: the later of two lines for a key wins, a line"
          + " cut by a crash is read again, and the journal's verdict is what the resumed run"
          + " reports")
  void readsTheCurrentFormat() throws IOException {
    RawObjects raw = store.rawObjects();
    // The two vCons verify reaches first (ids in order), neither with a finding of its own.
    List<String> clean =
        ids.stream()
            .filter(id -> !id.equals(ids.get(7)) && !id.equals(ids.get(20)))
            .sorted()
            .toList();
    VconId first = VconId.of(clean.get(0));
    VconId second = VconId.of(clean.get(1));
    String firstObject = raw.keys().objectKey(first, days.get(first.value()));
    String secondPointer = raw.keys().pointerKey(second);
    String secondObject = raw.keys().objectKey(second, days.get(second.value()));
    Path checkpoint = work.resolve("old.checkpoint");
    Files.writeString(
        checkpoint,
        String.join(
            "\n",
            // What this version writes: object and pointer lines, tab-separated, "-" for none.
            "O\t" + firstObject + "\t0\t-\tsha512-x\tUNPARSEABLE\tjournalled\\tverdict",
            "P\t" + secondPointer + "\t-",
            "P\t" + secondPointer + "\t" + raw.keys().pointerBody(days.get(second.value())),
            "O\t" + secondObject + "\t1\t2024-"),
        StandardCharsets.UTF_8);

    ArchiveJobsTest.Recorder heard = new ArchiveJobsTest.Recorder();
    VerifyReport report =
        VerifyJob.builder(store)
            .checkpoint(checkpoint)
            .spillChunk(2)
            .cancellation(after(VCONS)) // stop midway, to look at the journal it appended to
            .parallel(1)
            .listener(heard)
            .build()
            .run();

    assertThat(report.resumedReads()).as("two lines for one key count once").isEqualTo(2);
    assertThat(heard.findings)
        .filteredOn(f -> f.key().equals(firstObject))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(FindingKind.UNPARSEABLE);
              assertThat(f.detail()).isEqualTo("journalled\tverdict");
            });
    assertThat(heard.findings)
        .as("the later pointer line wins: the pointer is there")
        .noneMatch(f -> second.value().equals(f.vconId()));
    List<String> lines = Files.readAllLines(checkpoint);
    assertThat(lines.get(3)).as("the cut line stays a line of its own").endsWith("\t1\t2024-");
    assertThat(lines.subList(4, lines.size()))
        .as("what this run read is appended in the same format")
        .isNotEmpty()
        .allMatch(l -> l.matches("(O\t[^\t]+\t[01](\t[^\t]+){4}|P\t[^\t]+\t[^\t]+)"))
        .anyMatch(l -> l.startsWith("O\t" + secondObject + "\t"));
  }
}
