package io.vcon.storage.archive;

import io.vcon.storage.api.VconStore;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Counts a store's listing on a thread of its own while a job works through the same listing, and
 * tells the listener the total when done: the ETA is known after one listing's time instead of
 * never. Listings are cheap next to reads (one request per thousand keys on S3). Closing stops it.
 */
final class TotalCounter implements AutoCloseable {
  private final Thread thread;
  private volatile boolean closed;

  private TotalCounter(
      VconStore store,
      Optional<DayRange> days,
      Shard shard,
      S3Inventory inventory,
      ArchiveListener listener) {
    thread =
        new Thread(
            () -> count(store, days, shard, inventory, listener), "vcon-storage-archive-count");
    thread.setDaemon(true);
  }

  static TotalCounter start(
      VconStore store,
      Optional<DayRange> days,
      Shard shard,
      S3Inventory inventory,
      ArchiveListener listener) {
    TotalCounter counter = new TotalCounter(store, days, shard, inventory, listener);
    counter.thread.start();
    return counter;
  }

  private void count(
      VconStore store,
      Optional<DayRange> days,
      Shard shard,
      S3Inventory inventory,
      ArchiveListener listener) {
    long n = 0;
    try (Stream<Listing.Entry> entries = Listing.entries(store, days, shard, inventory)) {
      var it = entries.iterator();
      while (it.hasNext() && !closed) {
        it.next();
        n++;
      }
    } catch (RuntimeException e) {
      return; // the job's own listing reports listing errors; no total, no ETA
    }
    if (!closed) {
      listener.total(n);
    }
  }

  @Override
  public void close() {
    closed = true;
  }
}
