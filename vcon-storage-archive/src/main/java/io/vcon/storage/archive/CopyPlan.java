package io.vcon.storage.archive;

import io.vcon.storage.api.ContentHash;
import io.vcon.storage.api.ObjectInfo;
import io.vcon.storage.api.RawObjects;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.api.key.StoredKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * What a whole-store copy has to do, from the two stores' listings alone: one LIST of each root
 * gives every vCon object and every lookup pointer, with its size and ETag. The four listings are
 * grouped by vCon id through a {@link SortedSpill} (memory independent of the stores' size), so
 * each vCon arrives with its source objects, what the destination holds under the same keys, and
 * what both lookup pointers say.
 *
 * <p>A pointer's body is the date path of its vCon's day, and a pointer's ETag is the MD5 of that
 * body (single-part, no SSE-KMS): the ETag of every day a listing shows is computed once, and a
 * listed pointer whose ETag is one of them names that day without being read. A pointer with any
 * other ETag, or none (a directory store's listing gives names only), is read when its vCon is
 * copied, as before. A copy with nothing to do thus costs listings only.
 */
final class CopyPlan implements AutoCloseable {

  /** What the listings say of one of a vCon's lookup pointers. */
  enum PointerSeen {
    /** No pointer listed. */
    ABSENT,
    /** Listed, naming the day in {@link Group}; no read needed. */
    NAMES_DAY,
    /** Listed, but the listing cannot tell its body: read it. */
    UNKNOWN
  }

  /**
   * One vCon: its source objects in day order (flat legacy keys first), each with what the
   * destination holds under its day ({@link Listing.Entry#there()}), and both pointers.
   */
  record Group(
      List<Listing.Entry> entries,
      PointerSeen sourcePointer,
      LocalDate sourcePointerDay,
      PointerSeen targetPointer,
      LocalDate targetPointerDay) {}

  // Line tags: the id comes first, then the tag, so a group's lines are adjacent and in this order.
  private static final String SOURCE_POINTER = "1";
  private static final String TARGET_POINTER = "2";
  private static final String SOURCE_OBJECT = "3";
  private static final String TARGET_OBJECT = "4";
  private static final String NONE = "-";

  private final KeyStrategy sourceKeys;
  private final Side source;
  private final Side target;

  /** One store's listing: its lines, and the ETags of pointers naming the days it holds. */
  private static final class Side {
    final SortedSpill spill;
    final Map<String, LocalDate> pointerEtags = new HashMap<>();
    final Set<LocalDate> days = new HashSet<>();
    final MessageDigest md5;
    long objects;

    Side(int spillChunk) {
      this.spill = new SortedSpill(spillChunk);
      try {
        this.md5 = MessageDigest.getInstance("MD5");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java runtime has MD5", e);
      }
    }
  }

  private CopyPlan(KeyStrategy sourceKeys, int spillChunk) {
    this.sourceKeys = sourceKeys;
    this.source = new Side(spillChunk);
    this.target = new Side(spillChunk);
  }

  /**
   * Lists both stores' roots (the part {@code shard} covers) and groups them by vCon id. The two
   * listings run at once, the destination's on a thread of its own: a listing waits on the server
   * most of its time.
   */
  static CopyPlan list(RawObjects source, RawObjects target, Shard shard, int spillChunk) {
    CopyPlan plan = new CopyPlan(source.keys(), spillChunk);
    try {
      CompletableFuture<Void> there =
          CompletableFuture.runAsync(
              () -> add(target, shard, plan.target, false),
              r -> {
                Thread t = new Thread(r, "vcon-storage-copy-list");
                t.setDaemon(true);
                t.start();
              });
      try {
        add(source, shard, plan.source, true);
      } finally {
        awaitQuietly(there);
      }
      there.join();
      return plan;
    } catch (CompletionException e) {
      plan.close();
      throw e.getCause() instanceof RuntimeException r ? r : e;
    } catch (RuntimeException e) {
      plan.close();
      throw e;
    }
  }

  /** Waits for the other listing without throwing: its failure, if any, is thrown after. */
  private static void awaitQuietly(CompletableFuture<Void> listing) {
    try {
      listing.join();
    } catch (RuntimeException e) {
      // thrown by the caller's join, unless the caller already fails
    }
  }

  /** How many source objects the plan holds: the items a copy reports. */
  long sourceObjects() {
    return source.objects;
  }

  private static void add(RawObjects store, Shard shard, Side side, boolean isSource) {
    KeyStrategy keys = store.keys();
    Map<String, LocalDate> etags = side.pointerEtags;
    try (Stream<ObjectInfo> listing = store.listInfo(keys.root())) {
      for (ObjectInfo info : (Iterable<ObjectInfo>) listing::iterator) {
        Optional<StoredKey> object = keys.parseObjectKey(info.key());
        if (object.isPresent()) {
          StoredKey k = object.get();
          if (!shard.covers(k.id())) {
            continue;
          }
          Optional<LocalDate> day = k.day();
          // One MD5 per distinct day, not per object: a day holds thousands of vCons.
          day.filter(side.days::add).ifPresent(d -> etags.put(pointerEtag(side.md5, keys, d), d));
          side.spill.add(
              String.join(
                  "\t",
                  k.id().value(),
                  isSource ? SOURCE_OBJECT : TARGET_OBJECT,
                  day.map(LocalDate::toString).orElse(NONE),
                  VerifyCheckpoint.escape(info.key()),
                  info.size().isPresent() ? Long.toString(info.size().getAsLong()) : NONE,
                  info.etag().orElse(NONE),
                  info.contentHash().map(ContentHash::value).orElse(NONE)));
          side.objects++;
          continue;
        }
        keys.parsePointerKey(info.key())
            .filter(shard::covers)
            .ifPresent(
                id ->
                    side.spill.add(
                        String.join(
                            "\t",
                            id.value(),
                            isSource ? SOURCE_POINTER : TARGET_POINTER,
                            info.etag().orElse(NONE))));
      }
    }
  }

  /** The ETag S3 gives a pointer naming {@code day}: the MD5 of its body, in lower-case hex. */
  private static String pointerEtag(MessageDigest md5, KeyStrategy keys, LocalDate day) {
    return HexFormat.of()
        .formatHex(md5.digest(keys.pointerBody(day).getBytes(StandardCharsets.US_ASCII)));
  }

  /** The vCons in id order; only those with at least one source object. Call once. */
  Stream<Group> groups() {
    // Each side's lines are sorted; merged, each vCon's lines from both sides are adjacent.
    Iterator<String> lines =
        SortedSpill.merge(List.of(source.spill.sorted(), target.spill.sorted()));
    Iterator<Group> groups =
        new Iterator<>() {
          private String pending = lines.hasNext() ? lines.next() : null;
          private Group next = advance();

          @Override
          public boolean hasNext() {
            return next != null;
          }

          @Override
          public Group next() {
            if (next == null) {
              throw new NoSuchElementException();
            }
            Group g = next;
            next = advance();
            return g;
          }

          private Group advance() {
            while (pending != null) {
              String prefix = pending.substring(0, pending.indexOf('\t') + 1);
              List<String[]> fields = new ArrayList<>();
              while (pending != null && pending.startsWith(prefix)) {
                fields.add(pending.split("\t", -1));
                pending = lines.hasNext() ? lines.next() : null;
              }
              Group g = group(fields);
              if (g != null) {
                return g;
              }
            }
            return null;
          }
        };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(groups, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  /** One vCon's lines (tag order) as a group; null when the source holds no object of it. */
  private Group group(List<String[]> lines) {
    PointerSeen sourcePointer = PointerSeen.ABSENT;
    LocalDate sourceDay = null;
    PointerSeen targetPointer = PointerSeen.ABSENT;
    LocalDate targetDay = null;
    List<ObjectInfo> sources = new ArrayList<>();
    Map<String, ObjectInfo> targets = new HashMap<>();
    for (String[] f : lines) {
      switch (f[1]) {
        case SOURCE_POINTER -> {
          sourceDay = source.pointerEtags.get(f[2]);
          sourcePointer = sourceDay == null ? PointerSeen.UNKNOWN : PointerSeen.NAMES_DAY;
        }
        case TARGET_POINTER -> {
          targetDay = target.pointerEtags.get(f[2]);
          targetPointer = targetDay == null ? PointerSeen.UNKNOWN : PointerSeen.NAMES_DAY;
        }
        case SOURCE_OBJECT -> sources.add(objectInfo(f));
        case TARGET_OBJECT -> targets.put(f[2], objectInfo(f));
        default -> throw new IllegalStateException("unknown line in the copy plan: " + f[1]);
      }
    }
    if (sources.isEmpty()) {
      return null; // only at the destination: nothing to copy
    }
    List<Listing.Entry> entries = new ArrayList<>(sources.size());
    for (ObjectInfo listed : sources) {
      StoredKey k = sourceKeys.parseObjectKey(listed.key()).orElseThrow();
      LocalDate day = k.day().orElse(null);
      // The destination's object under the same day, if any: the listing is whole, so absence
      // is known. A flat key has no day to compare under.
      Optional<ObjectInfo> there =
          day == null ? null : Optional.ofNullable(targets.get(day.toString()));
      entries.add(new Listing.Entry(k.id(), day, listed, there));
    }
    return new Group(entries, sourcePointer, sourceDay, targetPointer, targetDay);
  }

  /** A listed object's line read back: {@code id tag day key size etag hash}. */
  private static ObjectInfo objectInfo(String[] f) {
    return new ObjectInfo(
        VerifyCheckpoint.unescape(f[3]),
        f[4].equals(NONE) ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(f[4])),
        f[6].equals(NONE) ? Optional.empty() : ContentHash.parse(f[6]),
        f[5].equals(NONE) ? Optional.empty() : Optional.of(f[5]));
  }

  @Override
  public void close() {
    source.spill.close();
    target.spill.close();
  }
}
