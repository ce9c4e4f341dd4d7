package io.vcon.storage.cli;

import io.vcon.storage.api.Capability;
import io.vcon.storage.api.RawObjects;
import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconStorageException;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.api.key.KeyStrategy;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Migrates an archive between stores. Resumable: a vCon whose bytes (and lookup pointer) are already identical at
 * the destination is skipped, so a stopped or failed run is finished by running it again. vCons without
 * {@code created_at} keep the day they are filed under in the source, rather than being refiled under today.
 */
@Command(
    name = "copy",
    description = {
      "Copies vCons between stores (resumable, concurrent).",
      "A store is a configured storage name, or a directory as file:PATH or ./PATH. vCons already identical at",
      "the destination are skipped, so running it again resumes. Per-item errors are reported, not fatal."
    })
final class CopyCommand extends BaseCommand {

  @Option(names = "--from", paramLabel = "STORE", description = "Source store (default: --store, or the first).")
  String from;

  @Option(names = "--to", required = true, paramLabel = "STORE", description = "Destination store.")
  String to;

  @Option(names = "--parallel", paramLabel = "N", defaultValue = "4", description = "Concurrent copies (default: ${DEFAULT-VALUE}).")
  int parallel;

  @Mixin DateRange range;

  @Override
  public Integer call() {
    var days = range.days(spec);
    if (parallel < 1 || parallel > 256) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--parallel must be 1..256, was " + parallel);
    }
    try (Session session = root.session();
        Progress progress = progress("copy")) {
      String fromSpec = from != null ? from : session.selectedName();
      if (fromSpec.equals(to)) {
        throw new StorageConfigurationException("copy --from and --to are the same store (" + to + ")");
      }
      VconStore source = session.store(fromSpec);
      VconStore target = session.store(to);
      RawObjects targetRaw =
          target.capabilities().contains(Capability.RAW_OBJECTS) ? target.rawObjects() : null;
      RawObjects sourceRaw =
          source.capabilities().contains(Capability.RAW_OBJECTS) ? source.rawObjects() : null;
      Set<String> seen = ConcurrentHashMap.newKeySet();
      AtomicLong copied = new AtomicLong();
      AtomicLong skipped = new AtomicLong();
      boolean stopped;
      try (Stream<Listing.Entry> entries = Listing.entries(source, days)) {
        stopped =
            Batch.run(
                entries.filter(e -> seen.add(e.id().value())),
                parallel,
                context().stop,
                e -> {
                  try {
                    LocalDate day = currentDay(sourceRaw, e);
                    Optional<Vcon> found = day != null ? source.get(e.id(), day) : source.get(e.id());
                    if (found.isEmpty()) {
                      // Deleted since it was listed: nothing to copy.
                      progress.item(0);
                      return;
                    }
                    Vcon vcon = found.get();
                    if (copyOne(vcon, day, target, targetRaw)) {
                      copied.incrementAndGet();
                    } else {
                      skipped.incrementAndGet();
                    }
                    progress.item(vcon.size());
                  } catch (VconStorageException ex) {
                    failed(e.id().value(), ex);
                    progress.item(0);
                  }
                });
      }
      progress.close();
      if (json()) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("command", "copy");
        summary.put("from", fromSpec);
        summary.put("to", to);
        summary.put("copied", copied.get());
        summary.put("skipped_identical", skipped.get());
        summary.put("bytes", progress.bytes());
        summary.put("failed", failures.size());
        summary.put("stopped", stopped);
        summary.put("failures", new ArrayList<>(failures));
        printJson(summary);
      } else {
        out().println(
            "copied " + copied.get() + " vCons from " + fromSpec + " to " + to + ", " + skipped.get()
                + " already identical, " + failures.size() + " failed"
                + (stopped ? "; stopped early: run the same command again to resume" : ""));
      }
      return exitCode(stopped);
    }
  }

  /**
   * The day of the copy the source's lookup pointer names: with stale copies under other days, the listing's
   * first entry may not be the current one. Falls back to the listed day.
   */
  private static LocalDate currentDay(RawObjects sourceRaw, Listing.Entry e) {
    if (sourceRaw == null) {
      return e.day();
    }
    KeyStrategy keys = sourceRaw.keys();
    return sourceRaw.read(keys.pointerKey(e.id()))
        .flatMap(b -> keys.parsePointerBody(new String(b, StandardCharsets.US_ASCII)))
        .orElse(e.day());
  }

  /** Copies one vCon unless the destination already holds the same bytes; true when it wrote. */
  private static boolean copyOne(Vcon vcon, LocalDate sourceDay, VconStore target, RawObjects raw) {
    if (raw == null) {
      Optional<Vcon> there = target.get(vcon.id());
      if (there.isPresent() && there.get().sameContentAs(vcon)) {
        return false;
      }
      target.put(vcon);
      return true;
    }
    // The day the destination files it under: created_at's, else the source's folder (never "today").
    LocalDate day = vcon.createdAt().map(c -> c.localDate()).orElse(sourceDay);
    if (day == null) {
      Optional<Vcon> there = target.get(vcon.id());
      if (there.isPresent() && there.get().sameContentAs(vcon)) {
        return false;
      }
      target.put(vcon);
      return true;
    }
    KeyStrategy keys = raw.keys();
    String objectKey = keys.objectKey(vcon.id(), day);
    String pointerKey = keys.pointerKey(vcon.id());
    Optional<byte[]> object = raw.read(objectKey);
    Optional<byte[]> pointer = raw.read(pointerKey);
    boolean sameObject = object.isPresent() && Arrays.equals(object.get(), vcon.bytes());
    boolean samePointer =
        pointer.isPresent()
            && keys.parsePointerBody(new String(pointer.get(), StandardCharsets.US_ASCII)).equals(Optional.of(day));
    if (sameObject && samePointer) {
      return false;
    }
    if (vcon.createdAt().isPresent()) {
      // The store's own put: validation, and object before pointer.
      target.put(vcon);
    } else {
      // put would file it under today; keep its day. Object first, pointer after, as put does.
      if (!sameObject) {
        raw.write(objectKey, vcon.bytes());
      }
      raw.write(pointerKey, keys.pointerBody(day).getBytes(StandardCharsets.US_ASCII));
    }
    return true;
  }
}
