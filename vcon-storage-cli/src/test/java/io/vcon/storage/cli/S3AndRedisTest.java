package io.vcon.storage.cli;

import static io.vcon.storage.cli.CliRunner.assertJson;
import static io.vcon.storage.cli.CliRunner.number;
import static io.vcon.storage.cli.CliRunner.samples;
import static org.assertj.core.api.Assertions.assertThat;

import io.vcon.storage.api.ContentHash;
import io.vcon.storage.api.RawObjects;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.testsupport.RedisServerExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The CLI against real servers through a YAML config: S3Proxy in-process for S3 and an embedded redis-server as
 * vcon-server's Redis. Each test has its own key prefix in the bucket and in Redis.
 */
class S3AndRedisTest {

  @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();
  @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();

  @TempDir Path work;
  CliRunner cli;
  String prefix;
  final Map<String, VconStore> opened = new LinkedHashMap<>();

  @BeforeEach
  void setUp(TestInfo test) throws IOException {
    prefix =
        "t-"
            + test.getTestMethod().orElseThrow().getName()
            + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    cli = new CliRunner(work);
    cli.env.put("S3_SECRET", S3ProxyExtension.SECRET_KEY);
    cli.env.put("REDIS_URL", REDIS.url());
    Files.writeString(
        work.resolve("config.yml"),
        "# a vcon-server style file: other sections are ignored\n"
            + "chains: {}\n"
            + "source:\n"
            + "  module: redis\n"
            + "  options: { url: \"${REDIS_URL}\", key_prefix: \""
            + prefix
            + ":vcon:\", sorted_set: \""
            + prefix
            + ":vcons\" }\n"
            + "storages:\n"
            + "  s3: "
            + s3(prefix)
            + "\n"
            + "  s3copy: "
            + s3(prefix + "-copy")
            + "\n");
    cli.env.put("VCON_STORAGE_CONFIG", work.resolve("config.yml").toString());
  }

  @AfterEach
  void closeStores() {
    opened.values().forEach(VconStore::close);
  }

  private static String s3(String path) {
    return "{ module: storage.s3, options: { aws_bucket: "
        + S3ProxyExtension.BUCKET
        + ", aws_region: us-east-1,"
        + " endpoint_url: \""
        + S3.endpoint()
        + "\", aws_access_key_id: "
        + S3ProxyExtension.ACCESS_KEY
        + ","
        + " aws_secret_access_key: \"${S3_SECRET}\", s3_path: "
        + path
        + ", max_retries: 1 } }";
  }

  /** The raw objects of a bucket prefix, opened as the CLI would (through the SPI). */
  private RawObjects raw(String s3Path) {
    VconStore store = opened.computeIfAbsent(s3Path, p -> S3.openStore(p));
    return store.rawObjects();
  }

  /** Every key below the prefix (made relative) with its bytes. */
  private Map<String, String> contents(String s3Path) {
    RawObjects raw = raw(s3Path);
    String root = raw.keys().root();
    Map<String, String> all = new TreeMap<>();
    try (Stream<String> keys = raw.list(root)) {
      keys.forEach(
          k ->
              all.put(
                  k.substring(root.length()),
                  new String(raw.read(k).orElseThrow(), StandardCharsets.UTF_8)));
    }
    return all;
  }

  private static byte[] doc(String id, String createdAt) {
    return ("{\"vcon\":\"0.0.1\",\"uuid\":\""
            + id
            + "\""
            + (createdAt == null ? "" : ",\"created_at\":\"" + createdAt + "\"")
            + ",\"parties\":[{\"name\":\"Alice\"}],\"dialog\":[]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Puts a vCon into Redis as vcon-server does without RedisJSON: a JSON string plus the created_at index. */
  private void seedRedis(String id, String createdAt) {
    REDIS
        .admin()
        .set((prefix + ":vcon:" + id).getBytes(StandardCharsets.UTF_8), doc(id, createdAt));
    REDIS.admin().zadd(prefix + ":vcons", OffsetDateTime.parse(createdAt).toEpochSecond(), id);
  }

  @Test
  @DisplayName("id_policy token on the Redis source and S3: save abc123 and --all, get, ls")
  void tokenIdsFromRedisIntoS3() throws IOException {
    Files.writeString(
        work.resolve("tokens.yml"),
        "source:\n"
            + "  module: redis\n"
            + "  options: { url: \"${REDIS_URL}\", key_prefix: \""
            + prefix
            + ":vcon:\","
            + " sorted_set: \""
            + prefix
            + ":vcons\", id_policy: token }\n"
            + "storages:\n"
            + "  s3: "
            + s3(prefix).replace("max_retries: 1", "max_retries: 1, id_policy: token")
            + "\n");
    seedRedis("abc123", "2024-01-15T10:00:00Z");
    seedRedis("SAMPLE-1234-abcd-5678", "2024-01-16T10:00:00Z");

    var one = cli.run("--config", "tokens.yml", "save", "abc123");
    assertThat(one.code()).as(one.toString()).isZero();
    var all = cli.run("--config", "tokens.yml", "save", "--all");
    assertThat(all.code()).as(all.toString()).isZero();
    var get = cli.run("--config", "tokens.yml", "get", "SAMPLE-1234-abcd-5678");
    assertThat(get.stdout()).isEqualTo(doc("SAMPLE-1234-abcd-5678", "2024-01-16T10:00:00Z"));
    assertThat(cli.run("--config", "tokens.yml", "ls").out().lines())
        .containsExactly("2024/01/15  abc123", "2024/01/16  SAMPLE-1234-abcd-5678");
    assertThat(contents(prefix)).containsKeys("2024/01/15/abc123.vcon", "lookup/abc123.txt");
  }

  @Test
  @DisplayName(
      "save reads from Redis and writes to S3; get returns the Redis bytes; secrets never printed")
  void saveFromRedisIntoS3() {
    String jan = UUID.randomUUID().toString();
    String feb = UUID.randomUUID().toString();
    String mar = UUID.randomUUID().toString();
    seedRedis(jan, "2024-01-15T10:00:00Z");
    seedRedis(feb, "2024-02-20T23:30:00-05:00");
    seedRedis(mar, "2024-03-01T00:00:00Z");

    var saveOne = cli.run("save", "--store", "s3", jan);
    assertThat(saveOne.code()).as(saveOne.toString()).isZero();
    assertThat(saveOne.out()).contains("saved " + jan + " to [s3]");
    var get = cli.run("get", jan);
    assertThat(get.code()).as(get.toString()).isZero();
    assertThat(get.stdout()).isEqualTo(doc(jan, "2024-01-15T10:00:00Z"));
    assertThat(contents(prefix))
        .containsEntry(
            "2024/01/15/" + jan + ".vcon",
            new String(doc(jan, "2024-01-15T10:00:00Z"), StandardCharsets.UTF_8))
        .containsEntry("lookup/" + jan + ".txt", "2024/01/15");

    var range =
        cli.run(
            "--json", "save", "--store", "s3", "--since", "2024-02-01", "--until", "2024-02-29");
    assertThat(number(assertJson(range.out().strip()), "saved")).isEqualTo(1);
    assertThat(cli.run("get", feb).code()).isZero();
    assertThat(cli.run("--store", "s3", "ls", "--date", "2024/03/01").out())
        .as("outside the range")
        .isEmpty();

    // Without --store: every configured storage, as Storage.save does.
    var all = cli.run("--json", "save", "--all");
    assertThat(all.code()).as(all.toString()).isZero();
    assertThat(number(all.out(), "saved")).isEqualTo(3);
    assertThat(cli.run("--store", "s3copy", "get", mar).stdout())
        .isEqualTo(doc(mar, "2024-03-01T00:00:00Z"));

    String missing = UUID.randomUUID().toString();
    var notThere = cli.run("save", missing);
    assertThat(notThere.code()).isEqualTo(1);
    assertThat(notThere.stderr()).contains("not found: " + missing);

    for (var r : new CliRunner.Result[] {saveOne, get, range, all, notThere}) {
      assertThat(r.all()).doesNotContain(S3ProxyExtension.SECRET_KEY);
    }
    var verbose = cli.run("-vv", "get", UUID.randomUUID().toString());
    assertThat(verbose.all()).doesNotContain(S3ProxyExtension.SECRET_KEY);
  }

  @Test
  @DisplayName(
      "copy S3 to a directory and back reproduces the bucket key for key, byte for byte; rerun"
          + " skips all")
  void copyS3ToDirectoryAndBack() {
    var imported = cli.run("--store", "s3", "import", samples().toString());
    assertThat(imported.code()).as(imported.toString()).isZero();
    Map<String, String> original = contents(prefix);
    assertThat(original).hasSize(16);

    var out = cli.run("--json", "copy", "--from", "s3", "--to", "file:archive", "--parallel", "3");
    assertThat(out.code()).as(out.toString()).isZero();
    assertThat(number(assertJson(out.out().strip()), "copied")).isEqualTo(8);
    var back = cli.run("--json", "copy", "--from", "./archive", "--to", "s3copy");
    assertThat(back.code()).as(back.toString()).isZero();
    assertThat(number(back.out(), "copied")).isEqualTo(8);
    assertThat(contents(prefix + "-copy")).isEqualTo(original);

    var rerun = cli.run("--json", "copy", "--from", "s3", "--to", "s3copy");
    assertThat(number(rerun.out(), "copied")).isZero();
    assertThat(number(rerun.out(), "skipped_identical")).isEqualTo(8);
    assertThat(rerun.all()).doesNotContain(S3ProxyExtension.SECRET_KEY);
  }

  @Test
  @DisplayName(
      "copy within one S3 endpoint is server-side and keeps content hashes; a rerun downloads"
          + " nothing")
  void copyWithinOneEndpointIsServerSide() {
    var imported = cli.run("--store", "s3", "import", samples().toString());
    assertThat(imported.code()).as(imported.toString()).isZero();

    var copy = cli.run("--json", "copy", "--from", "s3", "--to", "s3copy", "--parallel", "3");
    assertThat(copy.code()).as(copy.toString()).isZero();
    String json = assertJson(copy.out().strip());
    assertThat(number(json, "copied")).isEqualTo(8);
    assertThat(number(json, "copied_server_side")).as("CopyObject, not GET + PUT").isEqualTo(8);
    assertThat(contents(prefix + "-copy")).isEqualTo(contents(prefix));

    var verify = cli.run("--json", "--store", "s3copy", "verify");
    assertThat(verify.code()).as("the copies carry their content hashes: " + verify).isZero();
    assertThat(verify.out())
        .contains("\"content_hashes_checked\":true")
        .doesNotContain("MISSING_HASH");

    var rerun = cli.run("--json", "copy", "--from", "s3", "--to", "s3copy");
    assertThat(number(rerun.out(), "skipped_identical")).isEqualTo(8);
    assertThat(number(rerun.out(), "skipped_without_download"))
        .as("listing ETag vs HEAD")
        .isEqualTo(8);
  }

  @Test
  @DisplayName("copy or import into a bucket that does not exist stops at once with one message")
  void missingBucketStopsAtOnce() throws IOException {
    var imported = cli.run("--store", "s3", "import", samples().toString());
    assertThat(imported.code()).as(imported.toString()).isZero();
    Files.writeString(
        work.resolve("config.yml"),
        "\n  nobucket: "
            + s3(prefix).replace(S3ProxyExtension.BUCKET, "no-such-bucket-here")
            + "\n",
        StandardOpenOption.APPEND);

    var copy = cli.run("copy", "--from", "s3", "--to", "nobucket", "--parallel", "3");
    assertThat(copy.code()).as(copy.toString()).isNotZero();
    assertThat(copy.stderr().split("does not exist", -1)).as(copy.stderr()).hasSize(2);
    assertThat(copy.stderr()).contains("no-such-bucket-here");

    var importing = cli.run("--store", "nobucket", "import", samples().toString());
    assertThat(importing.code()).as(importing.toString()).isNotZero();
    assertThat(importing.stderr().split("does not exist", -1)).as(importing.stderr()).hasSize(2);
  }

  @Test
  @DisplayName("an interrupted copy, run again, ends with exactly the source's keys and bytes")
  void interruptedCopyResumes() {
    RawObjects source = raw(prefix);
    for (int i = 0; i < 24; i++) {
      String id = UUID.randomUUID().toString();
      String created = String.format("2024-%02d-%02dT12:00:00Z", 1 + i % 3, 1 + i);
      // Through the store's own layout: object, then pointer.
      source.write(
          source.keys().objectKey(VconId.of(id), LocalDate.parse(created.substring(0, 10))),
          doc(id, created));
      source.write(
          source.keys().pointerKey(VconId.of(id)),
          created.substring(0, 10).replace('-', '/').getBytes(StandardCharsets.US_ASCII));
    }
    Map<String, String> original = contents(prefix);
    assertThat(original).hasSize(48);

    var stopped =
        cli.run(
            StopSignal.afterItems(5),
            "--json",
            "copy",
            "--from",
            "s3",
            "--to",
            "s3copy",
            "--parallel",
            "2");
    assertThat(stopped.code()).as(stopped.toString()).isEqualTo(1);
    String firstJson = assertJson(stopped.out().strip());
    assertThat(firstJson).contains("\"stopped\":true");
    long firstCopied = number(firstJson, "copied");
    assertThat(firstCopied).isBetween(5L, 23L);
    Map<String, String> partial = contents(prefix + "-copy");
    assertThat(partial).hasSize((int) firstCopied * 2);
    assertThat(original).containsAllEntriesOf(partial);

    // A crash between an object and its pointer: the pointer is missing at the destination.
    String somePointer =
        partial.keySet().stream().filter(k -> k.startsWith("lookup/")).findFirst().orElseThrow();
    raw(prefix + "-copy").delete(raw(prefix + "-copy").keys().root() + somePointer);

    var resumed = cli.run("--json", "copy", "--from", "s3", "--to", "s3copy", "--parallel", "2");
    assertThat(resumed.code()).as(resumed.toString()).isZero();
    assertThat(number(resumed.out(), "copied")).isEqualTo(24 - firstCopied + 1);
    assertThat(number(resumed.out(), "skipped_identical")).isEqualTo(firstCopied - 1);
    assertThat(contents(prefix + "-copy")).isEqualTo(original);
  }

  @Test
  @DisplayName(
      "verify finds each defect; --repair fixes orphans and bad pointers, and leaves what needs a"
          + " person")
  void verifyAndRepair() {
    RawObjects raw = raw(prefix);
    String root = raw.keys().root();
    String healthy = UUID.randomUUID().toString();
    String orphan = UUID.randomUUID().toString();
    String dangling = UUID.randomUUID().toString();
    String wrongDate = UUID.randomUUID().toString();
    String mismatchKey = UUID.randomUUID().toString();
    String mismatchBody = UUID.randomUUID().toString();
    String garbage = UUID.randomUUID().toString();
    byte[] healthyDoc = doc(healthy, "2024-01-01T08:00:00Z");
    raw.write(root + "2024/01/01/" + healthy + ".vcon", healthyDoc);
    raw.write(
        root + "lookup/" + healthy + ".txt", "2024/01/01".getBytes(StandardCharsets.US_ASCII));
    // An old vcon-server bucket: the object, no pointer.
    raw.write(root + "2024/01/15/" + orphan + ".vcon", doc(orphan, "2024-01-15T10:00:00Z"));
    raw.write(
        root + "lookup/" + dangling + ".txt", "2024/02/01".getBytes(StandardCharsets.US_ASCII));
    raw.write(root + "2024/03/10/" + wrongDate + ".vcon", doc(wrongDate, "2024-03-10T10:00:00Z"));
    raw.write(
        root + "lookup/" + wrongDate + ".txt", "2024/03/11".getBytes(StandardCharsets.US_ASCII));
    byte[] mismatchDoc = doc(mismatchBody, "2024-04-01T10:00:00Z");
    raw.write(root + "2024/04/01/" + mismatchKey + ".vcon", mismatchDoc);
    byte[] garbageDoc = "{ this is not json".getBytes(StandardCharsets.UTF_8);
    raw.write(root + "2024/05/01/" + garbage + ".vcon", garbageDoc);

    assertThat(cli.run("get", orphan).code())
        .as("an orphan with a random id is not found")
        .isEqualTo(1);

    var check = cli.run("--json", "verify");
    assertThat(check.code()).as(check.toString()).isEqualTo(1);
    String json = assertJson(check.out().strip());
    assertThat(number(json, "ORPHAN")).isEqualTo(1);
    assertThat(number(json, "DANGLING_POINTER")).isEqualTo(1);
    assertThat(number(json, "WRONG_DATE_POINTER")).isEqualTo(1);
    assertThat(number(json, "UUID_MISMATCH")).isEqualTo(1);
    assertThat(number(json, "UNPARSEABLE")).isEqualTo(1);
    assertThat(number(json, "repaired")).isZero();
    assertThat(raw.read(root + "lookup/" + dangling + ".txt"))
        .as("verify alone changes nothing")
        .isPresent();

    var repair = cli.run("verify", "--repair");
    assertThat(repair.code()).as("two defects need a person").isEqualTo(1);
    assertThat(repair.out())
        .contains("ORPHAN  " + orphan)
        .contains("[repaired: write pointer 2024/01/15]")
        .contains("DANGLING_POINTER  " + dangling)
        .contains("[repaired: remove the pointer]")
        .contains("WRONG_DATE_POINTER  " + wrongDate)
        .contains("[repaired: rewrite pointer to 2024/03/10]")
        .contains("UUID_MISMATCH  " + mismatchKey)
        .contains("UNPARSEABLE  " + garbage)
        .contains("3 repaired, 2 left");

    assertThat(raw.read(root + "lookup/" + orphan + ".txt"))
        .hasValueSatisfying(
            b -> assertThat(new String(b, StandardCharsets.US_ASCII)).isEqualTo("2024/01/15"));
    assertThat(raw.read(root + "lookup/" + dangling + ".txt")).isEmpty();
    assertThat(raw.read(root + "lookup/" + wrongDate + ".txt"))
        .hasValueSatisfying(
            b -> assertThat(new String(b, StandardCharsets.US_ASCII)).isEqualTo("2024/03/10"));
    assertThat(raw.read(root + "2024/04/01/" + mismatchKey + ".vcon")).hasValue(mismatchDoc);
    assertThat(raw.read(root + "2024/05/01/" + garbage + ".vcon")).hasValue(garbageDoc);
    assertThat(raw.read(root + "2024/01/01/" + healthy + ".vcon")).hasValue(healthyDoc);
    assertThat(raw.read(root + "lookup/" + mismatchKey + ".txt"))
        .as("no pointer for a document that is not its key's")
        .isEmpty();

    assertThat(cli.run("get", orphan).stdout()).isEqualTo(doc(orphan, "2024-01-15T10:00:00Z"));
    var after = cli.run("--json", "verify");
    String afterJson = assertJson(after.out().strip());
    assertThat(afterJson).doesNotContain("ORPHAN", "DANGLING_POINTER", "WRONG_DATE_POINTER");
    assertThat(number(afterJson, "unrepaired")).isEqualTo(2);
    Map<String, Long> kinds =
        Stream.of("UUID_MISMATCH", "UNPARSEABLE")
            .collect(Collectors.toMap(k -> k, k -> number(afterJson, k)));
    assertThat(kinds).containsEntry("UUID_MISMATCH", 1L).containsEntry("UNPARSEABLE", 1L);
  }

  @Test
  @DisplayName(
      "verify catches objects changed behind the store's back; --trust-current records missing"
          + " hashes only")
  void verifyChecksContentHashes() {
    RawObjects raw = raw(prefix);
    String root = raw.keys().root();
    String good = UUID.randomUUID().toString();
    String altered = UUID.randomUUID().toString();
    String foreign = UUID.randomUUID().toString();
    for (String id : new String[] {good, altered, foreign}) {
      raw.write(root + "2024/01/01/" + id + ".vcon", doc(id, "2024-01-01T08:00:00Z"));
      raw.write(root + "lookup/" + id + ".txt", "2024/01/01".getBytes(StandardCharsets.US_ASCII));
    }
    String alteredKey = root + "2024/01/01/" + altered + ".vcon";
    String foreignKey = root + "2024/01/01/" + foreign + ".vcon";
    byte[] alteredDoc =
        new String(doc(altered, "2024-01-01T08:00:00Z"), StandardCharsets.UTF_8)
            .replace("Alice", "Mallo")
            .getBytes(StandardCharsets.UTF_8);
    try (S3Client s3 = S3.rawClient()) {
      // Other bytes over the key with the original metadata (its content hash) copied along.
      Map<String, String> metadata =
          s3.headObject(b -> b.bucket(S3ProxyExtension.BUCKET).key(alteredKey)).metadata();
      s3.putObject(
          b -> b.bucket(S3ProxyExtension.BUCKET).key(alteredKey).metadata(metadata),
          RequestBody.fromBytes(alteredDoc));
      // The same bytes as vcon-server's boto3 writes them: no metadata at all.
      s3.putObject(
          b -> b.bucket(S3ProxyExtension.BUCKET).key(foreignKey),
          RequestBody.fromBytes(doc(foreign, "2024-01-01T08:00:00Z")));
    }

    var get = cli.run("get", altered);
    assertThat(get.code()).isEqualTo(1);
    assertThat(get.stdout()).as("altered bytes never reach the caller").isEmpty();
    assertThat(get.stderr()).contains(alteredKey).contains("altered");
    assertThat(cli.run("get", foreign).stdout())
        .as("vcon-server's objects still read")
        .isEqualTo(doc(foreign, "2024-01-01T08:00:00Z"));

    var check = cli.run("--json", "verify", "--parallel", "3");
    assertThat(check.code()).as(check.toString()).isEqualTo(1);
    String json = assertJson(check.out().strip());
    assertThat(number(json, "HASH_MISMATCH")).isEqualTo(1);
    assertThat(number(json, "MISSING_HASH")).isEqualTo(1);
    assertThat(json)
        .contains(alteredKey)
        .contains(foreignKey)
        .contains("\"content_hashes_checked\":true");

    var plainRepair = cli.run("verify", "--repair");
    assertThat(plainRepair.code()).isEqualTo(1);
    assertThat(plainRepair.out())
        .contains("MISSING_HASH  " + foreign)
        .contains("[repairable: run verify --repair --trust-current")
        .doesNotContain("DANGLING_POINTER");

    var trusted = cli.run("verify", "--repair", "--trust-current");
    assertThat(trusted.code()).as("the altered object still needs a person").isEqualTo(1);
    assertThat(trusted.out())
        .contains("MISSING_HASH  " + foreign)
        .contains("[repaired: record the hash of its current bytes]")
        .contains("HASH_MISMATCH  " + altered)
        .contains("1 repaired, 1 left");
    assertThat(raw.read(alteredKey))
        .as("an altered object is never rewritten")
        .hasValue(alteredDoc);
    assertThat(raw.readStored(foreignKey).flatMap(o -> o.contentHash()))
        .contains(ContentHash.sha512(doc(foreign, "2024-01-01T08:00:00Z")));

    var after = cli.run("--json", "verify");
    assertThat(after.out()).doesNotContain("MISSING_HASH");
    assertThat(number(after.out(), "HASH_MISMATCH")).isEqualTo(1);
    assertThat(cli.run("verify", "--trust-current").code())
        .as("--trust-current without --repair")
        .isEqualTo(2);
  }
}
