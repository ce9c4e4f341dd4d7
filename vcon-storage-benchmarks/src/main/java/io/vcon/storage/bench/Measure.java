package io.vcon.storage.bench;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one workload on {@code concurrency} threads and measures what the client JVM spent on it: process CPU time
 * (all threads: workers, the HTTP client's, JIT and GC), bytes allocated by all threads, wall time, and the S3
 * requests sent (from {@link RequestCounter}).
 */
final class Measure implements AutoCloseable {

  /** One operation; {@code i} is its sequence number in the phase. */
  @FunctionalInterface
  interface Op {
    void run(int i) throws Exception;
  }

  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

  private final int concurrency;
  private final ExecutorService pool;

  Measure(int concurrency) {
    this.concurrency = concurrency;
    AtomicInteger n = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            concurrency,
            r -> {
              Thread t = new Thread(r, "bench-c" + concurrency + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  int concurrency() {
    return concurrency;
  }

  /** Runs {@code ops} operations without measuring (warm-up); fails on the first error. */
  void warm(int ops, Op op) {
    run(ops, op);
  }

  Result measure(String workload, String size, int round, int ops, Op op) {
    RequestCounter.Snapshot r0 = RequestCounter.snapshot();
    long alloc0 = THREADS.getTotalThreadAllocatedBytes();
    long cpu0 = OS.getProcessCpuTime();
    long t0 = System.nanoTime();
    run(ops, op);
    long t1 = System.nanoTime();
    long cpu1 = OS.getProcessCpuTime();
    long alloc1 = THREADS.getTotalThreadAllocatedBytes();
    RequestCounter.Snapshot r = RequestCounter.snapshot().minus(r0);
    double wall = (t1 - t0) / 1e9;
    return new Result(
        workload,
        size,
        concurrency,
        round,
        ops,
        wall,
        (cpu1 - cpu0) / 1e3 / ops,
        (double) (alloc1 - alloc0) / ops,
        ops / wall,
        (double) r.put() / ops,
        (double) r.get() / ops,
        (double) r.head() / ops,
        (double) r.other() / ops);
  }

  private void run(int ops, Op op) {
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    int workers = Math.min(concurrency, ops);
    CountDownLatch done = new CountDownLatch(workers);
    for (int w = 0; w < workers; w++) {
      pool.execute(
          () -> {
            try {
              int i;
              while (failure.get() == null && (i = next.getAndIncrement()) < ops) {
                op.run(i);
              }
            } catch (Throwable t) {
              failure.compareAndSet(null, t);
            } finally {
              done.countDown();
            }
          });
    }
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (failure.get() != null) {
      throw new IllegalStateException("workload failed: " + failure.get(), failure.get());
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }

  /** What one measured phase cost, per operation. */
  record Result(
      String workload,
      String size,
      int concurrency,
      int round,
      int ops,
      double wallSeconds,
      double cpuMicrosPerOp,
      double allocBytesPerOp,
      double opsPerSecond,
      double putsPerOp,
      double getsPerOp,
      double headsPerOp,
      double otherRequestsPerOp) {

    static String csvHeader() {
      return "workload,size,concurrency,round,ops,wall_s,cpu_us_per_op,alloc_bytes_per_op,ops_per_s,puts_per_op,"
                 + "gets_per_op,heads_per_op,other_requests_per_op";
    }

    String csv() {
      return String.join(
          ",",
          List.of(
              workload,
              size,
              Integer.toString(concurrency),
              Integer.toString(round),
              Integer.toString(ops),
              fmt(wallSeconds),
              fmt(cpuMicrosPerOp),
              fmt(allocBytesPerOp),
              fmt(opsPerSecond),
              fmt(putsPerOp),
              fmt(getsPerOp),
              fmt(headsPerOp),
              fmt(otherRequestsPerOp)));
    }

    private static String fmt(double d) {
      return String.format(Locale.ROOT, "%.3f", d);
    }
  }
}
