package io.vcon.storage.cli;

import java.util.Iterator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs one piece of work per item on at most {@code parallel} threads, pulling items lazily (a listing of millions
 * of keys is never held whole), and stops taking new items once the stop signal is set: items in flight finish.
 * The work reports its own per-item errors; what it throws (an error no item survives) stops the run and is
 * thrown once the items in flight are done.
 */
final class Batch {
  private Batch() {}

  /** Returns true when the run stopped before the last item. */
  static <T> boolean run(Stream<T> items, int parallel, StopSignal stop, Consumer<T> work) {
    Iterator<T> it = items.iterator();
    if (parallel <= 1) {
      while (it.hasNext()) {
        if (stop.requested()) {
          return true;
        }
        work.accept(it.next());
        stop.itemDone();
      }
      return false;
    }
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            parallel,
            r -> {
              Thread t = new Thread(r, "vcon-storage-worker-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    // Bounded hand-off: the producer waits rather than queueing the whole listing.
    Semaphore permits = new Semaphore(parallel * 2);
    AtomicReference<RuntimeException> fatal = new AtomicReference<>();
    boolean stopped = false;
    try {
      while (it.hasNext()) {
        if (stop.requested()) {
          stopped = true;
          break;
        }
        permits.acquireUninterruptibly();
        if (fatal.get() != null) {
          break;
        }
        T item = it.next();
        pool.execute(
            () -> {
              try {
                work.accept(item);
              } catch (RuntimeException e) {
                fatal.compareAndSet(null, e);
              } finally {
                stop.itemDone();
                permits.release();
              }
            });
      }
    } finally {
      pool.shutdown();
      awaitQuietly(pool);
    }
    if (fatal.get() != null) {
      throw fatal.get();
    }
    return stopped;
  }

  private static void awaitQuietly(ExecutorService pool) {
    boolean interrupted = false;
    while (true) {
      try {
        if (pool.awaitTermination(1, TimeUnit.HOURS)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
