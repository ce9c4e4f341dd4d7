package io.vcon.storage.archive;

import io.vcon.storage.api.ObjectInfo;
import io.vcon.storage.api.RawObjects;
import io.vcon.storage.api.VconStorageException;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Tells each source entry what the destination holds under the same key, from the destination's
 * listing of the same day instead of a HEAD per vCon: both listings are in key order within a day,
 * so one pass over each suffices and nothing is remembered. Entries out of order (an inventory, a
 * listing that is not sorted) or a destination listing that fails end the join: those entries go
 * without, and copy asks per vCon as before.
 */
final class DestinationJoin implements AutoCloseable {

  private final RawObjects target;
  private LocalDate day;
  private Stream<ObjectInfo> listing;
  private Iterator<ObjectInfo> objects;
  private ObjectInfo head;
  private String lastKey;
  private boolean off;

  DestinationJoin(RawObjects target) {
    this.target = target;
  }

  Listing.Entry attach(Listing.Entry e) {
    if (off || e.day() == null) {
      return e;
    }
    try {
      if (!e.day().equals(day)) {
        open(e.day());
      }
      String key = target.keys().objectKey(e.id(), e.day());
      if (lastKey != null && key.compareTo(lastKey) < 0) {
        stop(); // not in key order: the join cannot tell absence from "already passed"
        return e;
      }
      lastKey = key;
      while (head != null && head.key().compareTo(key) < 0) {
        head = objects.hasNext() ? objects.next() : null;
      }
      return e.withThere(
          head != null && head.key().equals(key) ? Optional.of(head) : Optional.empty());
    } catch (VconStorageException ex) {
      if (JobErrors.isFatal(ex)) {
        throw ex;
      }
      stop(); // a listing that fails once: ask per vCon, where errors are per item
      return e;
    }
  }

  private void open(LocalDate next) {
    close();
    day = next;
    lastKey = null;
    listing = target.listInfo(target.keys().dayPrefix(next));
    objects = listing.iterator();
    head = objects.hasNext() ? objects.next() : null;
  }

  private void stop() {
    off = true;
    close();
  }

  @Override
  public void close() {
    if (listing != null) {
      listing.close();
      listing = null;
    }
  }
}
