package io.vcon.storage.cli;

import io.vcon.storage.api.InvalidVconException;
import io.vcon.storage.api.RawObjects;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconParser;
import io.vcon.storage.api.VconStorageException;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.api.key.DatePath;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.api.key.StoredKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
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
 *   <li>Repairs only write or remove lookup pointers. A pointer holds no data (a date path), so rewriting or
 *       removing one never loses a vCon; objects are never written, moved or deleted.
 *   <li>A pointer is only ever written to a day whose object exists, is valid, and is unambiguous: the one copy,
 *       or the copy filed under its own {@code created_at} day. Two or more candidates with different bytes and
 *       nothing to choose between them are reported, not guessed.
 *   <li>Unparseable objects and documents whose {@code uuid} disagrees with their key are reported, never
 *       touched: only a person can tell whether the key or the body is wrong.
 * </ul>
 *
 * This is how an old vcon-server bucket (objects, no pointers) is upgraded in place: every object is an orphan,
 * and the repair writes its pointer.
 */
@Command(
    name = "verify",
    description = {
      "Checks objects against lookup pointers and documents; --repair fixes what is safe.",
      "Finds orphan objects (no lookup pointer), dangling pointers, pointers whose date disagrees with the",
      "document, documents whose uuid disagrees with their key, and unparseable objects. Repairs only write or",
      "remove lookup pointers, never objects; what needs a person is reported."
    })
final class VerifyCommand extends BaseCommand {

  @Option(names = "--repair", description = "Write missing pointers, remove dangling ones, correct wrong ones.")
  boolean repair;

  @Option(names = "--parallel", paramLabel = "N", defaultValue = "4", description = "Concurrent reads (default: ${DEFAULT-VALUE}).")
  int parallel;

  enum Kind {
    ORPHAN(true),
    DANGLING_POINTER(true),
    WRONG_DATE_POINTER(true),
    UUID_MISMATCH(true),
    UNPARSEABLE(true),
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
    volatile byte[] digest;

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
  private final Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
  private int repaired;
  private int unrepaired;

  @Override
  public Integer call() {
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

      // Read every object and pointer; objects are checked against the id in their key.
      List<Runnable> reads = new ArrayList<>();
      for (IdState s : ids.values()) {
        if (s.pointerKey != null) {
          reads.add(() -> {
            s.pointerBody = raw.read(s.pointerKey).orElse(null);
            progress.item(s.pointerBody == null ? 0 : s.pointerBody.length);
          });
        }
        for (ObjectState o : s.objects) {
          reads.add(() -> {
            byte[] body = raw.read(o.key).orElse(null);
            if (body == null) {
              progress.item(0);
              return;
            }
            try {
              Vcon vcon = parser.parse(s.id, body);
              o.createdDay = vcon.createdAt().map(c -> c.localDate()).orElse(null);
              o.digest = sha256(body);
              o.valid = true;
            } catch (InvalidVconException e) {
              synchronized (this) {
                finding(
                    e.reason() == InvalidVconException.Reason.UUID_MISMATCH ? Kind.UUID_MISMATCH : Kind.UNPARSEABLE,
                    s.id.value(), o.key, e.getMessage(), null, null);
              }
            }
            progress.item(body.length);
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
          analyse(s, raw, keys);
        }
        for (String key : unknown) {
          finding(Kind.UNKNOWN_KEY, null, key, "not an object or pointer key of this layout; left alone", null, null);
        }
      }
      report(session, store, objectCount, pointerCount, stopped);
      return unrepaired == 0 && failures.isEmpty() && !stopped ? VconStorageCli.OK : VconStorageCli.SOME_FAILED;
    }
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
            dated.stream().filter(x -> x.day.equals(o.createdDay) && Arrays.equals(x.digest, o.digest)).findFirst();
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
    boolean allSame = dated.stream().allMatch(o -> Arrays.equals(o.digest, dated.get(0).digest));
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
      if (stopped) {
        b.append("; stopped early, nothing analysed or repaired");
      }
      out().println(b);
    }
  }

  private static byte[] sha256(byte[] body) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(body);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
