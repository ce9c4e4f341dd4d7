package io.vcon.storage.bench;

import com.sun.management.ThreadMXBean;
import io.vcon.storage.api.Storage;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.key.DatePath;
import io.vcon.storage.s3.S3StoreConfig;
import io.vcon.storage.s3.S3VconStore;
import io.vcon.storage.tck.SampleVcons;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Peak heap of the client while N threads each save a distinct vCon of M MB at once (issue 22: 64
 * × 10 MB, goal ≤ 1.5 × the bytes in flight). The S3 server is S3Proxy with its filesystem back
 * end in a JVM of its own, so only the client's heap is measured. One client per JVM:
 *
 * <pre>
 *   ConcurrentSaveHeapBench library [threads=64] [mb=10] [rounds=3]   # Storage.save over S3VconStore
 *   ConcurrentSaveHeapBench raw     [threads=64] [mb=10] [rounds=3]   # the raw SDK, same PUTs
 * </pre>
 *
 * <p>The library runs with its defaults (content hash recorded, CRC32C transit checksum), except
 * {@code max_connections} = threads, so every save is on the wire at once (the SDK's default pool
 * is 50). The raw SDK does what a save sends (the vCon PUT with the same CRC32C checksum, then the
 * pointer PUT) from byte arrays handed over without a copy. A round first warms up with one
 * unmeasured run of the same shape, then measures twice with fresh vCons:
 *
 * <ul>
 *   <li><b>peak</b>: the heap in use, garbage included, sampled every 2 ms, and the sum of the heap
 *       pools' peaks (an upper bound): what a lazy collector lets the heap grow to;
 *   <li><b>live</b>: a full collection every 500 ms while the saves run, and the largest heap left
 *       after one: what the saves really hold.
 * </ul>
 *
 * Both are given over the heap of the warmed, idle client before the vCons were made, so the
 * documents count as bytes the run holds: the ratio to the bytes in flight is 1.00 when a save
 * holds nothing but its document. {@code concurrent-heap-bench.sh} runs both clients.
 */
public final class ConcurrentSaveHeapBench {

  private static final double MB = 1024.0 * 1024;
  private static final String BUCKET = "heap-bench";
  private static final String CREATED_AT = "2026-11-25T10:15:00Z";
  private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

  private final HeapGauge gauge = new HeapGauge();
  private final Client client;
  private final int threads;
  private final int bytes;
  // The most saves that were running at the same moment in the last saveAll.
  private final AtomicInteger atOnce = new AtomicInteger();

  private ConcurrentSaveHeapBench(Client client, int threads, int bytes) {
    this.client = client;
    this.threads = threads;
    this.bytes = bytes;
  }

  public static void main(String[] args) throws Exception {
    String which = args[0];
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    int mb = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    String serverHeap = System.getProperty("bench.s3proxy.heap", "4g");
    try (S3ProxyProcess server = S3ProxyProcess.start("filesystem-nio2", serverHeap)) {
      S3StoreConfig config =
          S3StoreConfig.builder()
              .bucket(BUCKET)
              .s3Path("vcons")
              .region("us-east-1")
              .endpointUrl(server.endpoint())
              .credentials(S3ProxyProcess.IDENTITY, S3ProxyProcess.CREDENTIAL)
              .maxConnections(threads)
              .build();
      try (S3Client admin = EndToEnd.rawClient(config)) {
        admin.createBucket(b -> b.bucket(BUCKET));
      }
      try (Client client =
          which.equals("raw") ? new RawClient(config) : new LibraryClient(config)) {
        System.out.printf(
            Locale.ROOT,
            "client %s, %d threads × %d MB vCons, S3Proxy filesystem-nio2 (pid %d, -Xmx%s),"
                + " client max heap %d MB, %s%n",
            which,
            threads,
            mb,
            server.pid(),
            serverHeap,
            Runtime.getRuntime().maxMemory() >> 20,
            System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        new ConcurrentSaveHeapBench(client, threads, mb * 1024 * 1024).run(rounds);
      }
    }
  }

  private void run(int rounds) {
    // Connections, classes and the JIT settle on runs of the same shape before anything counts.
    saveAll(documents(1024 * 1024).docs(), false);
    saveAll(documents(bytes).docs(), false);
    List<double[]> peaks = new ArrayList<>();
    List<double[]> lives = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      peaks.add(measure("peak", round, false));
      lives.add(measure("live", round, true));
    }
    System.out.printf(
        Locale.ROOT,
        "%s, max over %d rounds: peak heap in use %.2f × the bytes in flight (sum of pool peaks"
            + " %.2f ×), live heap %.2f ×%n",
        client.name(),
        rounds,
        peaks.stream().mapToDouble(p -> p[0]).max().orElseThrow(),
        peaks.stream().mapToDouble(p -> p[1]).max().orElseThrow(),
        lives.stream().mapToDouble(p -> p[2]).max().orElseThrow());
  }

  /**
   * One measured run; returns {peak in use, sum of pool peaks, max after a collection} over the
   * idle heap, each per byte in flight.
   */
  private double[] measure(String how, int round, boolean collect) {
    long idle = gauge.live();
    Batch batch = documents(bytes);
    long inFlight = batch.bytes();
    int saves = batch.docs().size();
    long withDocs = gauge.live();
    gauge.reset();
    Sampler sampler = new Sampler(gauge, collect);
    sampler.start();
    long allocated0 = THREADS.getTotalThreadAllocatedBytes();
    long t0 = System.nanoTime();
    // The workers hold the only references: each document can go once its save is done.
    int failed = saveAll(batch.docs(), true);
    double seconds = (System.nanoTime() - t0) / 1e9;
    long allocated = THREADS.getTotalThreadAllocatedBytes() - allocated0;
    sampler.finish();
    long poolPeaks = gauge.sumOfPoolPeaks();
    long afterGc = gauge.maxAfterGc();
    double[] r = {
      (double) (sampler.maxUsed() - idle) / inFlight,
      (double) (poolPeaks - idle) / inFlight,
      afterGc == 0 ? Double.NaN : (double) (afterGc - idle) / inFlight
    };
    String liveSet =
        afterGc == 0
            ? "no GC ran"
            : String.format(
                Locale.ROOT,
                "max after a GC %.0f MB (%.2f ×, %d GCs)",
                (afterGc - idle) / MB,
                r[2],
                gauge.collections());
    System.out.printf(
        Locale.ROOT,
        "%s round %d %s: %d saves of %.1f MB in %.1f s (%d at once), %d failed; in flight %.0f MB;"
            + " idle heap %.0f MB, + documents %.0f MB; allocated %.2f B per byte in flight; peak"
            + " in use %.0f MB (%.2f ×), sum of pool peaks %.0f MB (%.2f ×), %s%n",
        client.name(),
        round,
        how,
        saves,
        inFlight / MB / saves,
        seconds,
        atOnce.get(),
        failed,
        inFlight / MB,
        idle / MB,
        (withDocs - idle) / MB,
        (double) allocated / inFlight,
        (sampler.maxUsed() - idle) / MB,
        r[0],
        (poolPeaks - idle) / MB,
        r[1],
        liveSet);
    return r;
  }

  /**
   * {@code threads} distinct vCons of {@code size} bytes, each in the form the client saves it from
   * (the vCon itself, or its bytes for the raw SDK), nothing else kept.
   */
  private Batch documents(int size) {
    List<Object> docs = new ArrayList<>(threads);
    long total = 0;
    for (int i = 0; i < threads; i++) {
      Vcon v = SampleVcons.large(UUID.randomUUID().toString(), CREATED_AT, size, System.nanoTime());
      total += v.size();
      docs.add(client.prepare(v));
    }
    return new Batch(docs, total);
  }

  private record Batch(List<Object> docs, long bytes) {}

  /**
   * Saves each document on a thread of its own, all released at once; returns the failures. Empties
   * the list: the workers then hold the only references, so a document can go once it is saved.
   */
  private int saveAll(List<Object> prepared, boolean measured) {
    CountDownLatch ready = new CountDownLatch(prepared.size());
    CountDownLatch go = new CountDownLatch(1);
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger running = new AtomicInteger();
    atOnce.set(0);
    AtomicReference<Throwable> first = new AtomicReference<>();
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < prepared.size(); i++) {
      Object doc = prepared.get(i);
      Thread t =
          new Thread(
              () -> {
                ready.countDown();
                try {
                  go.await();
                  atOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                  try {
                    client.save(doc);
                  } finally {
                    running.decrementAndGet();
                  }
                } catch (Throwable e) {
                  failed.incrementAndGet();
                  first.compareAndSet(null, e);
                }
              },
              "save-" + i);
      t.start();
      workers.add(t);
    }
    prepared.clear();
    try {
      ready.await();
      go.countDown();
      for (Thread t : workers) {
        t.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (first.get() != null) {
      System.out.println(
          (measured ? "" : "warm-up: ") + failed.get() + " saves failed, first: " + first.get());
    }
    return failed.get();
  }

  /** Samples the heap in use every 2 ms; with {@code collect}, runs a full collection every 500 ms. */
  private static final class Sampler extends Thread {
    private final HeapGauge gauge;
    private final boolean collect;
    private final AtomicLong maxUsed = new AtomicLong();
    private volatile boolean done;

    Sampler(HeapGauge gauge, boolean collect) {
      super("heap-sampler");
      setDaemon(true);
      this.gauge = gauge;
      this.collect = collect;
    }

    @Override
    public void run() {
      long nextGc = System.nanoTime() + 500_000_000L;
      while (!done) {
        maxUsed.accumulateAndGet(gauge.used(), Math::max);
        if (collect && System.nanoTime() >= nextGc) {
          System.gc();
          nextGc = System.nanoTime() + 500_000_000L;
        }
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    void finish() {
      done = true;
      try {
        join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      maxUsed.accumulateAndGet(gauge.used(), Math::max);
    }

    long maxUsed() {
      return maxUsed.get();
    }
  }

  /** What saves: turns a vCon into what it holds while waiting, then saves that. */
  private interface Client extends AutoCloseable {
    String name();

    Object prepare(Vcon vcon);

    void save(Object prepared);

    @Override
    void close();
  }

  /** {@code Storage.save(vcon)} over the library's S3 store with its defaults. */
  private static final class LibraryClient implements Client {
    private final Storage storage;

    LibraryClient(S3StoreConfig config) {
      storage = Storage.builder().store("s3", S3VconStore.create(config)).build();
    }

    @Override
    public String name() {
      return "library";
    }

    @Override
    public Object prepare(Vcon vcon) {
      return vcon;
    }

    @Override
    public void save(Object prepared) {
      storage.save((Vcon) prepared).orThrow();
    }

    @Override
    public void close() {
      storage.close();
    }
  }

  /** The raw SDK: the same two PUTs as a save, bodies from byte arrays without a copy. */
  private static final class RawClient implements Client {
    private final S3Client s3;

    RawClient(S3StoreConfig config) {
      s3 = EndToEnd.rawClient(config);
    }

    private record Doc(String id, LocalDate day, byte[] body) {}

    @Override
    public String name() {
      return "raw SDK";
    }

    @Override
    public Object prepare(Vcon vcon) {
      return new Doc(vcon.id().value(), vcon.createdAt().orElseThrow().localDate(), vcon.bytes());
    }

    @Override
    public void save(Object prepared) {
      Doc d = (Doc) prepared;
      String datePath = DatePath.format(d.day());
      put("raw/" + datePath + "/" + d.id() + ".vcon", d.body(), "application/vcon+json");
      put(
          "raw/lookup/" + d.id() + ".txt",
          datePath.getBytes(StandardCharsets.US_ASCII),
          "text/plain");
    }

    private void put(String key, byte[] body, String contentType) {
      s3.putObject(
          PutObjectRequest.builder()
              .bucket(BUCKET)
              .key(key)
              .contentType(contentType)
              .contentLength((long) body.length)
              .checksumAlgorithm(ChecksumAlgorithm.CRC32_C)
              .build(),
          RequestBody.fromContentProvider(
              ContentStreamProvider.fromByteArrayUnsafe(body), body.length, contentType));
    }

    @Override
    public void close() {
      s3.close();
    }
  }
}
