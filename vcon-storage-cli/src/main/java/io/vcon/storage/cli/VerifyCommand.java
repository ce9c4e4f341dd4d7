package io.vcon.storage.cli;

import io.vcon.storage.api.Capability;
import io.vcon.storage.api.ContentHash;
import io.vcon.storage.api.InvalidVconException;
import io.vcon.storage.api.RawObjects;
import io.vcon.storage.api.StoredObject;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconParser;
import io.vcon.storage.api.VconStorageException;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.api.key.DatePath;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.api.key.StoredKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Checks a store's objects against its lookup pointers and documents, and with {@code --repair} fixes what can
 * be fixed without losing data. The rules:
 *
 * <ul>
 *   <li>Repairs write or remove lookup pointers. A pointer holds no data (a date path), so rewriting or
 *       removing one never loses a vCon; objects are never moved or deleted, and rewritten only by
 *       {@code --trust-current}, with the very bytes just checked, to record their hash (ADR 0013).
 *   <li>A pointer is only ever written to a day whose object exists, is valid, and is unambiguous: the one copy,
 *       or the copy filed under its own {@code created_at} day. Two or more candidates with different bytes and
 *       nothing to choose between them are reported, not guessed.
 *   <li>Unparseable objects and documents whose {@code uuid} disagrees with their key are reported, never
 *       touched: only a person can tell whether the key or the body is wrong.
 * </ul>
 *
 * This is how an old vcon-server bucket (objects, no pointers) is upgraded in place: every object is an orphan,
 * and the repair writes its pointer.
 *
 * <p>On a store that records content hashes, every object's bytes are also checked against the SHA-512 recorded
 * when it was written. A mismatch is never repaired (only a backup knows the original bytes); an object without a
 * hash gets one only with {@code --repair --trust-current}, the caller vouching for its current bytes.
 */
@Command(
    name = "verify",
    description = {
      "Checks objects against lookup pointers and documents; --repair fixes what is safe.",
      "Finds orphan objects (no lookup pointer), dangling pointers, pointers whose date disagrees with the",
      "document, documents whose uuid disagrees with their key, unparseable objects, and objects whose bytes do",
      "not match their recorded content hash or carry none. Repairs write or remove lookup pointers, and with",
      "--trust-current record missing hashes; altered objects and what needs a person are reported."
    })
final class VerifyCommand extends BaseCommand {

  @Option(names = "--repair", description = "Write missing pointers, remove dangling ones, correct wrong ones.")
  boolean repair;

  @Option(names = "--parallel", paramLabel = "N", defaultValue = "4", description = "Concurrent reads (default: ${DEFAULT-VALUE}).")
  int parallel;

  @Option(
      names = "--trust-current",
      description = "With --repair: record a content hash for objects that have none, vouching for their current bytes.")
  boolean trustCurrent;

  @Option(
      names = "--checkpoint",
      paramLabel = "FILE",
      description = "Record each read in FILE; run again with the same FILE to resume a stopped verify. Removed when"
          + " the run completes.")
  Path checkpoint;

  enum Kind {
    ORPHAN(true),
    DANGLING_POINTER(true),
    WRONG_DATE_POINTER(true),
    UUID_MISMATCH(true),
    UNPARSEABLE(true),
    HASH_MISMATCH(true),
    MISSING_HASH(true),
    LEGACY_FLAT_KEY(false),
    STALE_COPY(false),
    UNKNOWN_KEY(false);

    /** Whether it is a defect (fails the run unless repaired) rather than a note. */
    final boolean defect;

    Kind(boolean defect) {
      this.defect = defect;
    }
  }

  /** One stored object of a vCon, filled in as it is read. */
  static final class ObjectState {
    final String key;
    final LocalDate day;
    volatile boolean valid;
    volatile LocalDate createdDay;
    /** The content hash of the bytes read, whatever was recorded. */
    volatile String digest;
    /** A problem of the object itself (hash, parse), reported in the analysis; null when none. */
    volatile Kind finding;
    volatile String detail;

    ObjectState(String key, LocalDate day) {
      this.key = key;
      this.day = day;
    }
  }

  /** Everything found for one id. */
  static final class IdState {
    final VconId id;
    final List<ObjectState> objects = new ArrayList<>();
    String pointerKey;
    volatile byte[] pointerBody;

    IdState(VconId id) {
      this.id = id;
    }
  }

  private final List<Map<String, Object>> findings = new ArrayList<>();
  private boolean hashesChecked;
  private int resumedReads;
  private final Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
  private int repaired;
  private int unrepaired;

  @Override
  public Integer call() {
    if (trustCurrent && !repair) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--trust-current is only meaningful with --repair");
    }
    try (Session session = root.session();
        Progress progress = progress("verify")) {
      VconStore store = session.store();
      RawObjects raw = store.rawObjects();
      KeyStrategy keys = raw.keys();
      VconParser parser =
          VconParser.builder().maxDocumentBytes(Integer.MAX_VALUE - 8).idPolicy(session.idPolicy()).build();

      Map<String, IdState> ids = new TreeMap<>();
      List<String> unknown = new ArrayList<>();
      int objectCount = 0;
      int pointerCount = 0;
      try (Stream<String> listing = raw.list(keys.root())) {
        for (String key : (Iterable<String>) listing::iterator) {
          Optional<VconId> pointerOf = keys.parsePointerKey(key);
          if (pointerOf.isPresent()) {
            ids.computeIfAbsent(pointerOf.get().value(), k -> new IdState(pointerOf.get())).pointerKey = key;
            pointerCount++;
            continue;
          }
          Optional<StoredKey> object = keys.parseObjectKey(key);
          if (object.isPresent()) {
            StoredKey k = object.get();
            ids.computeIfAbsent(k.id().value(), x -> new IdState(k.id()))
                .objects.add(new ObjectState(key, k.day().orElse(null)));
            objectCount++;
          } else {
            unknown.add(key);
          }
        }
      }
      progress.total(objectCount + pointerCount);

      boolean hashes = store.capabilities().contains(Capability.CONTENT_HASH);
      VerifyCheckpoint journal = checkpoint == null ? null : VerifyCheckpoint.open(checkpoint);
      int resumed = 0;
      // Read every object and pointer; objects are checked against the id in their key and their content hash.
      List<Runnable> reads = new ArrayList<>();
      for (IdState s : ids.values()) {
        if (s.pointerKey != null) {
          Optional<Optional<String>> earlier = journal == null ? Optional.empty() : journal.pointer(s.pointerKey);
          if (earlier.isPresent()) {
            s.pointerBody = earlier.get().map(b -> b.getBytes(StandardCharsets.US_ASCII)).orElse(null);
            resumed++;
            progress.item(0);
          } else {
            reads.add(() -> {
              s.pointerBody = raw.read(s.pointerKey).orElse(null);
              if (journal != null) {
                journal.pointerRead(s.pointerKey,
                    s.pointerBody == null ? null : new String(s.pointerBody, StandardCharsets.US_ASCII));
              }
              progress.item(s.pointerBody == null ? 0 : s.pointerBody.length);
            });
          }
        }
        for (ObjectState o : s.objects) {
          Optional<VerifyCheckpoint.ObjectRead> earlier = journal == null ? Optional.empty() : journal.object(o.key);
          if (earlier.isPresent()) {
            restore(o, earlier.get());
            resumed++;
            progress.item(0);
            continue;
          }
          reads.add(() -> {
            StoredObject stored = raw.readStored(o.key).orElse(null);
            if (stored == null) {
              progress.item(0);
              return;
            }
            check(s.id, o, stored, parser, hashes);
            if (journal != null) {
              journal.objectRead(o.key, new VerifyCheckpoint.ObjectRead(o.valid,
                  o.createdDay == null ? null : o.createdDay.toString(), o.digest,
                  o.finding == null ? null : o.finding.name(), o.detail));
            }
            progress.item(stored.body().length);
          });
        }
      }
      boolean stopped;
      try {
        stopped =
            Batch.run(
                reads.stream(),
                Math.max(1, parallel),
                context().stop,
                r -> {
                  try {
                    r.run();
                  } catch (VconStorageException e) {
                    failed("read", e);
                  }
                });
      } finally {
        progress.close();
      }
      if (!stopped) {
        for (IdState s : ids.values()) {
          objectFindings(s, raw);
          analyse(s, raw, keys);
        }
        for (String key : unknown) {
          finding(Kind.UNKNOWN_KEY, null, key, "not an object or pointer key of this layout; left alone", null, null);
        }
      }
      if (journal != null) {
        if (stopped) {
          journal.close();
        } else {
          journal.finished();
        }
      }
      this.hashesChecked = hashes;
      this.resumedReads = resumed;
      report(session, store, objectCount, pointerCount, stopped);
      return unrepaired == 0 && failures.isEmpty() && !stopped ? VconStorageCli.OK : VconStorageCli.SOME_FAILED;
    }
  }

  /** Parses and hashes one object's bytes, filling in {@code o}: a body that fails its hash is not valid. */
  private static void check(VconId id, ObjectState o, StoredObject stored, VconParser parser, boolean hashes) {
    byte[] body = stored.body();
    ContentHash actual = ContentHash.sha512(body);
    o.digest = actual.value();
    Optional<ContentHash> recorded = stored.contentHash();
    if (hashes && recorded.isPresent() && !recorded.get().equals(actual)) {
      o.finding = Kind.HASH_MISMATCH;
      o.detail = "bytes hash to " + actual + " but " + recorded.get() + " was recorded when it was written: altered"
          + " after the save; get refuses it. Restore the object from a backup or replica";
      return;
    }
    try {
      Vcon vcon = parser.parse(id, body);
      o.createdDay = vcon.createdAt().map(c -> c.localDate()).orElse(null);
      o.valid = true;
      if (hashes && recorded.isEmpty()) {
        o.finding = Kind.MISSING_HASH;
        o.detail = "no content hash recorded (written by vcon-server, copied without metadata, or before hashes were"
            + " recorded), so alterations cannot be detected";
      }
    } catch (InvalidVconException e) {
      o.finding = e.reason() == InvalidVconException.Reason.UUID_MISMATCH ? Kind.UUID_MISMATCH : Kind.UNPARSEABLE;
      o.detail = e.getMessage();
    }
  }

  private static void restore(ObjectState o, VerifyCheckpoint.ObjectRead read) {
    o.valid = read.valid();
    o.createdDay = read.createdDay() == null ? null : LocalDate.parse(read.createdDay());
    o.digest = read.digest();
    o.finding = read.finding() == null ? null : Kind.valueOf(read.finding());
    o.detail = read.detail();
  }

  /** The problems of each object itself, found while reading. */
  private void objectFindings(IdState s, RawObjects raw) {
    for (ObjectState o : s.objects) {
      if (o.finding == Kind.MISSING_HASH) {
        String digest = o.digest;
        finding(Kind.MISSING_HASH, s.id.value(), o.key, o.detail,
            trustCurrent
                ? "record the hash of its current bytes"
                : "run verify --repair --trust-current to record the hash of its current bytes, if they are trusted",
            trustCurrent ? () -> recordHash(raw, o.key, digest) : null);
      } else if (o.finding != null) {
        finding(o.finding, s.id.value(), o.key, o.detail, null, null);
      }
    }
  }

  /** Records the hash of the object's bytes, if they are still the bytes this run read (and the caller trusts). */
  private static void recordHash(RawObjects raw, String key, String digestRead) {
    byte[] body = raw.read(key).orElseThrow(
        () -> new IllegalStateException("object " + key + " disappeared before its hash was recorded"));
    if (!ContentHash.sha512(body).value().equals(digestRead)) {
      throw new IllegalStateException("object " + key + " changed since it was read; run verify again");
    }
    raw.write(key, body);
  }

  private void analyse(IdState s, RawObjects raw, KeyStrategy keys) {
    String id = s.id.value();
    List<ObjectState> valid = s.objects.stream().filter(o -> o.valid).toList();
    List<ObjectState> dated = valid.stream().filter(o -> o.day != null).toList();
    Optional<LocalDate> pointed =
        s.pointerBody == null
            ? Optional.empty()
            : keys.parsePointerBody(new String(s.pointerBody, StandardCharsets.US_ASCII));
    String pointerKey = keys.pointerKey(s.id);
    boolean hasPointer = s.pointerKey != null && s.pointerBody != null;

    if (s.objects.isEmpty()) {
      // A pointer to nothing, or with a body that is not even a date: it holds no data.
      finding(Kind.DANGLING_POINTER, id, pointerKey,
          "lookup pointer" + pointed.map(d -> " names " + DatePath.format(d)).orElse(" holds no date path")
              + " but no object of this vCon exists",
          "remove the pointer", () -> raw.delete(pointerKey));
      return;
    }
    Optional<ObjectState> candidate = candidate(dated);
    if (!hasPointer || pointed.isEmpty()) {
      if (dated.isEmpty()) {
        if (valid.isEmpty()) {
          return; // only broken objects, already reported
        }
        finding(Kind.LEGACY_FLAT_KEY, id, valid.get(0).key,
            "flat key from an old vcon-server version; get finds it without a pointer", null, null);
        if (hasPointer) {
          finding(Kind.DANGLING_POINTER, id, pointerKey, "lookup pointer holds no date path",
              "remove the pointer", () -> raw.delete(pointerKey));
        }
        return;
      }
      String problem = hasPointer ? "lookup pointer holds no date path" : "object has no lookup pointer";
      if (candidate.isPresent()) {
        ObjectState c = candidate.get();
        finding(Kind.ORPHAN, id, c.key, problem,
            "write pointer " + DatePath.format(c.day), () -> writePointer(raw, keys, s.id, c));
      } else {
        finding(Kind.ORPHAN, id, dated.get(0).key,
            problem + "; " + dated.size() + " differing copies and none filed under its created_at day: choose one"
                + " and delete the others, then run verify --repair", null, null);
      }
      notesForOtherCopies(id, dated, candidate);
      return;
    }
    LocalDate p = pointed.get();
    Optional<ObjectState> atPointer = dated.stream().filter(o -> o.day.equals(p)).findFirst();
    if (atPointer.isPresent()) {
      ObjectState o = atPointer.get();
      if (o.createdDay != null && !o.createdDay.equals(p)) {
        Optional<ObjectState> atCreated =
            dated.stream().filter(x -> x.day.equals(o.createdDay) && Objects.equals(x.digest, o.digest)).findFirst();
        String problem =
            "lookup pointer names " + DatePath.format(p) + " but the document's created_at is "
                + DatePath.format(o.createdDay);
        if (atCreated.isPresent()) {
          ObjectState c = atCreated.get();
          finding(Kind.WRONG_DATE_POINTER, id, pointerKey, problem + "; an identical copy is filed there",
              "rewrite pointer to " + DatePath.format(c.day), () -> writePointer(raw, keys, s.id, c));
        } else {
          finding(Kind.WRONG_DATE_POINTER, id, pointerKey,
              problem + "; the object itself is filed under " + DatePath.format(p) + " (get works). Re-save the vCon"
                  + " to refile it",
              null, null);
        }
      }
      notesForOtherCopies(id, dated, atPointer);
      return;
    }
    if (s.objects.stream().anyMatch(o -> p.equals(o.day) && o.finding == Kind.HASH_MISMATCH)) {
      return; // the pointer names the right object; that its bytes were altered is reported above
    }
    // The pointer names a day without a valid object of this vCon.
    if (candidate.isPresent()) {
      ObjectState c = candidate.get();
      finding(Kind.WRONG_DATE_POINTER, id, pointerKey,
          "lookup pointer names " + DatePath.format(p) + ", where there is no valid object; the object is filed under "
              + DatePath.format(c.day),
          "rewrite pointer to " + DatePath.format(c.day), () -> writePointer(raw, keys, s.id, c));
      notesForOtherCopies(id, dated, candidate);
    } else if (dated.isEmpty() && !valid.isEmpty()) {
      finding(Kind.DANGLING_POINTER, id, pointerKey,
          "lookup pointer names " + DatePath.format(p) + ", where there is no object; the vCon is under the flat key "
              + valid.get(0).key + ", which get finds without a pointer",
          "remove the pointer", () -> raw.delete(pointerKey));
    } else if (valid.isEmpty()) {
      finding(Kind.DANGLING_POINTER, id, pointerKey,
          "lookup pointer names " + DatePath.format(p) + " but every object of this vCon is broken (reported above)",
          null, null);
    } else {
      finding(Kind.WRONG_DATE_POINTER, id, pointerKey,
          "lookup pointer names " + DatePath.format(p) + ", where there is no valid object, and " + dated.size()
              + " differing copies exist elsewhere: choose one and delete the others, then run verify --repair",
          null, null);
    }
  }

  /**
   * The copy a pointer may safely name: the only valid dated copy, or the one filed under its own created_at day,
   * or any when all copies are identical. Empty when that is ambiguous.
   */
  private static Optional<ObjectState> candidate(List<ObjectState> dated) {
    if (dated.isEmpty()) {
      return Optional.empty();
    }
    if (dated.size() == 1) {
      return Optional.of(dated.get(0));
    }
    List<ObjectState> matching = dated.stream().filter(o -> o.day.equals(o.createdDay)).toList();
    if (matching.size() == 1) {
      return Optional.of(matching.get(0));
    }
    boolean allSame = dated.stream().allMatch(o -> Objects.equals(o.digest, dated.get(0).digest));
    if (allSame) {
      return dated.stream().filter(o -> Objects.equals(o.day, o.createdDay)).findFirst().or(() -> Optional.of(dated.get(0)));
    }
    return Optional.empty();
  }

  private void notesForOtherCopies(String id, List<ObjectState> dated, Optional<ObjectState> current) {
    for (ObjectState o : dated) {
      if (current.isPresent() && current.get() != o) {
        finding(Kind.STALE_COPY, id, o.key,
            "another copy of this vCon; the lookup pointer names " + DatePath.format(current.get().day)
                + ", so get does not return this one",
            null, null);
      }
    }
  }

  private static void writePointer(RawObjects raw, KeyStrategy keys, VconId id, ObjectState target) {
    // The object must still be there when the pointer is written: the pointer is the commit marker.
    if (raw.read(target.key).isEmpty()) {
      throw new IllegalStateException("object " + target.key + " disappeared before its pointer was written");
    }
    raw.write(keys.pointerKey(id), keys.pointerBody(target.day).getBytes(StandardCharsets.US_ASCII));
  }

  private void finding(Kind kind, String id, String key, String detail, String action, Runnable fix) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("kind", kind.name());
    f.put("id", id);
    f.put("key", key);
    f.put("detail", detail);
    f.put("defect", kind.defect);
    boolean fixed = false;
    String fixError = null;
    if (kind.defect && fix != null && repair) {
      try {
        fix.run();
        fixed = true;
      } catch (RuntimeException e) {
        fixError = e.getMessage();
      }
    }
    f.put("repair", action);
    f.put("repaired", fixed);
    if (fixError != null) {
      f.put("repair_error", fixError);
    }
    counts.merge(kind, 1, Integer::sum);
    if (kind.defect) {
      if (fixed) {
        repaired++;
      } else {
        unrepaired++;
      }
    }
    findings.add(f);
    if (!json()) {
      String status =
          !kind.defect ? "note" : fixed ? "repaired: " + action : fixError != null ? "repair failed: " + fixError
              : action != null ? "repairable: " + action : "not repairable";
      out().println(kind + "  " + (id == null ? "-" : id) + "  " + key + ": " + detail + " [" + status + "]");
    }
  }


  private void report(Session session, VconStore store, int objects, int pointers, boolean stopped) {
    if (json()) {
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("command", "verify");
      summary.put("store", session.selectedName());
      summary.put("repair", repair);
      summary.put("trust_current", trustCurrent);
      summary.put("content_hashes_checked", hashesChecked);
      summary.put("resumed_reads", resumedReads);
      summary.put("objects", objects);
      summary.put("pointers", pointers);
      Map<String, Object> byKind = new LinkedHashMap<>();
      counts.forEach((k, v) -> byKind.put(k.name(), v));
      summary.put("counts", byKind);
      summary.put("repaired", repaired);
      summary.put("unrepaired", unrepaired);
      summary.put("stopped", stopped);
      summary.put("findings", findings);
      summary.put("failures", new ArrayList<>(failures));
      printJson(summary);
    } else {
      StringBuilder b = new StringBuilder("verified ").append(session.selectedName()).append(" (").append(store.name())
          .append("): ").append(objects).append(" objects, ").append(pointers).append(" pointers; ");
      int defects = repaired + unrepaired;
      b.append(defects).append(defects == 1 ? " defect" : " defects");
      if (!counts.isEmpty()) {
        b.append(" ").append(counts);
      }
      if (repair) {
        b.append(", ").append(repaired).append(" repaired, ").append(unrepaired).append(" left");
      } else if (defects > 0) {
        b.append("; run with --repair to fix what is safe");
      }
      if (!hashesChecked) {
        b.append("; content hashes not checked (the store records none)");
      }
      if (resumedReads > 0) {
        b.append("; ").append(resumedReads).append(" reads resumed from ").append(checkpoint);
      }
      if (stopped) {
        b.append("; stopped early, nothing analysed or repaired")
            .append(checkpoint != null ? "; run the same command again to resume" : "");
      }
      out().println(b);
    }
  }
}
