package io.vcon.storage.bench;

import com.sun.management.ThreadMXBean;
import io.vcon.storage.api.SaveResult;
import io.vcon.storage.api.Storage;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.api.key.DatePath;
import io.vcon.storage.redis.RedisSourceConfig;
import io.vcon.storage.redis.RedisVconSource;
import io.vcon.storage.s3.S3StoreConfig;
import io.vcon.storage.s3.S3VconStore;
import io.vcon.storage.spi.ContentHashMode;
import io.vcon.storage.tck.Fixtures;
import io.vcon.storage.tck.SampleVcons;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.embedded.RedisServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The end-to-end harness: vCons in a real redis-server → {@code Storage.save} → S3 (S3Proxy in its own process) on
 * loopback, next to the raw-SDK ceiling (the same PUTs and GETs with the same client settings, no framework) and
 * the vcon-server style Python baseline, all in one run against one server. Results go to {@code target/bench/}.
 */
final class EndToEnd implements AutoCloseable {

  static final String BUCKET = "vcon-bench";
  static final int MAX_CONNECTIONS = 128;
  private static final String FIXTURE = "valid/ab_email_acct_prob_thread.vcon";

  /** How much to run. */
  record Plan(
      String name,
      List<Integer> concurrencies,
      boolean withLargeSize,
      int coldOps,
      int globalWarmupOps,
      int smallOps,
      int largeOps,
      int rounds,
      int smallIds,
      int largeIds,
      int pythonSaves,
      int pythonLargeSaves,
      boolean peakHeap50Mb,
      List<Integer> hugeMb,
      List<Integer> hugeConcurrencies,
      int hugeOps,
      int hugeIds) {

    static Plan quick() {
      return new Plan(
          "quick",
          List.of(4),
          false,
          30,
          100,
          100,
          0,
          1,
          50,
          0,
          3,
          0,
          false,
          List.of(),
          List.of(),
          0,
          0);
    }

    /** This plan with any of -Dbench.concurrencies=1,8 -Dbench.warmup=N -Dbench.ops=N -Dbench.large-ops=N
     * -Dbench.rounds=N -Dbench.large=true|false -Dbench.python-saves=N applied (for exploring, not for reports). */
    Plan withOverrides() {
      String cs = System.getProperty("bench.concurrencies");
      return new Plan(
          name,
          cs == null
              ? concurrencies
              : Arrays.stream(cs.split(",")).map(String::trim).map(Integer::valueOf).toList(),
          Boolean.parseBoolean(System.getProperty("bench.large", Boolean.toString(withLargeSize))),
          coldOps,
          Integer.getInteger("bench.warmup", globalWarmupOps),
          Integer.getInteger("bench.ops", smallOps),
          Integer.getInteger("bench.large-ops", largeOps),
          Integer.getInteger("bench.rounds", rounds),
          smallIds,
          largeIds,
          Integer.getInteger("bench.python-saves", pythonSaves),
          Integer.getInteger("bench.python-saves", pythonLargeSaves),
          peakHeap50Mb,
          Boolean.parseBoolean(System.getProperty("bench.huge", "true")) ? hugeMb : List.of(),
          hugeConcurrencies,
          Integer.getInteger("bench.huge-ops", hugeOps),
          hugeIds);
    }

    /** 10 MB and 25 MB vCons (recorded calls inlined as base64) at c=1 and 8: 30 and 12 operations per round. */
    static Plan full() {
      return new Plan(
          "full",
          List.of(1, 8, 64),
          true,
          1000,
          30_000,
          1500,
          100,
          3,
          1000,
          64,
          200,
          20,
          true,
          List.of(10, 25),
          List.of(1, 8),
          24,
          8);
    }
  }

  private final Plan plan;
  private final Path out;
  private final S3ProxyProcess s3;
  private final RedisServer redisServer;
  private final Path redisDir;
  private final RedisClient redisRaw;
  private final RedisVconSource source;
  private final VconStore store;
  private final Storage storage;
  // The same store with content_hash: off, to tell the framework's overhead from the cost of
  // hashing.
  private final VconStore storeNoHash;
  private final Storage storageNoHash;
  private final S3Client raw;
  private final ChecksumAlgorithm rawChecksum;
  private final List<Measure.Result> results = new ArrayList<>();
  private final Map<String, Object> facts = new LinkedHashMap<>();

  EndToEnd(Plan plan, Path out) throws IOException {
    this.plan = plan;
    this.out = out;
    Files.createDirectories(out);
    progress("starting S3Proxy (its own JVM) ...");
    s3 = S3ProxyProcess.start();
    progress("S3Proxy pid " + s3.pid() + " at " + s3.endpoint());
    redisDir = Files.createTempDirectory("bench-redis");
    int redisPort = S3ProxyProcess.freePort();
    redisServer =
        RedisServer.builder()
            .bind("127.0.0.1")
            .port(redisPort)
            .setting("save \"\"")
            .setting("appendonly no")
            .setting("dir " + redisDir.toAbsolutePath())
            .build();
    redisServer.start();
    progress("redis-server at 127.0.0.1:" + redisPort);
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(MAX_CONNECTIONS);
    pool.setMaxIdle(MAX_CONNECTIONS);
    redisRaw =
        RedisClient.builder()
            .hostAndPort("127.0.0.1", redisPort)
            .clientConfig(DefaultJedisClientConfig.builder().build())
            .poolConfig(pool)
            .build();
    source =
        RedisVconSource.create(
            RedisSourceConfig.builder()
                .url("redis://127.0.0.1:" + redisPort)
                .poolSize(MAX_CONNECTIONS)
                .build());
    S3StoreConfig config =
        S3StoreConfig.builder()
            .bucket(BUCKET)
            .s3Path("vcons")
            .region("us-east-1")
            .endpointUrl(s3.endpoint())
            .credentials(S3ProxyProcess.IDENTITY, S3ProxyProcess.CREDENTIAL)
            .maxConnections(MAX_CONNECTIONS)
            .build();
    store = S3VconStore.create(config);
    storage = Storage.builder().source(source).store("s3", store).build();
    storeNoHash = S3VconStore.create(config.toBuilder().contentHash(ContentHashMode.OFF).build());
    storageNoHash = Storage.builder().source(source).store("s3", storeNoHash).build();
    raw = rawClient(config);
    rawChecksum =
        config.checksumMode() == S3StoreConfig.ChecksumMode.WHEN_SUPPORTED
            ? ChecksumAlgorithm.CRC32_C
            : null;
    raw.createBucket(b -> b.bucket(BUCKET));
    facts.put("plan", plan.name());
    facts.put(
        "java",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    facts.put("cpus", Runtime.getRuntime().availableProcessors());
    facts.put("s3_settings", settings(config));
  }

  /**
   * The ceiling's client: what {@code S3VconStore} builds from the same config (Apache 5 client, path style,
   * chunked encoding off, default checksums), with no framework around it.
   */
  static S3Client rawClient(S3StoreConfig config) {
    return S3Client.builder()
        .httpClientBuilder(Apache5HttpClient.builder().maxConnections(MAX_CONNECTIONS))
        .region(Region.of(config.region().orElseThrow()))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    config.accessKeyId().orElseThrow(), config.secretAccessKey().orElseThrow())))
        .forcePathStyle(config.forcePathStyle())
        .serviceConfiguration(
            S3Configuration.builder().chunkedEncodingEnabled(config.chunkedEncoding()).build())
        .requestChecksumCalculation(
            config.checksumMode() == S3StoreConfig.ChecksumMode.WHEN_REQUIRED
                ? RequestChecksumCalculation.WHEN_REQUIRED
                : RequestChecksumCalculation.WHEN_SUPPORTED)
        .responseChecksumValidation(
            config.checksumMode() == S3StoreConfig.ChecksumMode.WHEN_REQUIRED
                ? ResponseChecksumValidation.WHEN_REQUIRED
                : ResponseChecksumValidation.WHEN_SUPPORTED)
        .endpointOverride(config.endpointUrl().orElseThrow())
        .build();
  }

  private static String settings(S3StoreConfig c) {
    return "apache5-client, path_style="
        + c.forcePathStyle()
        + ", chunked_encoding="
        + c.chunkedEncoding()
        + ", checksum_mode="
        + c.checksumMode().option()
        + ", max_connections="
        + MAX_CONNECTIONS;
  }

  /** One size of vCon under test: ids, their documents (in Redis too) and parsed forms. */
  private final class Corpus {
    final String size;
    final VconId[] ids;
    final Vcon[] vcons;
    final byte[][] redisKeys;
    final String[] objectKeys;
    final String[] pointerKeys;
    final LocalDate[] days;

    Corpus(String size, List<Vcon> list) {
      this.size = size;
      int n = list.size();
      ids = new VconId[n];
      vcons = new Vcon[n];
      redisKeys = new byte[n][];
      objectKeys = new String[n];
      pointerKeys = new String[n];
      days = new LocalDate[n];
      for (int i = 0; i < n; i++) {
        Vcon v = list.get(i);
        vcons[i] = v;
        ids[i] = v.id();
        redisKeys[i] = ("vcon:" + v.id().value()).getBytes(StandardCharsets.UTF_8);
        days[i] = v.createdAt().orElseThrow().localDate();
        // The raw ceiling writes to its own prefix, with the same key shapes as ours.
        String datePath = DatePath.format(days[i]);
        objectKeys[i] = "raw/" + datePath + "/" + v.id().value() + ".vcon";
        pointerKeys[i] = "raw/lookup/" + v.id().value() + ".txt";
        redisRaw.set(redisKeys[i], v.bytes());
      }
    }

    int n() {
      return ids.length;
    }
  }

  private static List<Vcon> fixtureCopies(int n) {
    String text = new String(Fixtures.bytes(FIXTURE), StandardCharsets.UTF_8);
    String original = "019f159f-2cfb-8d95-b9a2-279e0d16bc46";
    List<Vcon> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(Vcon.parse(text.replace(original, UUID.randomUUID().toString())));
    }
    return out;
  }

  private static List<Vcon> large(int n, int bytes) {
    List<Vcon> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(SampleVcons.large(UUID.randomUUID().toString(), "2026-11-25T10:15:00Z", bytes, i));
    }
    return out;
  }

  // ---- the operations
  // -----------------------------------------------------------------------------------

  private void rawPut(String key, byte[] body, String contentType) {
    raw.putObject(
        PutObjectRequest.builder()
            .bucket(BUCKET)
            .key(key)
            .contentType(contentType)
            .contentLength((long) body.length)
            // The store asks for the same upload checksum under checksum_mode: when_supported
            // (CRC32C, ADR 0028).
            .checksumAlgorithm(rawChecksum)
            .build(),
        RequestBody.fromContentProvider(
            ContentStreamProvider.fromByteArrayUnsafe(body), body.length, contentType));
  }

  private byte[] rawGet(String key) {
    return raw.getObjectAsBytes(GetObjectRequest.builder().bucket(BUCKET).key(key).build())
        .asByteArrayUnsafe();
  }

  private Map<String, Measure.Op> saveWorkloads(Corpus c) {
    // Bodies handed to the raw client without a copy: the ceiling does the least possible.
    byte[][] bodies = new byte[c.n()][];
    byte[][] pointers = new byte[c.n()][];
    for (int i = 0; i < c.n(); i++) {
      bodies[i] = c.vcons[i].bytes();
      pointers[i] = DatePath.format(c.days[i]).getBytes(StandardCharsets.US_ASCII);
    }
    Map<String, Measure.Op> w = new LinkedHashMap<>();
    w.put(
        "raw_2put",
        i -> {
          int k = i % c.n();
          rawPut(c.objectKeys[k], bodies[k], "application/vcon+json");
          rawPut(c.pointerKeys[k], pointers[k], "text/plain");
        });
    w.put("save_vcon", i -> ok(storage.save(c.vcons[i % c.n()])));
    w.put("save_vcon_nohash", i -> ok(storageNoHash.save(c.vcons[i % c.n()])));
    w.put(
        "raw_redis_get_2put",
        i -> {
          int k = i % c.n();
          byte[] body = redisRaw.get(c.redisKeys[k]);
          rawPut(c.objectKeys[k], body, "application/vcon+json");
          rawPut(c.pointerKeys[k], pointers[k], "text/plain");
        });
    w.put("save_id", i -> ok(storage.save(c.ids[i % c.n()])));
    return w;
  }

  private Map<String, Measure.Op> getWorkloads(Corpus c) {
    Map<String, Measure.Op> w = new LinkedHashMap<>();
    w.put(
        "raw_2get",
        i -> {
          int k = i % c.n();
          rawGet(c.pointerKeys[k]);
          rawGet(c.objectKeys[k]);
        });
    w.put("get", i -> storage.get(c.ids[i % c.n()]));
    w.put("get_nohash", i -> storageNoHash.get(c.ids[i % c.n()]));
    w.put("raw_1get", i -> rawGet(c.objectKeys[i % c.n()]));
    w.put("get_day", i -> store.get(c.ids[i % c.n()], c.days[i % c.n()]).orElseThrow());
    return w;
  }

  private static void ok(SaveResult r) {
    if (!r.succeeded()) {
      r.orThrow();
    }
  }

  // ---- the run
  // ------------------------------------------------------------------------------------------

  void run() throws IOException {
    Corpus small = new Corpus("5KB", fixtureCopies(plan.smallIds()));
    facts.put("small_vcon_bytes", small.vcons[0].size());
    Corpus large =
        plan.withLargeSize() ? new Corpus("1MB", large(plan.largeIds(), 1024 * 1024)) : null;
    if (large != null) {
      facts.put("large_vcon_bytes", large.vcons[0].size());
    }

    try (Measure one = new Measure(1)) {
      Map<String, Measure.Op> saves = saveWorkloads(small);
      progress("cold start: first " + plan.coldOps() + " saves of this JVM (c=1)");
      record(one.measure("cold_save_id", small.size, 0, plan.coldOps(), saves.get("save_id")));
    }
    globalWarmup(small);

    List<Corpus> corpora = large == null ? List.of(small) : List.of(small, large);
    for (Corpus c : corpora) {
      int ops = c == small ? plan.smallOps() : plan.largeOps();
      for (int conc : plan.concurrencies()) {
        try (Measure m = new Measure(conc)) {
          Map<String, Measure.Op> all = new LinkedHashMap<>(saveWorkloads(c));
          all.putAll(getWorkloads(c));
          for (Map.Entry<String, Measure.Op> e : all.entrySet()) {
            m.warm(Math.max(conc * 4, ops / 5), e.getValue());
          }
          for (int round = 1; round <= plan.rounds(); round++) {
            for (Map.Entry<String, Measure.Op> e : all.entrySet()) {
              record(m.measure(e.getKey(), c.size, round, ops, e.getValue()));
            }
          }
        }
      }
    }
    try {
      for (int mb : plan.hugeMb()) {
        huge(mb);
      }
      python(small, plan.pythonSaves());
      if (large != null) {
        python(large, plan.pythonLargeSaves());
      }
      largeDocuments();
      // Peak heap of 64 concurrent 10 MB saves: ConcurrentSaveHeapBench, with a server that keeps
      // its objects on disk (this one holds them in its heap and broke under that load).
    } finally {
      write(); // what was measured is kept even when a later phase fails
    }
  }

  /** Saves and gets of {@code mb} MB vCons; each size its own corpus, dropped (and its objects kept) after. */
  private void huge(int mb) {
    Corpus c = new Corpus(mb + "MB", large(plan.hugeIds(), mb * 1024 * 1024));
    facts.put("vcon_bytes_" + c.size, c.vcons[0].size());
    int ops = Math.max(plan.hugeOps() * 10 / mb, 4);
    for (int conc : plan.hugeConcurrencies()) {
      try (Measure m = new Measure(conc)) {
        Map<String, Measure.Op> all = new LinkedHashMap<>(saveWorkloads(c));
        all.putAll(getWorkloads(c));
        for (Map.Entry<String, Measure.Op> e : all.entrySet()) {
          m.warm(Math.max(conc * 2, ops / 2), e.getValue());
        }
        for (int round = 1; round <= plan.rounds(); round++) {
          for (Map.Entry<String, Measure.Op> e : all.entrySet()) {
            record(m.measure(e.getKey(), c.size, round, ops, e.getValue()));
          }
        }
      }
    }
    forget(c.ids, c.redisKeys);
    for (int i = 0; i < c.n(); i++) {
      String objectKey = c.objectKeys[i];
      String pointerKey = c.pointerKeys[i];
      raw.deleteObject(b -> b.bucket(BUCKET).key(objectKey));
      raw.deleteObject(b -> b.bucket(BUCKET).key(pointerKey));
    }
  }

  /**
   * Removes vCons from Redis and from the store: S3Proxy keeps every object in its own heap (transient-nio2), and
   * the large phases would otherwise fill it.
   */
  private void forget(VconId[] ids, byte[][] redisKeys) {
    for (int i = 0; i < ids.length; i++) {
      redisRaw.del(redisKeys[i]);
      store.delete(ids[i]);
    }
  }

  private void globalWarmup(Corpus small) {
    if (plan.globalWarmupOps() == 0) {
      return;
    }
    // Both code paths share the SDK and HTTP client; warm each with the same number of requests, at
    // the
    // concurrencies measured, until the JIT settles (DESIGN §8: 40,000 to 100,000 PUTs).
    int perPath = plan.globalWarmupOps() / 2;
    int perConcurrency = Math.max(1, perPath / plan.concurrencies().size());
    Map<String, Measure.Op> saves = saveWorkloads(small);
    for (int conc : plan.concurrencies()) {
      try (Measure m = new Measure(conc)) {
        progress(
            "warm-up: "
                + perConcurrency
                + " raw 2-PUT pairs and "
                + perConcurrency
                + " saves at c="
                + conc);
        long t0 = System.nanoTime();
        m.warm(perConcurrency, saves.get("raw_2put"));
        m.warm(perConcurrency, saves.get("save_vcon"));
        m.warm(perConcurrency / 2, saves.get("save_id"));
        m.warm(perConcurrency / 2, saves.get("raw_redis_get_2put"));
        progress(String.format("  done in %.1f s", (System.nanoTime() - t0) / 1e9));
      }
    }
  }

  private void record(Measure.Result r) {
    results.add(r);
    progress(
        String.format(
            Locale.ROOT,
            "%-20s %-4s c=%-3d r%d  %8.1f µs CPU/op  %10.0f B/op  %8.1f op/s  PUT %.2f GET %.2f"
                + " HEAD %.2f",
            r.workload(),
            r.size(),
            r.concurrency(),
            r.round(),
            r.cpuMicrosPerOp(),
            r.allocBytesPerOp(),
            r.opsPerSecond(),
            r.putsPerOp(),
            r.getsPerOp(),
            r.headsPerOp()));
  }

  // ---- the vcon-server style baseline
  // ------------------------------------------------------------------------

  private void python(Corpus c, int saves) throws IOException {
    if (saves == 0) {
      return;
    }
    Path script =
        Path.of(
            System.getProperty("bench.python.script", "src/main/python/vcon_server_style_save.py"));
    Path doc = out.resolve("python-input-" + c.size + ".vcon");
    Files.write(doc, c.vcons[0].bytes());
    progress(
        "vcon-server style baseline (python3 + boto3, new client per save), "
            + c.size
            + ", "
            + saves
            + " saves");
    ProcessBuilder pb =
        new ProcessBuilder(
                "python3", script.toString(), doc.toString(), Integer.toString(saves), "3")
            .redirectErrorStream(false);
    pb.environment().put("BENCH_ENDPOINT", s3.endpoint().toString());
    pb.environment().put("BENCH_BUCKET", BUCKET);
    pb.environment().put("BENCH_ACCESS_KEY", S3ProxyProcess.IDENTITY);
    pb.environment().put("BENCH_SECRET_KEY", S3ProxyProcess.CREDENTIAL);
    String line;
    int exit;
    try {
      Process p = pb.redirectError(ProcessBuilder.Redirect.DISCARD).start();
      line = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      exit = p.waitFor();
    } catch (IOException e) {
      facts.put("python_" + c.size, "skipped: python3 not runnable (" + e.getMessage() + ")");
      progress("  skipped: python3 not runnable");
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (exit != 0 || line.isEmpty() || line.contains("\"skipped\"")) {
      facts.put("python_" + c.size, "skipped: " + (line.isEmpty() ? "exit " + exit : line));
      progress("  skipped: " + line);
      return;
    }
    double wall = Double.parseDouble(Json.field(line, "wall_s"));
    double cpu = Double.parseDouble(Json.field(line, "cpu_s"));
    int puts = Integer.parseInt(Json.field(line, "puts"));
    Measure.Result r =
        new Measure.Result(
            "python_vcon_server_style",
            c.size,
            1,
            1,
            saves,
            wall,
            cpu * 1e6 / saves,
            Double.NaN,
            saves / wall,
            (double) puts / saves,
            0,
            0,
            0);
    record(r);
  }

  // ---- large documents: allocation per byte (10 MB), peak heap (50 MB)
  // ---------------------------------------

  private void largeDocuments() {
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    int tenMb = 10 * 1024 * 1024;
    Vcon ten = SampleVcons.large(UUID.randomUUID().toString(), "2026-11-25T10:15:00Z", tenMb, 10);
    redisRaw.set(("vcon:" + ten.id().value()).getBytes(StandardCharsets.UTF_8), ten.bytes());
    boolean quick = plan.name().equals("quick");
    int reps = quick ? 1 : 5;
    for (int i = 0; i < (quick ? 1 : 2); i++) {
      ok(storage.save(ten.id()));
      ok(storage.save(ten));
    }
    long a0 = threads.getTotalThreadAllocatedBytes();
    for (int i = 0; i < reps; i++) {
      ok(storage.save(ten));
    }
    long a1 = threads.getTotalThreadAllocatedBytes();
    for (int i = 0; i < reps; i++) {
      ok(storage.save(ten.id()));
    }
    long a2 = threads.getTotalThreadAllocatedBytes();
    double perByteVcon = (double) (a1 - a0) / reps / ten.size();
    double perByteId = (double) (a2 - a1) / reps / ten.size();
    forget(
        new VconId[] {ten.id()},
        new byte[][] {("vcon:" + ten.id().value()).getBytes(StandardCharsets.UTF_8)});
    facts.put("alloc_per_byte_10MB_save_vcon", round3(perByteVcon));
    facts.put("alloc_per_byte_10MB_save_id_from_redis", round3(perByteId));
    progress(
        String.format(
            "10 MB vCon: %.3f B allocated per byte for save(vcon), %.3f for save(id) from Redis",
            perByteVcon, perByteId));

    if (plan.peakHeap50Mb()) {
      int fiftyMb = 50 * 1024 * 1024;
      Vcon fifty =
          SampleVcons.large(UUID.randomUUID().toString(), "2026-11-25T10:15:00Z", fiftyMb, 50);
      byte[] key = ("vcon:" + fifty.id().value()).getBytes(StandardCharsets.UTF_8);
      redisRaw.set(key, fifty.bytes());
      VconId id = fifty.id();
      int size = fifty.size();
      fifty = null;
      ok(storage.save(id)); // warm
      System.gc();
      List<MemoryPoolMXBean> heap =
          ManagementFactory.getMemoryPoolMXBeans().stream()
              .filter(p -> p.getType() == MemoryType.HEAP)
              .toList();
      long before = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
      heap.forEach(MemoryPoolMXBean::resetPeakUsage);
      ok(storage.save(id));
      long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
      double ratio = (double) (peak - before) / size;
      facts.put("peak_heap_over_baseline_50MB_save_id_per_document", round3(ratio));
      facts.put(
          "heap_measure_note",
          "sum of per-pool peaks after a GC, minus the heap in use before; "
              + "counts garbage not yet collected, so an upper bound");
      progress(
          String.format(
              "50 MB vCon: save(id) from Redis raised the heap by at most %.2f × the document",
              ratio));
      forget(new VconId[] {id}, new byte[][] {key});
    }
  }

  private static double round3(double d) {
    return Math.round(d * 1000) / 1000.0;
  }

  // ---- output
  // ---------------------------------------------------------------------------------------------------

  List<Measure.Result> results() {
    return results;
  }

  Map<String, Object> facts() {
    return facts;
  }

  private void write() throws IOException {
    facts.put("load_average_at_end", LoadAverage.now());
    List<String> csv = new ArrayList<>();
    csv.add(Measure.Result.csvHeader());
    results.forEach(r -> csv.add(r.csv()));
    Files.write(out.resolve("e2e-" + plan.name() + ".csv"), csv, StandardCharsets.UTF_8);
    Summary summary = new Summary(results, facts);
    Files.writeString(
        out.resolve("e2e-" + plan.name() + ".json"), summary.json(), StandardCharsets.UTF_8);
    Files.writeString(
        out.resolve("e2e-" + plan.name() + ".md"), summary.markdown(), StandardCharsets.UTF_8);
    Chart.write(summary, out.resolve("e2e-" + plan.name() + ".png"));
    progress("results in " + out.toAbsolutePath());
  }

  static void progress(String line) {
    System.out.println("[bench " + LocalTime.now().withNano(0) + "] " + line);
    System.out.flush();
  }

  @Override
  public void close() {
    closeQuietly(storage);
    closeQuietly(storeNoHash); // its Storage shares the source the first one closed
    closeQuietly(raw);
    closeQuietly(redisRaw);
    try {
      redisServer.stop();
    } catch (RuntimeException e) {
      progress("stopping redis-server: " + e);
    }
    S3ProxyProcess.deleteQuietly(redisDir);
    s3.close();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      progress("closing " + c + ": " + e);
    }
  }
}
