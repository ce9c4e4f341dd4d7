package io.vcon.storage.archive;

import io.vcon.storage.api.Capability;
import io.vcon.storage.api.ContentHash;
import io.vcon.storage.api.IdPolicy;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Checks a store's objects against its lookup pointers and documents, and with {@link
 * Builder#repair} fixes what can be fixed without losing data. The rules:
 *
 * <ul>
 *   <li>Repairs write or remove lookup pointers. A pointer holds no data (a date path), so
 *       rewriting or removing one never loses a vCon; objects are never moved or deleted, and
 *       rewritten only by {@link Builder#trustCurrent}, with the very bytes just checked, to record
 *       their hash (ADR 0013).
 *   <li>A pointer is only ever written to a day whose object exists, is valid, and is unambiguous:
 *       the one copy, or the copy filed under its own {@code created_at} day. Two or more
 *       candidates with different bytes and nothing to choose between them are reported, not
 *       guessed.
 *   <li>Unparseable objects and documents whose {@code uuid} disagrees with their key are reported,
 *       never touched: only a person can tell whether the key or the body is wrong.
 * </ul>
 *
 * This is how an old vcon-server bucket (objects, no pointers) is upgraded in place: every object
 * is an orphan, and the repair writes its pointer.
 *
 * <p>On a store that records content hashes, every object's bytes are also checked against the
 * SHA-512 recorded when it was written. A mismatch is never repaired (only a backup knows the
 * original bytes); an object without a hash gets one only with repair and trust-current, the caller
 * vouching for its current bytes.
 *
 * <p>Findings go to the listener as they are made (after their repair), read failures too; an error
 * no item survives ({@link JobErrors#isFatal}) stops the job and is thrown. vCons are analysed (and
 * repaired) in id order as soon as they are read; a cancelled job has analysed those read before it
 * stopped, and with a {@linkplain Builder#checkpoint checkpoint} the next run resumes its reads.
 *
 * <p>Memory does not grow with the store: the listing is grouped by id on disk ({@link
 * SortedSpill}), and only the vCons in flight are held. So is a checkpoint on resume: its journal
 * is sorted by id the same way and merged in as the listing streams.
 */
public final class VerifyJob {

  private final VconStore store;
  private final boolean repair;
  private final boolean trustCurrent;
  private final Path checkpoint;
  private final int parallel;
  private final IdPolicy idPolicy;
  private final ArchiveListener listener;
  private final Cancellation cancellation;
  private final Shard shard;
  private final S3Inventory inventory;
  private final int spillChunk;

  private final Map<FindingKind, Integer> counts = new EnumMap<>(FindingKind.class);
  private int repaired;
  private int unrepaired;
  private final AtomicLong failed = new AtomicLong();

  private VerifyJob(Builder b) {
    if (b.trustCurrent && !b.repair) {
      throw new IllegalArgumentException("trust-current is only meaningful with repair");
    }
    this.store = b.store;
    this.repair = b.repair;
    this.trustCurrent = b.trustCurrent;
    this.checkpoint = b.checkpoint;
    this.parallel = b.parallel;
    this.idPolicy = b.idPolicy;
    this.listener = b.listener;
    this.cancellation = b.cancellation;
    this.shard = b.shard;
    this.inventory = b.inventory;
    this.spillChunk = b.spillChunk;
  }

  public static Builder builder(VconStore store) {
    return new Builder(store);
  }

  /** One stored object of a vCon, filled in as it is read. */
  private static final class ObjectState {
    final String key;
    final LocalDate day;
    volatile boolean valid;
    volatile LocalDate createdDay;

    /** The content hash of the bytes read, whatever was recorded. */
    volatile String digest;

    /** A problem of the object itself (hash, parse), reported in the analysis; null when none. */
    volatile FindingKind finding;

    volatile String detail;

    ObjectState(String key, LocalDate day) {
      this.key = key;
      this.day = day;
    }
  }

  /** Everything found for one id. */
  private static final class IdState {
    final VconId id;
    final List<ObjectState> objects = new ArrayList<>();
    String pointerKey;
    volatile byte[] pointerBody;

    /** What a previous run journalled for this vCon (nothing without a checkpoint). */
    VerifyCheckpoint.Earlier earlier = VerifyCheckpoint.Earlier.NONE;

    IdState(VconId id) {
      this.id = id;
    }
  }

  /**
   * Records per spilled file: a million keys take about 100 MB of disk, at most this many lines of
   * heap (for the listing, and again for a resumed checkpoint's journal).
   */
  static final int SPILL_CHUNK = 100_000;

  /**
   * Runs the verify to its end, its cancellation, or the first fatal error (thrown). The listing is
   * grouped by vCon id through a {@link SortedSpill} (memory independent of the store's size), then
   * each vCon is read and analysed in id order, reads running ahead on {@code parallel} threads.
   * {@code run} may be called again: it starts afresh.
   */
  public synchronized VerifyReport run() {
    counts.clear();
    repaired = 0;
    unrepaired = 0;
    failed.set(0);
    RawObjects raw = store.rawObjects();
    KeyStrategy keys = raw.keys();
    VconParser parser =
        VconParser.builder().maxDocumentBytes(Integer.MAX_VALUE - 8).idPolicy(idPolicy).build();
    int objectCount = 0;
    int pointerCount = 0;
    try (SortedSpill listed = new SortedSpill(spillChunk);
        SortedSpill unknown = new SortedSpill(spillChunk)) {
      try (Stream<String> listing = Listing.keys(raw, inventory)) {
        for (String key : (Iterable<String>) listing::iterator) {
          Optional<VconId> pointerOf = keys.parsePointerKey(key);
          if (pointerOf.isPresent()) {
            if (shard.covers(pointerOf.get())) {
              listed.add(pointerOf.get().value() + "\tP\t" + VerifyCheckpoint.escape(key) + "\t-");
              pointerCount++;
            }
            continue;
          }
          Optional<StoredKey> object = keys.parseObjectKey(key);
          if (object.isPresent()) {
            StoredKey k = object.get();
            if (shard.covers(k.id())) {
              listed.add(
                  k.id().value()
                      + "\tO\t"
                      + VerifyCheckpoint.escape(key)
                      + "\t"
                      + k.day().map(LocalDate::toString).orElse("-"));
              objectCount++;
            }
          } else if (shard.covers(key)) {
            unknown.add(VerifyCheckpoint.escape(key));
          }
        }
      }
      listener.total(objectCount + pointerCount);

      boolean hashes = store.capabilities().contains(Capability.CONTENT_HASH);
      VerifyCheckpoint journal =
          checkpoint == null
              ? null
              : VerifyCheckpoint.open(
                  checkpoint, (pointer, key) -> idOf(keys, pointer, key), spillChunk);
      AtomicInteger resumed = new AtomicInteger();
      Reader reader = new Reader(raw, parser, hashes, journal, resumed);
      boolean stopped;
      try {
        stopped =
            Workers.runOrdered(
                grouped(listed.sorted(), journal),
                parallel,
                cancellation,
                reader::read,
                s -> {
                  objectFindings(s, raw);
                  analyse(s, raw, keys);
                });
      } catch (RuntimeException | Error e) {
        if (journal != null) {
          journal.close();
        }
        throw e;
      }
      if (!stopped) {
        for (Iterator<String> it = unknown.sorted(); it.hasNext(); ) {
          finding(
              FindingKind.UNKNOWN_KEY,
              null,
              VerifyCheckpoint.unescape(it.next()),
              "not an object or pointer key of this layout; left alone",
              null,
              null);
        }
      }
      if (journal != null) {
        if (stopped) {
          journal.close();
        } else {
          journal.finished();
        }
      }
      return new VerifyReport(
          objectCount,
          pointerCount,
          counts,
          repaired,
          unrepaired,
          failed.get(),
          resumed.get(),
          hashes,
          stopped);
    }
  }

  /**
   * The vCon a journalled key belongs to, as the listing above groups it: pointer keys by the id
   * they name, object keys by the id in their name.
   */
  private static Optional<String> idOf(KeyStrategy keys, boolean pointer, String key) {
    Optional<VconId> asPointer = keys.parsePointerKey(key);
    if (pointer || asPointer.isPresent()) {
      return asPointer.map(VconId::value);
    }
    return keys.parseObjectKey(key).map(k -> k.id().value());
  }

  /**
   * The spilled listing, sorted by id, as one {@link IdState} per vCon, with what the checkpoint
   * (when given) says a previous run read of it: both are in id order, so they are merged as they
   * stream.
   */
  private static Iterator<IdState> grouped(Iterator<String> lines, VerifyCheckpoint journal) {
    return new Iterator<>() {
      private String[] next = lines.hasNext() ? lines.next().split("\t", -1) : null;

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public IdState next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        String id = next[0];
        IdState s = new IdState(VconId.of(id));
        while (next != null && next[0].equals(id)) {
          String key = VerifyCheckpoint.unescape(next[2]);
          if (next[1].equals("P")) {
            s.pointerKey = key;
          } else {
            s.objects.add(
                new ObjectState(key, next[3].equals("-") ? null : LocalDate.parse(next[3])));
          }
          next = lines.hasNext() ? lines.next().split("\t", -1) : null;
        }
        s.earlier = journal == null ? VerifyCheckpoint.Earlier.NONE : journal.earlier(id);
        return s;
      }
    };
  }

  /**
   * Reads one vCon's pointer and objects (or takes them from the checkpoint), on a worker thread.
   */
  private final class Reader {
    private final RawObjects raw;
    private final VconParser parser;
    private final boolean hashes;
    private final VerifyCheckpoint journal;
    private final AtomicInteger resumed;

    Reader(
        RawObjects raw,
        VconParser parser,
        boolean hashes,
        VerifyCheckpoint journal,
        AtomicInteger resumed) {
      this.raw = raw;
      this.parser = parser;
      this.hashes = hashes;
      this.journal = journal;
      this.resumed = resumed;
    }

    IdState read(IdState s) {
      if (s.pointerKey != null) {
        Optional<Optional<String>> earlier = s.earlier.pointer(s.pointerKey);
        if (earlier.isPresent()) {
          s.pointerBody =
              earlier.get().map(b -> b.getBytes(StandardCharsets.US_ASCII)).orElse(null);
          resumed.incrementAndGet();
          listener.item(0);
        } else {
          guarded(
              () -> {
                s.pointerBody = raw.read(s.pointerKey).orElse(null);
                if (journal != null) {
                  journal.pointerRead(
                      s.pointerKey,
                      s.pointerBody == null
                          ? null
                          : new String(s.pointerBody, StandardCharsets.US_ASCII));
                }
                listener.item(s.pointerBody == null ? 0 : s.pointerBody.length);
              });
        }
      }
      for (ObjectState o : s.objects) {
        Optional<VerifyCheckpoint.ObjectRead> earlier = s.earlier.object(o.key);
        if (earlier.isPresent()) {
          restore(o, earlier.get());
          resumed.incrementAndGet();
          listener.item(0);
          continue;
        }
        guarded(
            () -> {
              StoredObject stored = raw.readStored(o.key).orElse(null);
              if (stored == null) {
                listener.item(0);
                return;
              }
              check(s.id, o, stored, parser, hashes);
              if (journal != null) {
                journal.objectRead(
                    o.key,
                    new VerifyCheckpoint.ObjectRead(
                        o.valid,
                        o.createdDay == null ? null : o.createdDay.toString(),
                        o.digest,
                        o.finding == null ? null : o.finding.name(),
                        o.detail));
              }
              listener.item(stored.body().length);
            });
      }
      return s;
    }

    /**
     * One read: a per-item error is reported and the vCon analysed without it; a fatal one stops
     * the job.
     */
    private void guarded(Runnable read) {
      try {
        read.run();
      } catch (VconStorageException e) {
        if (JobErrors.isFatal(e)) {
          throw e;
        }
        failed.incrementAndGet();
        listener.failed("read", e);
      } finally {
        cancellation.itemDone();
      }
    }
  }

  /**
   * Parses and hashes one object's bytes, filling in {@code o}: a body that fails its hash is not
   * valid.
   */
  private static void check(
      VconId id, ObjectState o, StoredObject stored, VconParser parser, boolean hashes) {
    byte[] body = stored.body();
    ContentHash actual = ContentHash.sha512(body);
    o.digest = actual.value();
    Optional<ContentHash> recorded = stored.contentHash();
    if (hashes && recorded.isPresent() && !recorded.get().equals(actual)) {
      o.finding = FindingKind.HASH_MISMATCH;
      o.detail =
          "bytes hash to "
              + actual
              + " but "
              + recorded.get()
              + " was recorded when it was written: altered"
              + " after the save; get refuses it. Restore the object from a backup or replica";
      return;
    }
    try {
      Vcon vcon = parser.parse(id, body);
      o.createdDay = vcon.createdAt().map(c -> c.localDate()).orElse(null);
      o.valid = true;
      if (hashes && recorded.isEmpty()) {
        o.finding = FindingKind.MISSING_HASH;
        o.detail =
            "no content hash recorded (written by vcon-server, copied without metadata, or before"
                + " hashes were recorded), so alterations cannot be detected";
      }
    } catch (InvalidVconException e) {
      o.finding =
          e.reason() == InvalidVconException.Reason.UUID_MISMATCH
              ? FindingKind.UUID_MISMATCH
              : FindingKind.UNPARSEABLE;
      o.detail = e.getMessage();
    }
  }

  private static void restore(ObjectState o, VerifyCheckpoint.ObjectRead read) {
    o.valid = read.valid();
    o.createdDay = read.createdDay() == null ? null : LocalDate.parse(read.createdDay());
    o.digest = read.digest();
    o.finding = read.finding() == null ? null : FindingKind.valueOf(read.finding());
    o.detail = read.detail();
  }

  /** The problems of each object itself, found while reading. */
  private void objectFindings(IdState s, RawObjects raw) {
    for (ObjectState o : s.objects) {
      if (o.finding == FindingKind.MISSING_HASH) {
        String digest = o.digest;
        finding(
            FindingKind.MISSING_HASH,
            s.id.value(),
            o.key,
            o.detail,
            trustCurrent
                ? "record the hash of its current bytes"
                : "run verify --repair --trust-current to record the hash of its current bytes, if"
                    + " they are trusted",
            trustCurrent ? () -> recordHash(raw, o.key, digest) : null);
      } else if (o.finding != null) {
        finding(o.finding, s.id.value(), o.key, o.detail, null, null);
      }
    }
  }

  /**
   * Records the hash of the object's bytes, if they are still the bytes this run read (and the
   * caller trusts).
   */
  private static void recordHash(RawObjects raw, String key, String digestRead) {
    byte[] body =
        raw.read(key)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "object " + key + " disappeared before its hash was recorded"));
    if (!ContentHash.sha512(body).value().equals(digestRead)) {
      throw new IllegalStateException(
          "object " + key + " changed since it was read; run verify again");
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
      finding(
          FindingKind.DANGLING_POINTER,
          id,
          pointerKey,
          "lookup pointer"
              + pointed.map(d -> " names " + DatePath.format(d)).orElse(" holds no date path")
              + " but no object of this vCon exists",
          "remove the pointer",
          () -> raw.delete(pointerKey));
      return;
    }
    Optional<ObjectState> candidate = candidate(dated);
    if (!hasPointer || pointed.isEmpty()) {
      if (dated.isEmpty()) {
        if (valid.isEmpty()) {
          return; // only broken objects, already reported
        }
        finding(
            FindingKind.LEGACY_FLAT_KEY,
            id,
            valid.get(0).key,
            "flat key from an old vcon-server version; get finds it without a pointer",
            null,
            null);
        if (hasPointer) {
          finding(
              FindingKind.DANGLING_POINTER,
              id,
              pointerKey,
              "lookup pointer holds no date path",
              "remove the pointer",
              () -> raw.delete(pointerKey));
        }
        return;
      }
      String problem =
          hasPointer ? "lookup pointer holds no date path" : "object has no lookup pointer";
      if (candidate.isPresent()) {
        ObjectState c = candidate.get();
        finding(
            FindingKind.ORPHAN,
            id,
            c.key,
            problem,
            "write pointer " + DatePath.format(c.day),
            () -> writePointer(raw, keys, s.id, c));
      } else {
        finding(
            FindingKind.ORPHAN,
            id,
            dated.get(0).key,
            problem
                + "; "
                + dated.size()
                + " differing copies and none filed under its created_at day: choose one"
                + " and delete the others, then run verify --repair",
            null,
            null);
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
            dated.stream()
                .filter(x -> x.day.equals(o.createdDay) && Objects.equals(x.digest, o.digest))
                .findFirst();
        String problem =
            "lookup pointer names "
                + DatePath.format(p)
                + " but the document's created_at is "
                + DatePath.format(o.createdDay);
        if (atCreated.isPresent()) {
          ObjectState c = atCreated.get();
          finding(
              FindingKind.WRONG_DATE_POINTER,
              id,
              pointerKey,
              problem + "; an identical copy is filed there",
              "rewrite pointer to " + DatePath.format(c.day),
              () -> writePointer(raw, keys, s.id, c));
        } else {
          finding(
              FindingKind.WRONG_DATE_POINTER,
              id,
              pointerKey,
              problem
                  + "; the object itself is filed under "
                  + DatePath.format(p)
                  + " (get works). Re-save the vCon"
                  + " to refile it",
              null,
              null);
        }
      }
      notesForOtherCopies(id, dated, atPointer);
      return;
    }
    if (s.objects.stream()
        .anyMatch(o -> p.equals(o.day) && o.finding == FindingKind.HASH_MISMATCH)) {
      return; // the pointer names the right object; that its bytes were altered is reported above
    }
    // The pointer names a day without a valid object of this vCon.
    if (candidate.isPresent()) {
      ObjectState c = candidate.get();
      finding(
          FindingKind.WRONG_DATE_POINTER,
          id,
          pointerKey,
          "lookup pointer names "
              + DatePath.format(p)
              + ", where there is no valid object; the object is filed under "
              + DatePath.format(c.day),
          "rewrite pointer to " + DatePath.format(c.day),
          () -> writePointer(raw, keys, s.id, c));
      notesForOtherCopies(id, dated, candidate);
    } else if (dated.isEmpty() && !valid.isEmpty()) {
      finding(
          FindingKind.DANGLING_POINTER,
          id,
          pointerKey,
          "lookup pointer names "
              + DatePath.format(p)
              + ", where there is no object; the vCon is under the flat key "
              + valid.get(0).key
              + ", which get finds without a pointer",
          "remove the pointer",
          () -> raw.delete(pointerKey));
    } else if (valid.isEmpty()) {
      finding(
          FindingKind.DANGLING_POINTER,
          id,
          pointerKey,
          "lookup pointer names "
              + DatePath.format(p)
              + " but every object of this vCon is broken (reported above)",
          null,
          null);
    } else {
      finding(
          FindingKind.WRONG_DATE_POINTER,
          id,
          pointerKey,
          "lookup pointer names "
              + DatePath.format(p)
              + ", where there is no valid object, and "
              + dated.size()
              + " differing copies exist elsewhere: choose one and delete the others, then run"
              + " verify --repair",
          null,
          null);
    }
  }

  /**
   * The copy a pointer may safely name: the only valid dated copy, or the one filed under its own
   * created_at day, or any when all copies are identical. Empty when that is ambiguous.
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
      return dated.stream()
          .filter(o -> Objects.equals(o.day, o.createdDay))
          .findFirst()
          .or(() -> Optional.of(dated.get(0)));
    }
    return Optional.empty();
  }

  private void notesForOtherCopies(
      String id, List<ObjectState> dated, Optional<ObjectState> current) {
    for (ObjectState o : dated) {
      if (current.isPresent() && current.get() != o) {
        finding(
            FindingKind.STALE_COPY,
            id,
            o.key,
            "another copy of this vCon; the lookup pointer names "
                + DatePath.format(current.get().day)
                + ", so get does not return this one",
            null,
            null);
      }
    }
  }

  private static void writePointer(
      RawObjects raw, KeyStrategy keys, VconId id, ObjectState target) {
    // The object must still be there when the pointer is written: the pointer is the commit marker.
    if (raw.read(target.key).isEmpty()) {
      throw new IllegalStateException(
          "object " + target.key + " disappeared before its pointer was written");
    }
    raw.write(
        keys.pointerKey(id), keys.pointerBody(target.day).getBytes(StandardCharsets.US_ASCII));
  }

  private void finding(
      FindingKind kind, String id, String key, String detail, String action, Runnable fix) {
    boolean fixed = false;
    String fixError = null;
    if (kind.defect() && fix != null && repair) {
      try {
        fix.run();
        fixed = true;
      } catch (RuntimeException e) {
        if (JobErrors.isFatal(e)) {
          throw e;
        }
        fixError = e.getMessage();
      }
    }
    counts.merge(kind, 1, Integer::sum);
    if (kind.defect()) {
      if (fixed) {
        repaired++;
      } else {
        unrepaired++;
      }
    }
    listener.finding(new Finding(kind, id, key, detail, action, fixed, fixError));
  }

  /** Options of a {@link VerifyJob}; only the store is required. */
  public static final class Builder extends JobBuilder<Builder> {
    private final VconStore store;
    private boolean repair;
    private boolean trustCurrent;
    private Path checkpoint;
    private int parallel = 4;
    private IdPolicy idPolicy = IdPolicy.UUID;
    private int spillChunk = SPILL_CHUNK;

    private Builder(VconStore store) {
      this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Write missing pointers, remove dangling ones, correct wrong ones (default false: report
     * only).
     */
    public Builder repair(boolean repair) {
      this.repair = repair;
      return this;
    }

    /**
     * With repair: record a content hash for objects that have none, vouching for their current
     * bytes.
     */
    public Builder trustCurrent(boolean trustCurrent) {
      this.trustCurrent = trustCurrent;
      return this;
    }

    /**
     * Records each read in {@code file}; a job given the same file resumes a stopped verify.
     * Removed when the job completes.
     */
    public Builder checkpoint(Path file) {
      this.checkpoint = file;
      return this;
    }

    /** Concurrent reads, at least 1 (default 4). */
    public Builder parallel(int parallel) {
      this.parallel = Math.max(1, parallel);
      return this;
    }

    /** The ids the documents may carry (default: the parser's default policy). */
    public Builder idPolicy(IdPolicy idPolicy) {
      this.idPolicy = Objects.requireNonNull(idPolicy, "idPolicy");
      return this;
    }

    /**
     * Tests: spill the listing, and a resumed checkpoint's journal, every {@code lines} lines, so a
     * small store exercises the merge.
     */
    Builder spillChunk(int lines) {
      this.spillChunk = lines;
      return this;
    }

    @Override
    Builder self() {
      return this;
    }

    public VerifyJob build() {
      return new VerifyJob(this);
    }
  }
}
