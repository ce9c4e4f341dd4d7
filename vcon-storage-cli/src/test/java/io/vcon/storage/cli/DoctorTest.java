package io.vcon.storage.cli;

import static io.vcon.storage.cli.CliRunner.assertJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.vcon.storage.api.VconStore;
import io.vcon.storage.testsupport.RedisServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code vcon-storage doctor} against S3Proxy, an embedded redis-server and the embedded directory store. */
class DoctorTest {

  @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();
  @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();

  @TempDir Path work;
  CliRunner cli;
  String prefix;

  @BeforeEach
  void setUp() {
    prefix = "doctor-" + UUID.randomUUID().toString().substring(0, 8);
    cli = new CliRunner(work);
    cli.env.put("S3_SECRET", S3ProxyExtension.SECRET_KEY);
    cli.env.put("REDIS_URL", REDIS.url());
  }

  private Path config(String bucket, String secret, boolean withSource) throws IOException {
    Path file = work.resolve("config.yml");
    Files.writeString(
        file,
        (withSource
                ? "source:\n  module: redis\n  options: { url: \"${REDIS_URL}\", sorted_set: \""
                    + prefix
                    + ":vcons\" }\n"
                : "")
            + "storages:\n"
            + "  s3:\n"
            + "    module: storage.s3\n"
            + "    options:\n"
            + "      aws_bucket: "
            + bucket
            + "\n"
            + "      aws_region: us-east-1\n"
            + "      endpoint_url: \""
            + S3.endpoint()
            + "\"\n"
            + "      aws_access_key_id: "
            + S3ProxyExtension.ACCESS_KEY
            + "\n"
            + "      aws_secret_access_key: "
            + secret
            + "\n"
            + "      s3_path: "
            + prefix
            + "\n"
            + "      max_retries: 0\n");
    return file;
  }

  private static List<String> lines(CliRunner.Result r) {
    return r.out().lines().toList();
  }

  private static String line(CliRunner.Result r, String targetAndCheck) {
    return lines(r).stream()
        .filter(l -> l.substring(6).startsWith(targetAndCheck + ":"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line for " + targetAndCheck + " in\n" + r));
  }

  @Test
  @DisplayName(
      "S3Proxy bucket and Redis: every check has its line; APIs S3Proxy lacks are n/a, not"
          + " failures; exit 0")
  void healthyS3AndRedis() throws IOException {
    REDIS.admin().zadd(prefix + ":vcons", 1_700_000_000, UUID.randomUUID().toString());
    Path config = config(S3ProxyExtension.BUCKET, "\"${S3_SECRET}\"", true);

    CliRunner.Result r = cli.run("--config", config.toString(), "doctor");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(line(r, "config/parse"))
        .startsWith("ok")
        .contains("parses; storage 's3' uses module storage.s3");
    assertThat(lines(r))
        .contains(
            "ok    config/secrets: storages.s3.aws_secret_access_key comes from ${S3_SECRET} (value"
                + " not shown)",
            "ok    config/secrets: source.url comes from ${REDIS_URL} (value not shown)",
            "ok    s3/credentials: static keys from the options aws_access_key_id and"
                + " aws_secret_access_key",
            "ok    s3/endpoint: " + S3.endpoint() + " answers",
            "ok    s3/auth: the credentials are accepted (HeadBucket on vcon-cli-test)",
            "ok    s3/bucket: bucket vcon-cli-test exists",
            "ok    s3/region: bucket vcon-cli-test is in region us-east-1, as aws_region says",
            "n/a   s3/versioning: not supported by this endpoint (GetBucketVersioning:"
                + " NotImplemented, HTTP 501)",
            "n/a   s3/lifecycle: not supported by this endpoint (GetBucketLifecycleConfiguration:"
                + " NotImplemented, HTTP 501)",
            "ok    s3/object-lock: bucket vcon-cli-test has no Object Lock: stored vCons can be"
                + " deleted and overwritten (a compliance archive needs it: docs/compliance.md)",
            "n/a   s3/access-logging: not supported by this endpoint (GetBucketLogging:"
                + " NotImplemented, HTTP 501)",
            "n/a   s3/request-metrics: not supported by this endpoint"
                + " (ListBucketMetricsConfigurations: NotImplemented, HTTP 501)",
            "skip  s3/write-probe: nothing written; add --write-probe to test put/get/delete,"
                + " checksums and conditional writes under "
                + prefix
                + "/_doctor/",
            "ok    source/reachable: " + REDIS.url() + "/0 answers PING",
            "ok    source/auth: no password configured, and the server asks for none",
            "ok    source/sorted-set: sorted set \"" + prefix + ":vcons\" has 1 member",
            "doctor: 14 ok, 3 warn, 0 fail, 4 not supported, 1 skipped");
    assertThat(line(r, "s3/encryption"))
        .isEqualTo(
            "warn  s3/encryption: bucket vcon-cli-test has no default encryption -> set"
                + " server_side_encryption: AES256 (or aws:kms with sse_kms_key_id), or enable the"
                + " bucket default: aws s3api put-bucket-encryption --bucket vcon-cli-test");
    assertThat(line(r, "s3/public-access"))
        .startsWith("warn")
        .contains("does not set BlockPublicAcls")
        .contains(
            "-> block public access: aws s3api put-public-access-block --bucket vcon-cli-test");
    assertThat(line(r, "source/json-module"))
        .startsWith("warn  source/json-module: RedisJSON is not loaded (MODULE LIST)")
        .contains("-> if vcon-server writes here, load RedisJSON");
    assertThat(r.all()).doesNotContain(S3ProxyExtension.SECRET_KEY);
  }

  @Test
  @DisplayName("a missing bucket fails with the command that creates it; exit 1")
  void missingBucket() throws IOException {
    String bucket = "no-such-bucket-" + prefix;
    Path config = config(bucket, "\"${S3_SECRET}\"", false);

    CliRunner.Result r = cli.run("--config", config.toString(), "doctor");

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(line(r, "s3/bucket"))
        .isEqualTo(
            "fail  s3/bucket: bucket "
                + bucket
                + " does not exist at "
                + S3.endpoint()
                + " -> create it (aws s3 mb s3://"
                + bucket
                + " --region us-east-1) or fix aws_bucket");
    assertThat(lines(r))
        .last()
        .isEqualTo("doctor: 5 ok, 0 warn, 1 fail, 0 not supported, 0 skipped");
    assertThat(r.out())
        .as("checks after a failed bucket are left out")
        .doesNotContain("s3/versioning");
  }

  @Test
  @DisplayName("wrong credentials fail the auth check; the secret is never printed")
  void badCredentials() throws IOException {
    String wrong = "wrong-secret-" + UUID.randomUUID();
    cli.env.put("S3_SECRET", wrong);
    Path config = config(S3ProxyExtension.BUCKET, "\"${S3_SECRET}\"", false);

    CliRunner.Result r = cli.run("--config", config.toString(), "doctor", "--json");

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertJson(r.out());
    assertThat(r.out())
        .contains(
            "{\"target\":\"s3\",\"check\":\"auth\",\"status\":\"fail\",\"message\":\"the endpoint"
                + " rejects the credentials (SignatureDoesNotMatch)\",\"advice\":\"check"
                + " aws_access_key_id and aws_secret_access_key\"}")
        .contains("\"totals\":{\"ok\":5,\"warn\":0,\"fail\":1,\"unsupported\":0,\"skipped\":0}");
    assertThat(r.all()).doesNotContain(wrong).doesNotContain(S3ProxyExtension.SECRET_KEY);
  }

  @Test
  @DisplayName(
      "--write-probe puts, reads and deletes a probe under _doctor/, checks conditional puts,"
          + " leaves nothing")
  void writeProbe() throws IOException {
    Path config = config(S3ProxyExtension.BUCKET, S3ProxyExtension.SECRET_KEY, false);

    CliRunner.Result r = cli.run("--config", config.toString(), "doctor", "--write-probe");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(line(r, "config/secrets"))
        .isEqualTo(
            "warn  config/secrets: storages.s3.aws_secret_access_key is written"
                + " in "
                + config
                + " (value not shown) -> move it to the environment: aws_secret_access_key:"
                + " \"${AWS_SECRET_ACCESS_KEY}\"");
    assertThat(lines(r))
        .contains(
            "ok    s3/checksums: the endpoint accepts the SDK's default checksums (checksum_mode:"
                + " when_supported)",
            "ok    s3/conditional-write: If-None-Match: * is honoured: write-once puts work");
    assertThat(line(r, "s3/write-probe"))
        .matches(
            "ok    s3/write-probe: put, get and delete of "
                + prefix
                + "/_doctor/probe-[0-9a-f-]{36}\\.txt work");
    assertThat(r.all()).doesNotContain(S3ProxyExtension.SECRET_KEY);
    try (VconStore store = S3.openStore(prefix);
        Stream<String> left = store.rawObjects().list(prefix + "/")) {
      assertThat(left).as("probe objects are deleted").isEmpty();
    }
  }

  @Test
  @DisplayName("the embedded directory store: directory, writable, free space, probe; exit 0")
  void embedded() {
    CliRunner.Result r = cli.run("doctor", "--write-probe");

    Path data = work.resolve("vcon-data");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(lines(r))
        .startsWith(
            "ok    config/parse: no config file: embedded default (file store in " + data + ")",
            "ok    config/secrets: none: the embedded store needs no credentials",
            "ok    local/options: module file accepts the options (file:" + data + ")",
            "ok    local/directory: " + data + " exists",
            "ok    local/writable: " + data + " is writable");
    assertThat(line(r, "local/free-space"))
        .matches(
            "(ok    |warn  )local/free-space: (only )?[0-9.]+ [KMGTP]?i?B free on the"
                + " file system of "
                + Pattern.quote(data.toString())
                + ".*");
    assertThat(line(r, "local/write-probe"))
        .matches(
            "ok    local/write-probe: put, get and delete of"
                + " _doctor/probe-[0-9a-f-]{36}\\.txt work");
    assertThat(lines(r))
        .contains("ok    local/conditional-write: create-only writes work: write-once supported");
    assertThat(data.resolve("_doctor")).as("the probe's folder is removed with it").doesNotExist();
  }

  @Test
  @DisplayName("a configuration that does not parse is one failing line; exit 1, not a usage error")
  void brokenConfig() throws IOException {
    Path config = work.resolve("broken.yml");
    Files.writeString(
        config,
        "storages:\n"
            + "  s3: { module: storage.s3, options: { aws_bucket: b, endpoint_url: \"${NOPE}\" }"
            + " }\n");

    CliRunner.Result r = cli.run("--config", config.toString(), "doctor");

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(lines(r))
        .containsExactly(
            "fail  config/parse: storages.s3.options.endpoint_url: environment variable NOPE is not"
                + " set; set it, or write ${NOPE:-default} to give a default. -> fix the"
                + " configuration",
            "doctor: 0 ok, 0 warn, 1 fail, 0 not supported, 0 skipped");
  }

  @Test
  @DisplayName("a missing required option fails the options check and names it")
  void missingOption() throws IOException {
    Path config = work.resolve("noBucket.yml");
    Files.writeString(
        config, "storages:\n  s3: { module: storage.s3, options: { aws_region: us-east-1 } }\n");

    CliRunner.Result r = cli.run("--config", config.toString(), "doctor");

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(line(r, "s3/options"))
        .startsWith("fail  s3/options: ")
        .contains("aws_bucket")
        .endsWith("-> fix the option it names");
  }
}
