package io.vcon.storage.cli;

import static io.vcon.storage.cli.CliRunner.assertJson;
import static io.vcon.storage.cli.CliRunner.number;
import static org.assertj.core.api.Assertions.assertThat;

import io.vcon.storage.api.RawObjects;
import io.vcon.storage.api.SaveResult;
import io.vcon.storage.api.Storage;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.config.ConfigLoader;
import io.vcon.storage.testsupport.RedisServerExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.params.SetParams;

/**
 * Nothing is lost when S3 is down: real outages (a TCP relay in front of S3Proxy is stopped mid-run), dead letters
 * in an embedded redis-server, then {@code replay}. Each test has its own store name, key prefix and bucket path.
 */
@DisplayName("dead letters and replay: no vCon lost while S3 is down")
class DeadLetterReplayTest {

  @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();
  @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();

  @TempDir Path work;
  CliRunner cli;
  TcpRelay relay;
  String prefix;
  String store;
  VconStore lister;

  @BeforeEach
  void setUp() throws IOException {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    prefix = "dl-" + tag;
    store = "s3dl" + tag;
    relay = new TcpRelay(S3.endpoint());
    cli = new CliRunner(work);
    cli.env.put("S3_SECRET", S3ProxyExtension.SECRET_KEY);
    cli.env.put("REDIS_URL", REDIS.url());
    Files.writeString(
        work.resolve("config.yml"),
        "source:\n"
            + "  module: redis\n"
            + "  options: { url: \"${REDIS_URL}\", key_prefix: \""
            + prefix
            + ":vcon:\", sorted_set: \""
            + prefix
            + ":vcons\", dead_letter: true }\n"
            + "storages:\n"
            + "  "
            + store
            + ": { module: storage.s3, options: { aws_bucket: "
            + S3ProxyExtension.BUCKET
            + ", aws_region: us-east-1, endpoint_url: \""
            + relay.endpoint()
            + "\", aws_access_key_id: "
            + S3ProxyExtension.ACCESS_KEY
            + ", aws_secret_access_key: \"${S3_SECRET}\", s3_path: "
            + prefix
            + ", max_retries: 1, connect_timeout: 1s, api_timeout: 10s } }\n");
    cli.env.put("VCON_STORAGE_CONFIG", work.resolve("config.yml").toString());
    lister = S3.openStore(prefix);
  }

  @AfterEach
  void tearDown() {
    relay.close();
    lister.close();
  }

  private String queue() {
    return "DLQ:storage:" + store;
  }

  private static byte[] doc(String id) {
    return ("{\"vcon\":\"0.0.1\",\"uuid\":\""
            + id
            + "\",\"created_at\":\"2024-01-15T10:00:00Z\","
            + "\"parties\":[{\"name\":\"Alice\"}],\"dialog\":[]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** vCons in Redis as vcon-server leaves them: strings with a one-hour TTL. */
  private List<String> seed(int n) {
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String id = UUID.randomUUID().toString();
      REDIS
          .admin()
          .set(
              (prefix + ":vcon:" + id).getBytes(StandardCharsets.UTF_8),
              doc(id),
              SetParams.setParams().ex(3600));
      ids.add(id);
    }
    return ids;
  }

  /** Every key below the prefix, relative to it: the final listing. */
  private List<String> listing() {
    RawObjects raw = lister.rawObjects();
    String root = raw.keys().root();
    try (Stream<String> keys = raw.list(root)) {
      return keys.map(k -> k.substring(root.length())).toList();
    }
  }

  private static Set<String> idsOf(List<String> keys, String folder, String suffix) {
    return keys.stream()
        .filter(k -> k.startsWith(folder) && k.endsWith(suffix))
        .map(k -> k.substring(k.lastIndexOf('/') + 1, k.length() - suffix.length()))
        .collect(Collectors.toSet());
  }

  private void assertAllStoredOnce(List<String> ids) {
    List<String> keys = listing();
    assertThat(keys)
        .as("one object and one pointer per vCon, no duplicated key")
        .doesNotHaveDuplicates()
        .hasSize(2 * ids.size());
    assertThat(idsOf(keys, "2024/01/15/", ".vcon")).isEqualTo(new HashSet<>(ids));
    assertThat(idsOf(keys, "lookup/", ".txt")).isEqualTo(new HashSet<>(ids));
    assertThat(REDIS.admin().llen(queue())).isZero();
    assertThat(REDIS.admin().llen(queue() + ":processing")).isZero();
  }

  @Test
  @DisplayName(
      "1,000 saves with S3 cut mid-run: failures are dead-lettered with their TTL raised; replay"
          + " stores them all")
  void outageThenReplay() throws Exception {
    List<String> ids = seed(1000);
    CompletableFuture<CliRunner.Result> run =
        CompletableFuture.supplyAsync(
            () -> cli.run("--json", "save", "--store", store, "--all", "--parallel", "4"));
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (relay.bytesToServer() < 150_000 && !run.isDone() && System.nanoTime() < deadline) {
      Thread.sleep(2);
    }
    relay.stop();
    Thread.sleep(1500);
    relay.start();
    CliRunner.Result save = run.get();
    String summary = assertJson(save.out().strip());
    long failed = number(summary, "failed");
    assertThat(save.code())
        .as(save.toString().substring(0, Math.min(2000, save.toString().length())))
        .isEqualTo(1);
    assertThat(failed).as("the outage made saves fail").isPositive();
    assertThat(number(summary, "saved"))
        .as("saves before the outage worked")
        .isPositive()
        .isEqualTo(1000 - failed);

    List<String> queued = REDIS.admin().lrange(queue(), 0, -1);
    assertThat(queued).as("every failed id, once").hasSize((int) failed).doesNotHaveDuplicates();
    Set<String> pointed = idsOf(listing(), "lookup/", ".txt");
    Set<String> unsaved =
        ids.stream().filter(id -> !pointed.contains(id)).collect(Collectors.toSet());
    assertThat(queued).containsAll(unsaved);
    for (String id : queued) {
      assertThat(REDIS.admin().ttl(prefix + ":vcon:" + id))
          .as("TTL raised to dlq_expiry")
          .isGreaterThan(600_000L);
    }
    assertThat(save.all()).doesNotContain(S3ProxyExtension.SECRET_KEY);

    CliRunner.Result replay = cli.run("--json", "replay", "--store", store);
    assertThat(replay.code()).as(replay.toString()).isZero();
    String replayed = assertJson(replay.out().strip());
    assertThat(number(replayed, "replayed")).isEqualTo(failed);
    assertThat(number(replayed, "remaining")).isZero();
    assertAllStoredOnce(ids);
  }

  @Test
  @DisplayName("two replays at once share the work: each entry is saved by exactly one of them")
  void concurrentReplays() throws Exception {
    List<String> ids = seed(300);
    // Queued as vcon-server's enqueue_dlq does: RPUSH of the plain id.
    REDIS.admin().rpush(queue(), ids.toArray(String[]::new));
    CliRunner other = new CliRunner(work);
    other.env.putAll(cli.env);
    CompletableFuture<CliRunner.Result> a =
        CompletableFuture.supplyAsync(() -> cli.run("--json", "replay", "--store", store));
    CompletableFuture<CliRunner.Result> b =
        CompletableFuture.supplyAsync(() -> other.run("--json", "replay", "--store", store));
    CliRunner.Result ra = a.get();
    CliRunner.Result rb = b.get();
    assertThat(ra.code()).as(ra.toString()).isZero();
    assertThat(rb.code()).as(rb.toString()).isZero();
    long first = number(assertJson(ra.out().strip()), "replayed");
    long second = number(assertJson(rb.out().strip()), "replayed");
    assertThat(first + second).as("no entry processed twice, none skipped").isEqualTo(300);
    assertAllStoredOnce(ids);
  }

  @Test
  @DisplayName(
      "a vCon whose source body is gone is reported and not queued; replay keeps an entry it cannot"
          + " read")
  void missingSourceBody() throws Exception {
    String absent = UUID.randomUUID().toString();
    relay.stop();
    try (Storage storage =
        ConfigLoader.builder()
            .environment(cli.env::get)
            .build()
            .load(work.resolve("config.yml"))
            .buildStorage()) {
      assertThat(storage.deadLetters())
          .as("wired from the source's dead_letter option")
          .isPresent();
      SaveResult result = storage.save(Vcon.parse(doc(absent)));
      assertThat(result.succeeded()).isFalse();
      assertThat(result.failures())
          .singleElement()
          .satisfies(o -> assertThat(o.isDeadLettered()).isFalse());
      assertThat(REDIS.admin().exists(queue())).as("nothing queued").isFalse();

      String present = seed(1).get(0);
      SaveResult queued = storage.save(Vcon.parse(doc(present)));
      assertThat(queued.failures())
          .singleElement()
          .satisfies(o -> assertThat(o.isDeadLettered()).isTrue());
      assertThat(REDIS.admin().lrange(queue(), 0, -1)).containsExactly(present);
    } finally {
      relay.start();
    }
    // An entry whose document expired meanwhile: replay reports it and leaves it queued for the
    // operator.
    REDIS.admin().rpush(queue(), absent);
    CliRunner.Result replay = cli.run("--json", "replay", "--store", store);
    assertThat(replay.code()).isEqualTo(1);
    String summary = assertJson(replay.out().strip());
    assertThat(number(summary, "replayed")).isEqualTo(1);
    assertThat(number(summary, "remaining")).isEqualTo(1);
    assertThat(replay.stderr()).contains("not found").contains(absent);
    assertThat(REDIS.admin().lrange(queue(), 0, -1)).containsExactly(absent);
  }
}
