package io.vcon.storage.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The client JVM's heap, three ways: what is in use now, the sum of the heap pools' peaks (garbage
 * not yet collected included: an upper bound), and the largest heap left in use right after a
 * garbage collection (what the run really held, its live set, plus old garbage a young collection
 * did not reach).
 */
final class HeapGauge {

  private final List<MemoryPoolMXBean> pools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .toList();
  private final Set<String> heapPoolNames =
      pools.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
  private final AtomicLong maxAfterGc = new AtomicLong();
  private final AtomicLong collections = new AtomicLong();

  HeapGauge() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc)
          .addNotificationListener(
              (notification, handback) -> {
                if (notification
                    .getType()
                    .equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                  GarbageCollectionNotificationInfo info =
                      GarbageCollectionNotificationInfo.from(
                          (CompositeData) notification.getUserData());
                  // The map has every pool, metaspace and code cache too: only the heap counts.
                  long used =
                      info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                          .filter(e -> heapPoolNames.contains(e.getKey()))
                          .mapToLong(e -> e.getValue().getUsed())
                          .sum();
                  maxAfterGc.accumulateAndGet(used, Math::max);
                  collections.incrementAndGet();
                }
              },
              null,
              null);
    }
  }

  /** Heap in use now, garbage included. */
  long used() {
    return pools.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
  }

  /**
   * Heap in use after full collections: what is reachable. Two in a row, so objects a first one
   * only finalized or queued are gone too.
   */
  long live() {
    System.gc();
    System.gc();
    return used();
  }

  /** Starts a new measuring interval for {@link #sumOfPoolPeaks} and {@link #maxAfterGc}. */
  void reset() {
    pools.forEach(MemoryPoolMXBean::resetPeakUsage);
    maxAfterGc.set(0);
    collections.set(0);
  }

  /** The sum of each heap pool's peak since {@link #reset}: an upper bound of the peak heap. */
  long sumOfPoolPeaks() {
    return pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }

  /** The largest heap in use after any collection since {@link #reset} (0 when none ran). */
  long maxAfterGc() {
    return maxAfterGc.get();
  }

  /** Collections since {@link #reset}. */
  long collections() {
    return collections.get();
  }
}
