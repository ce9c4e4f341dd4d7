package io.vcon.storage.archive;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Runs one piece of work per item on at most {@code parallel} threads, pulling items lazily (a
 * listing of millions of keys is never held whole), and takes no new items once cancelled: items in
 * flight finish. The work reports its own per-item errors; whatever it throws (an error no item
 * survives) stops the run and is thrown once the items in flight are done. Public so that the
 * command line's own bulk commands (import, save) run the same way as the archive jobs.
 */
public final class Workers {
  private Workers() {}

  /** Returns true when the run was cancelled before the last item. */
  public static <T> boolean run(
      Stream<T> items, int parallel, Cancellation cancel, Consumer<T> work) {
    Iterator<T> it = items.iterator();
    if (parallel <= 1) {
      while (it.hasNext()) {
        if (cancel.isCancelled()) {
          return true;
        }
        work.accept(it.next());
        cancel.itemDone();
      }
      return false;
    }
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            parallel,
            r -> {
              Thread t = new Thread(r, "vcon-storage-archive-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    // Bounded hand-off: the producer waits rather than queueing the whole listing.
    Semaphore permits = new Semaphore(parallel * 2);
    AtomicReference<Throwable> fatal = new AtomicReference<>();
    boolean stopped = false;
    try {
      while (it.hasNext()) {
        if (cancel.isCancelled()) {
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
              } catch (RuntimeException | Error e) {
                fatal.compareAndSet(null, e);
              } finally {
                cancel.itemDone();
                permits.release();
              }
            });
      }
    } finally {
      pool.shutdown();
      awaitQuietly(pool);
    }
    Throwable failure = fatal.get();
    if (failure instanceof RuntimeException r) {
      throw r;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    return stopped;
  }

  /**
   * As {@link #run}, handing each item's result to {@code inOrder} in the items' order, on the
   * calling thread: the work runs ahead on {@code parallel} threads by at most a bounded window, so
   * memory does not grow with the number of items. Items taken before a cancellation are all handed
   * on.
   */
  static <T, R> boolean runOrdered(
      Iterator<T> items,
      int parallel,
      Cancellation cancel,
      Function<T, R> work,
      Consumer<R> inOrder) {
    if (parallel <= 1) {
      while (items.hasNext()) {
        if (cancel.isCancelled()) {
          return true;
        }
        inOrder.accept(work.apply(items.next()));
      }
      return false;
    }
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            parallel,
            r -> {
              Thread t = new Thread(r, "vcon-storage-archive-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    ArrayDeque<Future<R>> window = new ArrayDeque<>();
    boolean stopped = false;
    try {
      while (items.hasNext()) {
        if (cancel.isCancelled()) {
          stopped = true;
          break;
        }
        if (window.size() >= parallel * 4) {
          inOrder.accept(await(window.poll()));
        }
        T item = items.next();
        window.add(pool.submit(() -> work.apply(item)));
      }
      while (!window.isEmpty()) {
        inOrder.accept(await(window.poll()));
      }
    } finally {
      pool.shutdown();
      awaitQuietly(pool);
    }
    return stopped;
  }

  private static <R> R await(Future<R> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the work in flight", e);
    }
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
