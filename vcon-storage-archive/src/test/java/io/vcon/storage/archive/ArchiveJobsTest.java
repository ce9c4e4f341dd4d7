package io.vcon.storage.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vcon.storage.api.BackendException;
import io.vcon.storage.api.Capability;
import io.vcon.storage.api.RawObjects;
import io.vcon.storage.api.Vcon;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive jobs as a library: over directory stores (real files) opened through the SPI, as
 * users would.
 */
class ArchiveJobsTest {

  static final int VCONS = 30;

  @TempDir Path work;
  VconStore source;
  VconStore target;
  final List<String> ids = new ArrayList<>();

  @BeforeEach
  void setUp() {
    source = dir("source");
    target = dir("target");
    for (int i = 0; i < VCONS; i++) {
      String id = UUID.randomUUID().toString();
      ids.add(id);
      source.put(vcon(id, String.format("2024-03-%02dT10:00:00Z", 1 + i % 5)));
    }
  }

  @AfterEach
  void close() {
    source.close();
    target.close();
  }

  private VconStore dir(String name) {
    return Providers.createStore(
        "file", ProviderOptions.of(Map.of("path", work.resolve(name).toString())));
  }

  static Vcon vcon(String id, String createdAt) {
    return Vcon.parse(
        ("{\"vcon\":\"0.0.1\",\"uuid\":\""
                + id
                + "\",\"created_at\":\""
                + createdAt
                + "\",\"parties\":[{\"name\":\"Alice\"}],\"dialog\":[]}")
            .getBytes(StandardCharsets.UTF_8));
  }

  /** A store that lists by date and reads by id, nothing more: no raw access to its objects. */
  static final class ListedOnly implements VconStore {
    private final VconStore store;

    ListedOnly(VconStore store) {
      this.store = store;
    }

    @Override
    public String name() {
      return "listed-only " + store.name();
    }

    @Override
    public void put(Vcon vcon) {
      store.put(vcon);
    }

    @Override
    public Optional<Vcon> get(VconId id) {
      return store.get(id);
    }

    @Override
    public Optional<Vcon> get(VconId id, LocalDate day) {
      return store.get(id, day);
    }

    @Override
    public boolean delete(VconId id) {
      return store.delete(id);
    }

    @Override
    public boolean exists(VconId id) {
      return store.exists(id);
    }

    @Override
    public Set<Capability> capabilities() {
      return Set.of(Capability.LIST_BY_DATE);
    }

    @Override
    public Stream<VconId> list(LocalDate from, LocalDate to) {
      return store.list(from, to);
    }

    @Override
    public void close() {}
  }

  /** Records what a job tells its listener. */
  static final class Recorder implements ArchiveListener {
    final AtomicLong items = new AtomicLong();
    final AtomicLong total = new AtomicLong(-1);
    final List<String> failed = new CopyOnWriteArrayList<>();
    final List<Finding> findings = new CopyOnWriteArrayList<>();

    @Override
    public void total(long n) {
      total.set(n);
    }

    @Override
    public void item(long bytes) {
      items.incrementAndGet();
    }

    @Override
    public void failed(String item, Exception error) {
      failed.add(item + ": " + error.getMessage());
    }

    @Override
    public void finding(Finding finding) {
      findings.add(finding);
    }
  }

  @Test
  @DisplayName("copy writes every vCon once, tells the listener each item; a rerun skips them all")
  void copyAndRerun() {
    Recorder heard = new Recorder();
    CopyReport first = CopyJob.builder(source, target).parallel(3).listener(heard).build().run();
    assertThat(first.copied()).isEqualTo(VCONS);
    assertThat(first.failed()).isZero();
    assertThat(heard.items.get()).isEqualTo(VCONS);
    for (String id : ids) {
      assertThat(target.get(VconId.of(id))).isEqualTo(source.get(VconId.of(id)));
    }

    CopyReport again = CopyJob.builder(source, target).build().run();
    assertThat(again.copied()).isZero();
    assertThat(again.skippedIdentical()).isEqualTo(VCONS);
  }

  @Test
  @DisplayName(
      "a vCon filed under two days is copied once, from the day its pointer names, without memory"
          + " per id")
  void staleCopyIsNotCopied() {
    RawObjects raw = source.rawObjects();
    VconId id = VconId.of(ids.get(0));
    LocalDate stale = LocalDate.of(2023, 1, 1);
    raw.write(raw.keys().objectKey(id, stale), source.get(id).orElseThrow().bytes());

    CopyReport report = CopyJob.builder(source, target).parallel(2).build().run();
    assertThat(report.copied()).isEqualTo(VCONS);
    assertThat(report.skippedIdentical()).isZero();
    RawObjects there = target.rawObjects();
    assertThat(there.read(there.keys().objectKey(id, stale)))
        .as("the stale copy stays behind")
        .isEmpty();
    assertThat(target.get(id)).isEqualTo(source.get(id));
  }

  @Test
  @DisplayName(
      "from a store that lists by date only, a vCon filed under two days is copied once, through"
          + " a spill rather than a set of every id")
  void storeWithoutRawAccessCopiesEachIdOnce() {
    RawObjects raw = source.rawObjects();
    VconId twice = VconId.of(ids.get(1)); // filed under 2024-03-02
    raw.write(
        raw.keys().objectKey(twice, LocalDate.of(2024, 3, 1)),
        source.get(twice).orElseThrow().bytes());
    Recorder heard = new Recorder();

    CopyReport report =
        CopyJob.builder(new ListedOnly(source), target)
            .days(new DayRange(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 5)))
            .spillChunk(4)
            .listener(heard)
            .build()
            .run();
    assertThat(report.copied()).isEqualTo(VCONS);
    assertThat(report.failed()).isZero();
    assertThat(heard.items.get()).as("one item per id").isEqualTo(VCONS);
    for (String id : ids) {
      assertThat(target.get(VconId.of(id))).isEqualTo(source.get(VconId.of(id)));
    }
  }

  @Test
  @DisplayName("a cancelled copy stops taking items; run again, it finishes what is left")
  void cancelThenResume() {
    AtomicLong done = new AtomicLong();
    Cancellation afterFive =
        new Cancellation() {
          @Override
          public boolean isCancelled() {
            return done.get() >= 5;
          }

          @Override
          public void itemDone() {
            done.incrementAndGet();
          }
        };
    CopyReport stopped =
        CopyJob.builder(source, target).parallel(1).cancellation(afterFive).build().run();
    assertThat(stopped.stopped()).isTrue();
    assertThat(stopped.copied()).isEqualTo(5);

    CopyReport rest = CopyJob.builder(source, target).build().run();
    assertThat(rest.copied()).isEqualTo(VCONS - 5);
    assertThat(rest.skippedIdentical()).isEqualTo(5);
  }

  @Test
  @DisplayName(
      "an error no item survives stops the job at once and is thrown, not reported per item")
  void fatalErrorStopsTheJob() {
    Recorder heard = new Recorder();
    VconStore broken = new FailingStore(target);
    assertThatThrownBy(
            () -> CopyJob.builder(source, broken).parallel(4).listener(heard).build().run())
        .isInstanceOf(BackendException.class)
        .hasMessageContaining("does not exist");
    assertThat(heard.failed).isEmpty();
    assertThat(((FailingStore) broken).calls.get())
        .as("stopped after the items in flight")
        .isLessThan(VCONS);
  }

  @Test
  @DisplayName(
      "verify reports orphans to the listener; repair writes their pointers; a second run is clean")
  void verifyAndRepair() {
    RawObjects raw = source.rawObjects();
    String orphan = ids.get(0);
    raw.delete(raw.keys().pointerKey(VconId.of(orphan)));

    Recorder heard = new Recorder();
    VerifyReport report = VerifyJob.builder(source).listener(heard).build().run();
    assertThat(report.clean()).isFalse();
    assertThat(report.counts()).containsEntry(FindingKind.ORPHAN, 1);
    assertThat(heard.findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(FindingKind.ORPHAN);
              assertThat(f.vconId()).isEqualTo(orphan);
              assertThat(f.repaired()).isFalse();
              assertThat(f.repair()).startsWith("write pointer 2024/03/");
            });
    assertThat(heard.total.get()).isEqualTo(2L * VCONS - 1);

    VerifyReport repaired = VerifyJob.builder(source).repair(true).build().run();
    assertThat(repaired.repaired()).isEqualTo(1);
    assertThat(VerifyJob.builder(source).build().run().clean()).isTrue();
  }

  @Test
  @DisplayName(
      "verify spilling its listing to disk in small runs finds exactly what it finds in memory")
  void verifySpilled() {
    RawObjects raw = source.rawObjects();
    raw.delete(raw.keys().pointerKey(VconId.of(ids.get(3))));
    raw.write(
        raw.keys().pointerKey(VconId.of(UUID.randomUUID().toString())),
        "2024/03/01".getBytes(StandardCharsets.US_ASCII));
    raw.write(raw.keys().root() + "notes/readme.txt", "hello".getBytes(StandardCharsets.US_ASCII));

    Recorder inMemory = new Recorder();
    VerifyReport whole = VerifyJob.builder(source).listener(inMemory).build().run();
    Recorder spilled = new Recorder();
    VerifyReport merged =
        VerifyJob.builder(source).spillChunk(7).parallel(3).listener(spilled).build().run();

    assertThat(merged).isEqualTo(whole);
    assertThat(spilled.findings)
        .as("same findings, same order")
        .containsExactlyElementsOf(inMemory.findings);
    assertThat(whole.counts())
        .containsEntry(FindingKind.ORPHAN, 1)
        .containsEntry(FindingKind.DANGLING_POINTER, 1)
        .containsEntry(FindingKind.UNKNOWN_KEY, 1);
  }

  @Test
  @DisplayName("export writes the given ids byte for byte and names the missing one")
  void exportIds() throws IOException {
    String missing = UUID.randomUUID().toString();
    Recorder heard = new Recorder();
    ExportReport report =
        ExportJob.builder(source, work.resolve("out"))
            .ids(List.of(VconId.of(ids.get(0)), VconId.of(ids.get(1)), VconId.of(missing)))
            .listener(heard)
            .build()
            .run();
    assertThat(report.exported()).isEqualTo(2);
    assertThat(report.failed()).isEqualTo(1);
    assertThat(heard.total.get()).isEqualTo(3);
    assertThat(heard.failed).singleElement().asString().startsWith(missing);
    assertThat(Files.readAllBytes(work.resolve("out").resolve(ids.get(0) + ".vcon")))
        .isEqualTo(source.get(VconId.of(ids.get(0))).orElseThrow().bytes());
  }

  /** A destination whose every call fails as a bucket that does not exist does. */
  static final class FailingStore implements VconStore {
    final VconStore delegate;
    final AtomicLong calls = new AtomicLong();

    FailingStore(VconStore delegate) {
      this.delegate = delegate;
    }

    private BackendException noBucket() {
      calls.incrementAndGet();
      return new BackendException(
          "S3 GetObject in bucket gone failed: bucket gone does not exist",
          null,
          name(),
          false,
          true,
          null);
    }

    @Override
    public String name() {
      return "s3://gone";
    }

    @Override
    public void put(Vcon vcon) {
      throw noBucket();
    }

    @Override
    public Optional<Vcon> get(VconId id) {
      throw noBucket();
    }

    @Override
    public boolean delete(VconId id) {
      throw noBucket();
    }

    @Override
    public boolean exists(VconId id) {
      throw noBucket();
    }

    @Override
    public Set<Capability> capabilities() {
      return Set.of();
    }

    @Override
    public void close() {}
  }
}
