package io.vcon.storage.bench;

import com.sun.management.OperatingSystemMXBean;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.archive.CopyJob;
import io.vcon.storage.archive.CopyReport;
import io.vcon.storage.s3.S3StoreConfig;
import io.vcon.storage.s3.S3VconStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Copy of an archive between S3 buckets (issue 20, parts 3 and 4): {@code vcon-storage copy} (the
 * library's {@link CopyJob}, which the command runs) against {@code rclone copy} and {@code aws s3
 * sync}, in one run on one machine. Two scenarios: two S3Proxy processes (two endpoints: the bytes
 * pass through the client) and two buckets of one S3Proxy (server-side copy). Each tool copies into
 * a bucket of its own, then runs again with nothing to copy. Reported: objects (keys: a vCon and
 * its lookup pointer) per second, client CPU per object, and for our copy the S3 requests per vCon
 * by method.
 *
 * <p>{@code java -cp ... io.vcon.storage.bench.CopyBench [vcons=10000] [parallel=16] [bytes=5000]};
 * peers missing from the PATH are skipped with a message ({@code copy-bench.sh} installs them with
 * apt-get).
 */
public final class CopyBench {

  private final int vcons;
  private final int parallel;
  private final int bytes;
  private final List<String> rows = new ArrayList<>();

  private CopyBench(int vcons, int parallel, int bytes) {
    this.vcons = vcons;
    this.parallel = parallel;
    this.bytes = bytes;
  }

  public static void main(String[] args) throws Exception {
    int vcons = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int parallel = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int bytes = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
    new CopyBench(vcons, parallel, bytes).run();
  }

  private void run() throws Exception {
    System.out.printf(
        Locale.ROOT,
        "copy benchmark: %d vCons of ~%d bytes (%d objects), parallel %d, %d cpus,"
            + " load average before %s%n",
        vcons,
        bytes,
        2 * vcons,
        parallel,
        Runtime.getRuntime().availableProcessors(),
        LoadAverage.now());
    try (S3ProxyProcess a = S3ProxyProcess.start();
        S3ProxyProcess b = S3ProxyProcess.start()) {
      try (S3Client rawA = client(a);
          S3Client rawB = client(b)) {
        for (String bucket : List.of("src", "ours", "rclone", "aws")) {
          rawA.createBucket(r -> r.bucket(bucket));
          rawB.createBucket(r -> r.bucket(bucket));
        }
      }
      seed(a);
      header();
      ours("two endpoints", config(a, "src"), config(b, "ours"));
      listingFloor("two endpoints", a, "src", b, "ours");
      rclone("two endpoints", a, "src", b, "rclone");
      rows.add(
          row(
              "two endpoints",
              "aws s3 sync",
              "-",
              "skipped: one --endpoint-url per command, cannot" + " copy between two endpoints"));
      ours("one endpoint", config(a, "src"), config(a, "ours"));
      listingFloor("one endpoint", a, "src", a, "ours");
      rclone("one endpoint", a, "src", a, "rclone");
      aws("one endpoint", a, "src", "aws");
    }
    rows.forEach(System.out::println);
    System.out.println("load average after " + LoadAverage.now());
  }

  /** A plain client, only to create the buckets. */
  private static S3Client client(S3ProxyProcess s3) {
    return S3Client.builder()
        .region(Region.US_EAST_1)
        .endpointOverride(s3.endpoint())
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(S3ProxyProcess.IDENTITY, S3ProxyProcess.CREDENTIAL)))
        .build();
  }

  static S3StoreConfig config(S3ProxyProcess s3, String bucket) {
    return S3StoreConfig.builder()
        .bucket(bucket)
        .region("us-east-1")
        .endpointUrl(s3.endpoint())
        .credentials(S3ProxyProcess.IDENTITY, S3ProxyProcess.CREDENTIAL)
        .maxConnections(64)
        .build();
  }

  private void seed(S3ProxyProcess s3) throws InterruptedException {
    long started = System.nanoTime();
    String padding = "x".repeat(Math.max(0, bytes - 200));
    try (VconStore store = S3VconStore.create(config(s3, "src"))) {
      ExecutorService pool = Executors.newFixedThreadPool(parallel);
      for (int i = 0; i < vcons; i++) {
        int n = i;
        pool.execute(
            () -> {
              String id = UUID.randomUUID().toString();
              String created =
                  String.format(Locale.ROOT, "2026-%02d-%02dT10:00:00Z", 1 + n % 12, 1 + n % 28);
              store.put(
                  Vcon.parse(
                      ("{\"vcon\":\"0.0.1\",\"uuid\":\""
                              + id
                              + "\",\"created_at\":\""
                              + created
                              + "\",\"parties\":[{\"name\":\"Alice\"}],\"dialog\":[],\"attachments\":[{\"body\":\""
                              + padding
                              + "\"}]}")
                          .getBytes(StandardCharsets.UTF_8)));
            });
      }
      pool.shutdown();
      pool.awaitTermination(1, TimeUnit.HOURS);
    }
    System.out.printf(
        Locale.ROOT, "seeded %d vCons in %.1f s%n", vcons, (System.nanoTime() - started) / 1e9);
  }

  private void header() {
    rows.add(
        "| scenario | tool | run | wall s | objects/s | client CPU s | CPU ms/object | requests per"
            + " vCon |");
    rows.add("|---|---|---|---|---|---|---|---|");
  }

  private void ours(String scenario, S3StoreConfig from, S3StoreConfig to) {
    try (VconStore source = S3VconStore.create(from);
        VconStore target = S3VconStore.create(to)) {
      for (String run : List.of("first", "again (no-op)")) {
        RequestCounter.Snapshot before = RequestCounter.snapshot();
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        CopyReport report = CopyJob.builder(source, target).parallel(parallel).build().run();
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (processCpuNanos() - cpu0) / 1e9;
        RequestCounter.Snapshot used = RequestCounter.snapshot().minus(before);
        String requests =
            String.format(
                Locale.ROOT,
                "%.2f (GET %.2f, HEAD %.2f, PUT %.2f, other %.2f)",
                used.total() / (double) vcons,
                used.get() / (double) vcons,
                used.head() / (double) vcons,
                used.put() / (double) vcons,
                used.other() / (double) vcons);
        rows.add(
            measured(scenario, "vcon-storage copy", run, wall, cpu, requests)
                + String.format(
                    Locale.ROOT,
                    " <!-- copied %d (server-side %d), skipped %d (without download %d),"
                        + " failed %d -->",
                    report.copied(),
                    report.serverSide(),
                    report.skippedIdentical(),
                    report.skippedUnread(),
                    report.failed()));
      }
    }
  }

  /**
   * The floor of a copy with nothing to do: the raw SDK listing both buckets, at once, as the copy
   * plan does. A no-op copy cannot be faster than its server lists.
   */
  private void listingFloor(
      String scenario, S3ProxyProcess from, String fromBucket, S3ProxyProcess to, String toBucket)
      throws Exception {
    try (S3Client source = client(from);
        S3Client target = client(to)) {
      long cpu0 = processCpuNanos();
      long t0 = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(2);
      var there = pool.submit(() -> count(target, toBucket));
      long here = count(source, fromBucket);
      long listed = here + there.get();
      pool.shutdown();
      double wall = (System.nanoTime() - t0) / 1e9;
      double cpu = (processCpuNanos() - cpu0) / 1e9;
      rows.add(
          measured(
              scenario,
              "raw SDK LIST of both buckets",
              "floor of a no-op",
              wall,
              cpu,
              String.format(Locale.ROOT, "%d keys listed", listed)));
    }
  }

  private static long count(S3Client s3, String bucket) {
    return s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream().count();
  }

  private void rclone(
      String scenario, S3ProxyProcess from, String fromBucket, S3ProxyProcess to, String toBucket)
      throws IOException, InterruptedException {
    if (!onPath("rclone")) {
      rows.add(
          row(
              scenario,
              "rclone copy",
              "-",
              "skipped: rclone not found (copy-bench.sh installs it)"));
      return;
    }
    Map<String, String> env = new HashMap<>();
    remote(env, "SRC", from.endpoint());
    remote(env, "DST", to.endpoint());
    for (String run : List.of("first", "again (no-op)")) {
      external(
          scenario,
          "rclone copy",
          run,
          env,
          List.of(
              "rclone",
              "copy",
              "src:" + fromBucket,
              "dst:" + toBucket,
              "--transfers",
              Integer.toString(parallel),
              "--checkers",
              Integer.toString(parallel)));
    }
  }

  private static void remote(Map<String, String> env, String name, URI endpoint) {
    String p = "RCLONE_CONFIG_" + name + "_";
    env.put(p + "TYPE", "s3");
    env.put(p + "PROVIDER", "Other");
    env.put(p + "ENDPOINT", endpoint.toString());
    env.put(p + "REGION", "us-east-1");
    env.put(p + "ACCESS_KEY_ID", S3ProxyProcess.IDENTITY);
    env.put(p + "SECRET_ACCESS_KEY", S3ProxyProcess.CREDENTIAL);
    env.put(p + "FORCE_PATH_STYLE", "true");
  }

  private void aws(String scenario, S3ProxyProcess s3, String fromBucket, String toBucket)
      throws IOException, InterruptedException {
    if (!onPath("aws")) {
      rows.add(
          row(scenario, "aws s3 sync", "-", "skipped: aws not found (copy-bench.sh installs it)"));
      return;
    }
    Path config = Files.createTempFile("copy-bench-aws", ".conf");
    Files.writeString(config, "[default]\ns3 =\n  max_concurrent_requests = " + parallel + "\n");
    Map<String, String> env = new HashMap<>();
    env.put("AWS_CONFIG_FILE", config.toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    env.put("AWS_ACCESS_KEY_ID", S3ProxyProcess.IDENTITY);
    env.put("AWS_SECRET_ACCESS_KEY", S3ProxyProcess.CREDENTIAL);
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    for (String run : List.of("first", "again (no-op)")) {
      external(
          scenario,
          "aws s3 sync",
          run,
          env,
          List.of(
              "aws",
              "--endpoint-url",
              s3.endpoint().toString(),
              "s3",
              "sync",
              "--only-show-errors",
              "s3://" + fromBucket,
              "s3://" + toBucket));
    }
    Files.deleteIfExists(config);
  }

  /** Runs a peer under /usr/bin/time for its CPU (user + system, children included). */
  private void external(
      String scenario, String tool, String run, Map<String, String> env, List<String> command)
      throws IOException, InterruptedException {
    Path times = Files.createTempFile("copy-bench-time", ".txt");
    List<String> timed =
        new ArrayList<>(List.of("/usr/bin/time", "-f", "%U %S", "-o", times.toString()));
    timed.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(timed).redirectErrorStream(true);
    pb.environment().putAll(env);
    // Plain HTTP on loopback: a CA bundle set for other work only makes rclone's SDK fail to start.
    pb.environment().remove("AWS_CA_BUNDLE");
    long t0 = System.nanoTime();
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = p.waitFor();
    double wall = (System.nanoTime() - t0) / 1e9;
    String[] cpu = Files.readString(times).strip().split("\\s+");
    String[] lastLine = cpu.length >= 2 ? cpu : new String[] {"0", "0"};
    double seconds =
        Double.parseDouble(lastLine[lastLine.length - 2])
            + Double.parseDouble(lastLine[lastLine.length - 1]);
    Files.deleteIfExists(times);
    if (exit != 0) {
      rows.add(
          row(
              scenario,
              tool,
              run,
              "failed with exit "
                  + exit
                  + ": "
                  + output.substring(Math.max(0, output.length() - 300)).replace('\n', ' ')));
      return;
    }
    rows.add(measured(scenario, tool, run, wall, seconds, "-"));
  }

  private String measured(
      String scenario, String tool, String run, double wall, double cpu, String requests) {
    int objects = 2 * vcons;
    return String.format(
        Locale.ROOT,
        "| %s | %s | %s | %.2f | %.0f | %.2f | %.3f | %s |",
        scenario,
        tool,
        run,
        wall,
        objects / wall,
        cpu,
        cpu * 1000 / objects,
        requests);
  }

  private static String row(String scenario, String tool, String run, String note) {
    return "| " + scenario + " | " + tool + " | " + run + " | " + note + " | | | | |";
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  private static long processCpuNanos() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return Duration.ZERO.toNanos();
  }
}
