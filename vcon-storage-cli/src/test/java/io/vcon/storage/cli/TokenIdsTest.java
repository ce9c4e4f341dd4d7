package io.vcon.storage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * vCons whose ids are not UUIDs ({@code abc123}, vcon-server's own example id, and {@code
 * SAMPLE-1234-abcd-5678}, as in public sample data) through the command line: import, ls, get and
 * delete, on the embedded store ({@code --id-policy token}) and on S3 (S3Proxy, {@code id_policy:
 * token} in the YAML file).
 */
class TokenIdsTest {

  @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

  static final List<String> IDS = List.of("abc123", "SAMPLE-1234-abcd-5678");

  @TempDir Path work;
  CliRunner cli;

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliRunner(work);
    Path in = Files.createDirectories(work.resolve("in"));
    for (String id : IDS) {
      Files.writeString(in.resolve(id + ".json"), document(id), StandardCharsets.UTF_8);
    }
  }

  static String document(String id) {
    return "{\"vcon\":\"0.0.1\",\"uuid\":\""
        + id
        + "\",\"created_at\":\"2024-03-05T10:00:00+01:00\",\"parties\":[]}";
  }

  @Test
  @DisplayName("embedded store, --id-policy token: import, ls, get, delete abc123, SAMPLE-1234-…")
  void embeddedStore() throws IOException {
    roundTrip("--id-policy", "token");
    // The files sit where vcon-server's storage.file puts them, under the id as given.
    assertThat(work.resolve("vcon-data/lookup/abc123.txt")).doesNotExist(); // deleted by roundTrip
  }

  @Test
  @DisplayName("S3 with id_policy: token in the YAML file: import, ls, get, delete through S3Proxy")
  void s3Store() throws IOException {
    String prefix = "tokens-" + UUID.randomUUID().toString().substring(0, 8);
    Files.writeString(
        work.resolve("config.yml"),
        "storages:\n"
            + "  archive:\n"
            + "    module: storage.s3\n"
            + "    options:\n"
            + "      aws_bucket: "
            + S3ProxyExtension.BUCKET
            + "\n"
            + "      aws_region: us-east-1\n"
            + "      endpoint_url: \""
            + S3.endpoint()
            + "\"\n"
            + "      aws_access_key_id: "
            + S3ProxyExtension.ACCESS_KEY
            + "\n"
            + "      aws_secret_access_key: \"${S3_SECRET}\"\n"
            + "      s3_path: "
            + prefix
            + "\n"
            + "      id_policy: token   # ids such as abc123\n");
    cli.env.put("S3_SECRET", S3ProxyExtension.SECRET_KEY);
    roundTrip("--config", "config.yml");
  }

  /** Imports both files, lists, gets each byte for byte, deletes them; {@code options} first. */
  private void roundTrip(String... options) {
    CliRunner.Result imported = cli.run(args(options, "import", "in"));
    assertThat(imported.code()).as(imported.toString()).isZero();
    assertThat(imported.out()).contains("imported 2 of 2 files", "2 distinct vCons", "0 failed");

    CliRunner.Result ls = cli.run(args(options, "ls"));
    assertThat(ls.code()).as(ls.toString()).isZero();
    assertThat(ls.out().lines())
        .containsExactlyInAnyOrder("2024/03/05  abc123", "2024/03/05  SAMPLE-1234-abcd-5678");
    CliRunner.Result lsDay = cli.run(args(options, "ls", "--date", "2024/03/05"));
    assertThat(lsDay.out().lines()).hasSize(2);

    for (String id : IDS) {
      CliRunner.Result get = cli.run(args(options, "get", id));
      assertThat(get.code()).as(get.toString()).isZero();
      assertThat(get.out()).isEqualTo(document(id));
    }
    CliRunner.Result deleted = cli.run(args(options, "delete", "abc123", "SAMPLE-1234-abcd-5678"));
    assertThat(deleted.code()).as(deleted.toString()).isZero();
    assertThat(deleted.out()).contains("deleted abc123", "deleted SAMPLE-1234-abcd-5678");
    assertThat(cli.run(args(options, "ls")).out()).isEmpty();
    assertThat(cli.run(args(options, "get", "abc123")).code()).isEqualTo(1);
  }

  @Test
  @DisplayName("without id_policy token, abc123 is refused: exit 2, a message saying what to set")
  void uuidPolicyRefusesTokens() {
    CliRunner.Result get = cli.run("get", "abc123");
    assertThat(get.code()).isEqualTo(2);
    assertThat(get.stderr()).contains("abc123", "id_policy: token");

    CliRunner.Result imported = cli.run("import", "in");
    assertThat(imported.code()).isEqualTo(1);
    assertThat(imported.stderr()).contains("invalid (INVALID_ID)", "id_policy: token");

    CliRunner.Result badOption = cli.run("--id-policy", "any", "ls");
    assertThat(badOption.code()).isEqualTo(2);
    assertThat(badOption.stderr()).contains("--id-policy: must be uuid or token, was 'any'");
  }

  @Test
  @DisplayName("hostile ids stay refused under id_policy token: keys remain path-safe")
  void tokensArePathSafe() {
    for (String hostile : List.of("../etc/passwd", "a/b", ".hidden", "..", "x y")) {
      CliRunner.Result get = cli.run("--id-policy", "token", "get", hostile);
      assertThat(get.code()).as(hostile).isEqualTo(2);
      assertThat(get.stderr()).contains("(INVALID_ID)");
    }
  }

  @Test
  @DisplayName("copy --to a directory keeps the archive's id policy, so token ids copy")
  void copyToDirectoryKeepsThePolicy() {
    assertThat(cli.run("--id-policy", "token", "import", "in").code()).isZero();
    CliRunner.Result copy = cli.run("--id-policy", "token", "copy", "--to", "./backup");
    assertThat(copy.code()).as(copy.toString()).isZero();
    assertThat(copy.out()).contains("copied 2 vCons");
    CliRunner.Result get = cli.run("--id-policy", "token", "--data", "backup", "get", "abc123");
    assertThat(get.out()).isEqualTo(document("abc123"));
  }

  private static String[] args(String[] options, String... command) {
    String[] all = new String[options.length + command.length];
    System.arraycopy(options, 0, all, 0, options.length);
    System.arraycopy(command, 0, all, options.length, command.length);
    return all;
  }
}
