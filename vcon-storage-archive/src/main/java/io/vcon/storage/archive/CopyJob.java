package io.vcon.storage.archive;

import io.vcon.storage.api.Capability;
import io.vcon.storage.api.IdPolicy;
import io.vcon.storage.api.ObjectInfo;
import io.vcon.storage.api.ObjectInfo.Sameness;
import io.vcon.storage.api.RawObjects;
import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconStorageException;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.api.key.KeyStrategy;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Copies the vCons of one store into another: a migration, a compliance archive, a replica.
 * Resumable: a vCon whose bytes and lookup pointer are already identical at the destination is
 * skipped, so a stopped or failed run is finished by running it again. vCons without {@code
 * created_at} keep the day they are filed under in the source, rather than being refiled under
 * today.
 *
 * <p>No needless transfer, where the stores can tell (both expose {@link RawObjects}):
 *
 * <ul>
 *   <li>a whole store (no day range, no inventory) is planned from one listing of each root
 *       ({@link CopyPlan}): objects and lookup pointers with their sizes and ETags, grouped by vCon
 *       id on disk, so a vCon already at the destination, pointer included, costs no request of its
 *       own, and memory does not grow with the number of vCons;
 *   <li>a vCon already at the destination is recognised from what a listing or a HEAD says
 *       (recorded content hash, size, MD5 ETag) without downloading it; the bytes are compared only
 *       when nothing else decides;
 *   <li>between two buckets of one S3 endpoint and account the object is copied server-side
 *       (CopyObject) with its recorded content hash; objects without one are read and written, so
 *       the destination records theirs.
 * </ul>
 *
 * <p>Per-item errors go to the listener and the job goes on; an error no item survives ({@link
 * JobErrors#isFatal}) stops it at once and is thrown. Plain constructors, no framework: build one
 * in Guice or Spring from the {@link VconStore}s they already provide.
 */
public final class CopyJob {

  private final VconStore source;
  private final VconStore target;
  private final Optional<DayRange> days;
  private final int parallel;
  private final ArchiveListener listener;
  private final Cancellation cancellation;
  private final Shard shard;
  private final S3Inventory inventory;
  private final boolean countTotal;
  private final int spillChunk;

  /**
   * Set when the destination declined a server-side copy of a hashed object: the stores cannot,
   * stop asking.
   */
  private volatile boolean noServerSideCopy;

  private CopyJob(Builder b) {
    this.source = Objects.requireNonNull(b.source, "source");
    this.target = Objects.requireNonNull(b.target, "target");
    this.days = Optional.ofNullable(b.days);
    this.parallel = b.parallel;
    this.listener = b.listener;
    this.cancellation = b.cancellation;
    this.shard = b.shard;
    this.inventory = b.inventory;
    this.countTotal = b.countTotal;
    this.spillChunk = b.spillChunk;
  }

  public static Builder builder(VconStore source, VconStore target) {
    return new Builder(source, target);
  }

  /** Runs the copy to its end, its cancellation, or the first fatal error (thrown). */
  public CopyReport run() {
    if (source == target) {
      throw new StorageConfigurationException(
          "copy source and destination are the same store (" + source.name() + ")");
    }
    RawObjects sourceRaw =
        source.capabilities().contains(Capability.RAW_OBJECTS) ? source.rawObjects() : null;
    RawObjects targetRaw =
        target.capabilities().contains(Capability.RAW_OBJECTS) ? target.rawObjects() : null;
    Counts counts = new Counts();
    boolean stopped;
    if (sourceRaw != null && targetRaw != null && inventory == null && days.isEmpty()) {
      // A whole store to a whole store: both roots' listings say what each vCon needs, pointers
      // included (CopyPlan), so a vCon already there costs no request of its own.
      try (CopyPlan plan = CopyPlan.list(sourceRaw, targetRaw, shard, spillChunk)) {
        listener.total(plan.sourceObjects());
        try (Stream<CopyPlan.Group> groups = plan.groups()) {
          stopped =
              Workers.run(
                  groups,
                  parallel,
                  cancellation,
                  g -> {
                    Pointers pointers = Pointers.listed(g, sourceRaw, targetRaw);
                    for (Listing.Entry e : g.entries()) {
                      copyEntry(e, pointers, sourceRaw, targetRaw, counts);
                    }
                  });
        }
      }
      return counts.report(stopped);
    }
    // A day range, an inventory, or a store without raw access: work through the source's listing,
    // asking each vCon's pointers as it comes. With raw access and a sorted listing the
    // destination's day listings say what is there (no HEADs).
    boolean join = sourceRaw != null && targetRaw != null && inventory == null;
    try (TotalCounter total =
            countTotal ? TotalCounter.start(source, days, shard, inventory, listener) : null;
        DestinationJoin there = join ? new DestinationJoin(targetRaw) : null;
        SortedSpill ids = sourceRaw == null ? new SortedSpill(spillChunk) : null;
        Stream<Listing.Entry> entries = Listing.entries(source, days, shard, inventory)) {
      // A vCon filed under several days is copied once: with raw access, from the entry of the day
      // its lookup pointer names; without, from its earliest day (grouped through a spill, so
      // memory does not grow with the number of ids).
      Stream<Listing.Entry> each = ids == null ? entries : earliestOfEachId(entries, ids);
      Stream<Listing.Entry> joined = there == null ? each : each.map(there::attach);
      stopped =
          Workers.run(
              joined,
              parallel,
              cancellation,
              e ->
                  copyEntry(
                      e,
                      Pointers.unknown(e.id(), sourceRaw, targetRaw),
                      sourceRaw,
                      targetRaw,
                      counts));
    }
    return counts.report(stopped);
  }

  /**
   * The first entry of each id, ids in order, days ascending: the listing is sorted through {@code
   * spill} first, so the work starts once the source is listed.
   */
  private static Stream<Listing.Entry> earliestOfEachId(
      Stream<Listing.Entry> entries, SortedSpill spill) {
    entries.forEach(
        e -> spill.add(e.id().value() + "\t" + (e.day() == null ? "-" : e.day().toString())));
    Iterator<String> lines = spill.sorted();
    Iterator<Listing.Entry> first =
        new Iterator<>() {
          private String lastId;
          private Listing.Entry next = advance();

          @Override
          public boolean hasNext() {
            return next != null;
          }

          @Override
          public Listing.Entry next() {
            if (next == null) {
              throw new NoSuchElementException();
            }
            Listing.Entry e = next;
            next = advance();
            return e;
          }

          private Listing.Entry advance() {
            while (lines.hasNext()) {
              String[] f = lines.next().split("\t", -1);
              if (!f[0].equals(lastId)) {
                lastId = f[0];
                // Listed ids were admitted by the store's policy; TOKEN admits every such id.
                VconId id = VconId.of(f[0], IdPolicy.TOKEN);
                return new Listing.Entry(id, f[1].equals("-") ? null : LocalDate.parse(f[1]), null);
              }
            }
            return null;
          }
        };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(first, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  private static final class Counts {
    final AtomicLong copied = new AtomicLong();
    final AtomicLong serverSide = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    final AtomicLong skippedUnread = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong failed = new AtomicLong();

    CopyReport report(boolean stopped) {
      return new CopyReport(
          copied.get(),
          serverSide.get(),
          skipped.get(),
          skippedUnread.get(),
          bytes.get(),
          failed.get(),
          stopped);
    }
  }

  private enum Outcome {
    COPIED,
    SERVER_SIDE,
    SKIPPED,
    SKIPPED_UNREAD,
    GONE,
    OTHER_COPY
  }

  private void copyEntry(
      Listing.Entry e,
      Pointers pointers,
      RawObjects sourceRaw,
      RawObjects targetRaw,
      Counts counts) {
    long[] bytes = {0};
    try {
      Outcome outcome = copy(e, pointers, sourceRaw, targetRaw, bytes);
      switch (outcome) {
        case COPIED -> counts.copied.incrementAndGet();
        case SERVER_SIDE -> {
          counts.copied.incrementAndGet();
          counts.serverSide.incrementAndGet();
        }
        case SKIPPED -> counts.skipped.incrementAndGet();
        case SKIPPED_UNREAD -> {
          counts.skipped.incrementAndGet();
          counts.skippedUnread.incrementAndGet();
        }
        case GONE, OTHER_COPY -> {}
      }
    } catch (VconStorageException ex) {
      if (JobErrors.isFatal(ex)) {
        throw ex;
      }
      counts.failed.incrementAndGet();
      listener.failed(e.id().value(), ex);
    }
    counts.bytes.addAndGet(bytes[0]);
    listener.item(bytes[0]);
  }

  private Outcome copy(
      Listing.Entry e,
      Pointers pointers,
      RawObjects sourceRaw,
      RawObjects targetRaw,
      long[] bytes) {
    Optional<LocalDate> pointed = pointers.sourceDay();
    if (pointed.isPresent() && !pointed.get().equals(e.day())) {
      // A stale copy (or a flat twin) of a vCon whose pointer names another day: that day's entry
      // copies it.
      return Outcome.OTHER_COPY;
    }
    LocalDate day = pointed.orElse(e.day());
    Destination seen = null;
    if (sourceRaw != null && targetRaw != null && day != null) {
      Destination[] learned = new Destination[1];
      Optional<Outcome> done = copyObject(e, day, pointers, sourceRaw, targetRaw, bytes, learned);
      if (done.isPresent()) {
        return done.get();
      }
      seen = learned[0];
    }
    Optional<Vcon> found = day != null ? source.get(e.id(), day) : source.get(e.id());
    if (found.isEmpty()) {
      return Outcome.GONE; // deleted since it was listed: nothing to copy
    }
    Vcon vcon = found.get();
    bytes[0] = vcon.size();
    pointers.targetMayChange();
    return copyOne(vcon, day, target, targetRaw, seen) ? Outcome.COPIED : Outcome.SKIPPED;
  }

  /**
   * What the object-level path already learned of the destination under {@code day}, so it is not
   * read twice.
   */
  private record Destination(LocalDate day, boolean objectAbsent, boolean pointerRight) {}

  /**
   * The object-level path: skip when the destination's object under the same day is described as
   * identical and its pointer names that day; else copy server-side when the stores can. Empty when
   * the vCon must be read (nothing decides, or the bytes must pass through to be checked and
   * hashed).
   */
  private Optional<Outcome> copyObject(
      Listing.Entry e,
      LocalDate day,
      Pointers pointers,
      RawObjects sourceRaw,
      RawObjects targetRaw,
      long[] bytes,
      Destination[] learned) {
    KeyStrategy sourceKeys = sourceRaw.keys();
    KeyStrategy targetKeys = targetRaw.keys();
    String sourceKey = sourceKeys.objectKey(e.id(), day);
    String targetKey = targetKeys.objectKey(e.id(), day);
    String pointerKey = targetKeys.pointerKey(e.id());
    ObjectInfo listed =
        e.info() != null && e.info().key().equals(sourceKey) && !e.info().isKeyOnly()
            ? e.info()
            : null;
    // The destination's listing, when it was joined and says enough (absent, or size and ETag);
    // else a HEAD.
    boolean fromListing =
        e.there() != null
            && day.equals(e.day())
            && (e.there().isEmpty() || !e.there().get().isKeyOnly());
    Optional<ObjectInfo> there = fromListing ? e.there() : targetRaw.stat(targetKey);
    learned[0] = new Destination(day, there.isEmpty(), false);
    ObjectInfo described = listed;
    if (there.isPresent()) {
      Sameness same = listed == null ? Sameness.UNKNOWN : listed.compareTo(there.get());
      if (same == Sameness.UNKNOWN) {
        described = sourceRaw.stat(sourceKey).orElse(null);
        if (described == null) {
          return Optional
              .empty(); // gone or moved since the listing: the vCon path finds what is there now
        }
        same = described.compareTo(there.get());
      }
      if (same == Sameness.SAME) {
        if (pointers.targetNames(day)) {
          bytes[0] = described.size().orElse(0);
          return Optional.of(Outcome.SKIPPED_UNREAD);
        }
        // A crash between object and pointer at the destination: only the pointer is missing.
        pointers.targetMayChange();
        targetRaw.write(
            pointerKey, targetKeys.pointerBody(day).getBytes(StandardCharsets.US_ASCII));
        return Optional.of(Outcome.COPIED);
      }
      // Different bytes there: the store's own put decides (a write-once store refuses to replace
      // them).
      return Optional.empty();
    }
    if (noServerSideCopy) {
      return Optional.empty();
    }
    if (described == null || described.contentHash().isEmpty()) {
      // A server-side copy carries the recorded hash; only a HEAD tells whether there is one.
      described = sourceRaw.stat(sourceKey).orElse(null);
      if (described == null || described.contentHash().isEmpty()) {
        return Optional.empty(); // read and written, so the destination records its hash
      }
    }
    pointers.targetMayChange();
    if (targetRaw.copyFrom(sourceRaw, described, targetKey)) {
      // Object first, pointer after: the pointer commits it, as a put does.
      targetRaw.write(pointerKey, targetKeys.pointerBody(day).getBytes(StandardCharsets.US_ASCII));
      bytes[0] = described.size().orElse(0);
      return Optional.of(Outcome.SERVER_SIDE);
    }
    noServerSideCopy = true;
    return Optional.empty();
  }

  /**
   * What one vCon's two lookup pointers say: from the listings where they tell ({@link CopyPlan}),
   * else read once, when first asked. Only the source pointer's day is the current copy: stale
   * copies under other days are not copied. Used by one worker thread at a time.
   */
  private static final class Pointers {
    private final VconId id;
    private final RawObjects sourceRaw;
    private final RawObjects targetRaw;

    /** Null until known; empty when there is none (an orphan: its listed day counts). */
    private Optional<LocalDate> sourceDay;

    private Optional<LocalDate> targetDay;

    private Pointers(
        VconId id,
        RawObjects sourceRaw,
        RawObjects targetRaw,
        Optional<LocalDate> sourceDay,
        Optional<LocalDate> targetDay) {
      this.id = id;
      this.sourceRaw = sourceRaw;
      this.targetRaw = targetRaw;
      this.sourceDay = sourceDay;
      this.targetDay = targetDay;
    }

    /** Nothing known yet: each pointer is read when first asked (none without raw access). */
    static Pointers unknown(VconId id, RawObjects sourceRaw, RawObjects targetRaw) {
      return new Pointers(
          id, sourceRaw, targetRaw, sourceRaw == null ? Optional.empty() : null, null);
    }

    /** What the listings told of the group's pointers; those they could not tell are read. */
    static Pointers listed(CopyPlan.Group g, RawObjects sourceRaw, RawObjects targetRaw) {
      return new Pointers(
          g.entries().get(0).id(),
          sourceRaw,
          targetRaw,
          known(g.sourcePointer(), g.sourcePointerDay()),
          known(g.targetPointer(), g.targetPointerDay()));
    }

    private static Optional<LocalDate> known(CopyPlan.PointerSeen seen, LocalDate day) {
      return switch (seen) {
        case ABSENT -> Optional.empty();
        case NAMES_DAY -> Optional.of(day);
        case UNKNOWN -> null;
      };
    }

    Optional<LocalDate> sourceDay() {
      if (sourceDay == null) {
        sourceDay = read(sourceRaw, id);
      }
      return sourceDay;
    }

    /** Whether the destination's pointer names {@code day}. */
    boolean targetNames(LocalDate day) {
      if (targetDay == null) {
        targetDay = read(targetRaw, id);
      }
      return targetDay.map(day::equals).orElse(false);
    }

    /** The destination's pointer is about to be written: ask it again if asked again. */
    void targetMayChange() {
      targetDay = null;
    }

    private static Optional<LocalDate> read(RawObjects raw, VconId id) {
      KeyStrategy keys = raw.keys();
      return raw.read(keys.pointerKey(id))
          .flatMap(b -> keys.parsePointerBody(new String(b, StandardCharsets.US_ASCII)));
    }
  }

  /**
   * Copies one vCon unless the destination already holds the same bytes; true when it wrote. {@code
   * seen}, when not null, is what was just learned of the destination (no object under its day), so
   * it is not read again.
   */
  private static boolean copyOne(
      Vcon vcon, LocalDate sourceDay, VconStore target, RawObjects raw, Destination seen) {
    if (raw == null) {
      Optional<Vcon> there = target.get(vcon.id());
      if (there.isPresent() && there.get().sameContentAs(vcon)) {
        return false;
      }
      target.put(vcon);
      return true;
    }
    // The day the destination files it under: created_at's, else the source's folder (never
    // "today").
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
    boolean sameObject;
    boolean samePointer;
    if (seen != null && seen.day().equals(day) && seen.objectAbsent()) {
      sameObject = false;
      samePointer = seen.pointerRight();
    } else {
      Optional<byte[]> object = raw.read(objectKey);
      Optional<byte[]> pointer = raw.read(pointerKey);
      sameObject = object.isPresent() && Arrays.equals(object.get(), vcon.bytes());
      samePointer =
          pointer.isPresent()
              && keys.parsePointerBody(new String(pointer.get(), StandardCharsets.US_ASCII))
                  .equals(Optional.of(day));
    }
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

  /** Options of a {@link CopyJob}; only the two stores are required. */
  public static final class Builder extends JobBuilder<Builder> {
    private final VconStore source;
    private final VconStore target;
    private DayRange days;
    private int parallel = 4;
    private boolean countTotal = true;
    private int spillChunk = VerifyJob.SPILL_CHUNK;

    private Builder(VconStore source, VconStore target) {
      this.source = Objects.requireNonNull(source, "source");
      this.target = Objects.requireNonNull(target, "target");
    }

    /** Only the vCons filed under these days (default: everything, flat legacy keys included). */
    public Builder days(DayRange days) {
      this.days = days;
      return this;
    }

    /** Concurrent copies, 1..256 (default 4). */
    public Builder parallel(int parallel) {
      if (parallel < 1 || parallel > 256) {
        throw new IllegalArgumentException("parallel must be 1..256, was " + parallel);
      }
      this.parallel = parallel;
      return this;
    }

    /**
     * Whether to count the source's listing alongside the copy of a day range or an inventory, so
     * {@link ArchiveListener#total} (and a progress ETA) is known early; costs one more listing, no
     * reads (default true). A whole-store copy lists before it copies and always knows its total.
     */
    public Builder countTotal(boolean countTotal) {
      this.countTotal = countTotal;
      return this;
    }

    /** Lines held in memory before the listing spills to disk (tests make it small). */
    Builder spillChunk(int lines) {
      this.spillChunk = lines;
      return this;
    }

    @Override
    Builder self() {
      return this;
    }

    public CopyJob build() {
      return new CopyJob(this);
    }
  }
}
