package io.vcon.storage.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.vcon.storage.api.BackendException;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.s3.S3VconStore;
import io.vcon.storage.tck.SampleVcons;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * 64 threads of mixed save/get/delete over a small set of overlapping ids against S3Proxy. Default 4,000
 * operations; {@code -Dreliability.full=true} runs 50,000 (docs/reliability.md). Afterwards every id's state is
 * explained by what was done to it, every pointer points to an existing object of its id (except where a delete
 * raced a save of the same id, which get then treats as absent), and no thread, connection or heap is leaked.
 */
class ConcurrencyLoadTest {

  static final boolean FULL = Boolean.getBoolean("reliability.full");
  static final int THREADS = 64;
  static final int OPERATIONS = FULL ? 50_000 : 3_000;
  static final int IDS = FULL ? 500 : 120;
  static final String[] DAYS = {
    "2024-01-15T10:00:00Z", "2024-01-16T23:59:59-05:00", "2024-02-29T00:00:00+14:00"
  };

  enum Kind {
    SAVE,
    GET,
    DELETE
  }

  record Op(VconId id, Kind kind, Vcon content, long start, long end, boolean ok) {}

  @Test
  @DisplayName(
      "64 threads, mixed save/get/delete on overlapping ids: states explained, pointers sound,"
          + " nothing leaked")
  void mixedLoad() throws Exception {
    run(OPERATIONS, IDS, 15);
  }

  @Test
  @DisplayName(
      "64 threads saving and reading overlapping ids across days, no deletes: every pointer sound,"
          + " strictly")
  void savesOnlyKeepEveryPointerSound() throws Exception {
    run(OPERATIONS / 3, IDS / 2, 0);
  }

  private void run(int operations, int idCount, int deletePercent) throws Exception {
    S3Server s3 = S3Server.shared();
    String prefix = "load/" + System.nanoTime();
    List<VconId> ids = new ArrayList<>();
    for (int i = 0; i < idCount; i++) {
      ids.add(VconId.of(SampleVcons.newId()));
    }
    // Warm up (S3Proxy's threads, the SDK's classes) before taking the baselines.
    try (VconStore warm = S3VconStore.create(s3.config(s3.port(), prefix + "-warm").build())) {
      Vcon v = SampleVcons.vcon(DAYS[0]);
      warm.put(v);
      warm.get(v.id());
      warm.delete(v.id());
    }
    Set<Thread> threadsBefore = liveThreads();
    int connectionsBefore = establishedTo(s3.port());
    long heapBefore = usedHeapAfterGc();

    AtomicLong clock = new AtomicLong();
    AtomicInteger next = new AtomicInteger();
    Map<VconId, AtomicInteger> savesInFlight = new ConcurrentHashMap<>();
    Map<VconId, AtomicInteger> deletesInFlight = new ConcurrentHashMap<>();
    Set<VconId> raced = ConcurrentHashMap.newKeySet();
    ConcurrentLinkedQueue<Op> log = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Throwable> untyped = new ConcurrentLinkedQueue<>();
    AtomicInteger backendErrors = new AtomicInteger();
    ids.forEach(
        id -> {
          savesInFlight.put(id, new AtomicInteger());
          deletesInFlight.put(id, new AtomicInteger());
        });

    long started = System.nanoTime();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            THREADS,
            r -> {
              Thread t = new Thread(r, "load-worker");
              t.setDaemon(true);
              return t;
            });
    try (VconStore store =
        S3VconStore.create(
            s3.config(s3.port(), prefix)
                .maxConnections(THREADS)
                .maxRetries(3)
                .apiTimeout(Duration.ofSeconds(60))
                .build())) {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int worker = t;
        workers.add(
            pool.submit(
                () -> {
                  Random random = new Random(worker);
                  int seq;
                  while ((seq = next.getAndIncrement()) < operations) {
                    VconId id = ids.get(random.nextInt(ids.size()));
                    int dice = random.nextInt(100);
                    Kind kind =
                        dice < 50 ? Kind.SAVE : dice < 100 - deletePercent ? Kind.GET : Kind.DELETE;
                    Vcon content =
                        kind == Kind.SAVE
                            ? Vcon.parse(
                                SampleVcons.json(
                                    id.value(),
                                    DAYS[random.nextInt(DAYS.length)],
                                    "w" + worker + "-" + seq))
                            : null;
                    AtomicInteger mine =
                        kind == Kind.DELETE ? deletesInFlight.get(id) : savesInFlight.get(id);
                    AtomicInteger theirs =
                        kind == Kind.DELETE ? savesInFlight.get(id) : deletesInFlight.get(id);
                    if (kind != Kind.GET) {
                      mine.incrementAndGet();
                      if (theirs.get() > 0) {
                        raced.add(id);
                      }
                    }
                    long start = clock.incrementAndGet();
                    boolean ok = true;
                    try {
                      switch (kind) {
                        case SAVE -> store.put(content);
                        case GET -> {
                          Optional<Vcon> got = store.get(id);
                          // Whatever get returns is a whole copy someone saved: checked against the
                          // log below.
                          got.ifPresent(g -> log.add(new Op(id, Kind.GET, g, start, start, true)));
                        }
                        case DELETE -> store.delete(id);
                      }
                    } catch (BackendException e) {
                      ok = false;
                      backendErrors.incrementAndGet();
                    } catch (RuntimeException e) {
                      ok = false;
                      untyped.add(e);
                    } finally {
                      if (kind != Kind.GET) {
                        mine.decrementAndGet();
                      }
                    }
                    if (kind != Kind.GET) {
                      log.add(new Op(id, kind, content, start, clock.incrementAndGet(), ok));
                    }
                  }
                }));
      }
      for (Future<?> w : workers) {
        w.get(15, TimeUnit.MINUTES);
      }
      long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

      assertThat(untyped).as("exceptions other than VconStorageException").isEmpty();

      // Every copy get returned during the run, and every final copy, is one some save wrote, byte
      // for byte.
      Map<VconId, Set<String>> saved =
          log.stream()
              .filter(o -> o.kind() == Kind.SAVE)
              .collect(
                  Collectors.groupingBy(
                      Op::id, Collectors.mapping(o -> o.content().text(), Collectors.toSet())));
      for (Op o : log) {
        if (o.kind() == Kind.GET) {
          assertThat(saved.getOrDefault(o.id(), Set.of()))
              .as("copy read of " + o.id())
              .contains(o.content().text());
        }
      }
      Map<VconId, List<Op>> byId =
          log.stream().filter(o -> o.kind() != Kind.GET).collect(Collectors.groupingBy(Op::id));
      int explainedByLastWriter = 0;
      int explainedBySomeWriter = 0;
      for (VconId id : ids) {
        Optional<Vcon> now = store.get(id);
        now.ifPresent(
            v ->
                assertThat(saved.getOrDefault(id, Set.of()))
                    .as("final copy of " + id)
                    .contains(v.text()));
        List<Op> ops = byId.getOrDefault(id, List.of());
        Op last = ops.stream().max((a, b) -> Long.compare(a.start(), b.start())).orElse(null);
        boolean alone =
            last != null
                && last.ok()
                && ops.stream().filter(o -> o != last).allMatch(o -> o.end() < last.start());
        if (alone) {
          // No other write overlapped the last one: last writer wins.
          if (last.kind() == Kind.SAVE) {
            assertThat(now).as("final state of " + id).isPresent();
            assertThat(now.get().bytes()).isEqualTo(last.content().bytes());
          } else {
            assertThat(now)
                .as("final state of " + id + " after its last, unraced delete")
                .isEmpty();
          }
          explainedByLastWriter++;
        } else {
          explainedBySomeWriter++;
        }
      }

      // Pointers: each names an existing object of its id, unless a delete raced a save of that id.
      try (S3Client raw = s3.rawClient()) {
        RawBucket bucket = new RawBucket(raw, prefix);
        if (deletePercent == 0) {
          assertThat(raced).isEmpty();
        }
        List<String> problems = bucket.pointerProblems(raced);
        assertThat(problems).as("pointer/object mismatches outside raced ids").isEmpty();
        // The dangling pointers a delete racing a save may leave: get reads each as absent.
        for (String problem : bucket.pointerProblems()) {
          String key = problem.substring(0, problem.indexOf(' '));
          VconId id = bucket.strategy().parsePointerKey(key).orElseThrow();
          assertThat(raced).as("dangling pointer %s belongs to a raced id", key).contains(id);
          assertThat(store.get(id))
              .as("a dangling pointer of " + id + " reads as absent")
              .isEmpty();
        }
        for (List<String> objects : bucket.objectsById().values()) {
          for (String key : objects) {
            byte[] body = bucket.read(key).orElseThrow();
            assertThat(
                    saved.values().stream()
                        .anyMatch(s -> s.contains(new String(body, StandardCharsets.UTF_8))))
                .as("object " + key + " holds a copy some save wrote")
                .isTrue();
          }
        }
      }
      String summary =
          String.format(
              "load: %d operations, %d threads, %d ids, %d ms, %d backend errors, %d ids explained"
                  + " by last writer, %d by overlapping writers, %d ids where a delete raced a"
                  + " save%n",
              operations,
              THREADS,
              idCount,
              elapsedMillis,
              backendErrors.get(),
              explainedByLastWriter,
              explainedBySomeWriter,
              raced.size());
      System.out.print(summary);
      Files.createDirectories(Path.of("target"));
      Files.writeString(
          Path.of("target", "load-summary.txt"),
          summary,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    // Nothing leaked: threads this run started are gone, connections to the server closed, heap
    // back.
    Set<Thread> leaked = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      leaked = liveThreads();
      leaked.removeAll(threadsBefore);
      leaked.removeIf(t -> isServerThread(t.getName()));
      if (leaked.isEmpty()) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(leaked.stream().map(Thread::getName).toList()).as("threads left behind").isEmpty();
    int connectionsAfter = establishedTo(s3.port());
    for (int i = 0; i < 50 && connectionsAfter > connectionsBefore; i++) {
      Thread.sleep(100);
      connectionsAfter = establishedTo(s3.port());
    }
    assertThat(connectionsAfter)
        .as("client connections to S3Proxy still open")
        .isLessThanOrEqualTo(connectionsBefore);
    long heapGrowth = usedHeapAfterGc() - heapBefore;
    assertThat(heapGrowth)
        .as("heap growth in bytes after the run and a GC")
        .isLessThan(128L * 1024 * 1024);
  }

  /** Jetty's (S3Proxy's) pool threads are the server's, not ours: they idle out on their own schedule. */
  private static boolean isServerThread(String name) {
    return name.startsWith("qtp")
        || name.startsWith("Scheduler")
        || name.contains("jetty")
        || name.startsWith("S3Proxy");
  }

  private static Set<Thread> liveThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .collect(Collectors.toCollection(HashSet::new));
  }

  /** Client sockets of this machine in ESTABLISHED state whose remote port is {@code port} (Linux /proc). */
  static int establishedTo(int port) throws IOException {
    int count = 0;
    String hex = String.format(":%04X", port);
    for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path p = Path.of(file);
      if (!Files.exists(p)) {
        continue;
      }
      List<String> lines = Files.readAllLines(p);
      for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 3 && f[2].endsWith(hex) && f[3].equals("01")) {
          count++;
        }
      }
    }
    return count;
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
