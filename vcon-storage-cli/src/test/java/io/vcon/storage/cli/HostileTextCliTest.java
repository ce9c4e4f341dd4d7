package io.vcon.storage.cli;

import static io.vcon.storage.cli.CliRunner.assertJson;
import static io.vcon.storage.cli.CliRunner.number;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 item 7 through the command line: what is refused, what is normalised, and that nothing
 * is stored.
 */
class HostileTextCliTest {

  private static final String GOOD = "019f15a6-0000-8000-b9a2-279e0d16bc01";
  private static final String BOM = "019f15a6-0000-8000-b9a2-279e0d16bc02";
  private static final String LOWER_Z = "019f15a6-0000-8000-b9a2-279e0d16bc03";
  private static final String UTF16 = "019f15a6-0000-8000-b9a2-279e0d16bc04";
  private static final String UTF32 = "019f15a6-0000-8000-b9a2-279e0d16bc05";
  private static final String DUPLICATE = "019f15a6-0000-8000-b9a2-279e0d16bc06";

  @TempDir Path work;
  CliRunner cli;

  @BeforeEach
  void setUp() {
    cli = new CliRunner(work);
  }

  private static String vcon(String id, String createdAt, String rest) {
    return "{\"vcon\":\"0.3.0\",\"uuid\":\""
        + id
        + "\",\"created_at\":\""
        + createdAt
        + "\""
        + rest
        + "}";
  }

  @Test
  @DisplayName(
      "import refuses UTF-16/32 and duplicate keys (exit 1), drops a UTF-8 BOM, files a lower-case"
          + " z")
  void importRefusesOrNormalises() throws IOException {
    Path in = Files.createDirectories(work.resolve("in"));
    String good = vcon(GOOD, "2024-01-15T10:00:00Z", "");
    Files.writeString(in.resolve("a-good.json"), good);
    String bomless = vcon(BOM, "2024-01-15T10:00:00Z", "");
    Files.writeString(in.resolve("b-bom.json"), "\uFEFF" + bomless);
    Files.writeString(in.resolve("c-lower-z.json"), vcon(LOWER_Z, "2024-01-15t23:30:00z", ""));
    Files.write(
        in.resolve("d-utf16.json"),
        vcon(UTF16, "2024-01-15", "").getBytes(StandardCharsets.UTF_16));
    Files.write(in.resolve("e-utf32.json"), vcon(UTF32, "2024-01-15", "").getBytes("UTF-32LE"));
    Files.writeString(
        in.resolve("f-duplicate.json"),
        vcon(
            DUPLICATE,
            "2024-01-15",
            ",\"parties\":[{\"tel\":\"+15551230001\",\"tel\":\"+15559990002\"}]"));

    var result = cli.run("import", "in");
    assertThat(result.code()).as(result.toString()).isEqualTo(1);
    assertThat(result.out()).contains("imported 3 of 6 files", "3 failed");
    assertThat(result.stderr())
        .contains(
            "invalid (INVALID_ENCODING): in/d-utf16.json",
            "encoded in UTF-16BE with a byte-order mark")
        .contains("invalid (INVALID_ENCODING): in/e-utf32.json", "encoded in UTF-32LE")
        .contains(
            "invalid (DUPLICATE_FIELD): in/f-duplicate.json", "\"tel\" twice", "/parties/0/tel");

    // Nothing of the refused files was stored; the lower-case z is filed under the date as written.
    var ls = cli.run("ls", "--date", "2024/01/15");
    assertThat(ls.out().lines())
        .containsExactlyInAnyOrder(
            "2024/01/15  " + GOOD, "2024/01/15  " + BOM, "2024/01/15  " + LOWER_Z);
    assertThat(cli.run("ls").out().lines()).hasSize(3);
    assertThat(cli.run("get", UTF16).code()).isEqualTo(1);
    assertThat(cli.run("get", DUPLICATE).code()).isEqualTo(1);

    // The byte-order mark is gone; everything else is stored byte for byte.
    assertThat(cli.run("get", BOM).stdout()).isEqualTo(bomless.getBytes(StandardCharsets.UTF_8));
    assertThat(cli.run("get", GOOD).stdout()).isEqualTo(good.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("import --json names each refused file with its reason")
  void importJsonNamesReasons() throws IOException {
    Path in = Files.createDirectories(work.resolve("in"));
    Files.write(
        in.resolve("utf16le.vcon"),
        vcon(UTF16, "2024-01-15", "").getBytes(StandardCharsets.UTF_16LE));
    var result = cli.run("--json", "import", "in");
    assertThat(result.code()).as(result.toString()).isEqualTo(1);
    String json = assertJson(result.out().strip());
    assertThat(number(json, "imported")).isZero();
    assertThat(number(json, "failed")).isEqualTo(1);
    assertThat(json).contains("INVALID_ENCODING", "UTF-16LE");
    assertThat(work.resolve("vcon-data/lookup")).doesNotExist();
  }

  @Test
  @DisplayName(
      "a key prefix with . or .. segments is a configuration error (exit 2) naming the option")
  void dotSegmentsInPrefixes() throws IOException {
    Path yml = work.resolve("config.yml");
    Files.writeString(
        yml,
        """
        storages:
          s3:
            module: storage.s3
            options:
              aws_bucket: vcons
              aws_region: us-east-1
              endpoint_url: http://127.0.0.1:9
              aws_access_key_id: test-key-id
              aws_secret_access_key: test-secret
              s3_path: vcons/../other-bucket
        """);
    Path memoryYml = work.resolve("memory.yml");
    Files.writeString(
        memoryYml,
        """
        storages:
          mem:
            module: memory
            options: { prefix: ./archive }
        """);
    var s3 = cli.run("--config", yml.toString(), "--store", "s3", "ls");
    assertThat(s3.code()).as(s3.toString()).isEqualTo(2);
    assertThat(s3.stderr())
        .contains("storages.s3.options.s3_path", "\"..\" segment")
        .doesNotContain("test-secret");
    var memory = cli.run("--config", memoryYml.toString(), "ls");
    assertThat(memory.code()).as(memory.toString()).isEqualTo(2);
    assertThat(memory.stderr()).contains("storages.mem.options.prefix", "\".\" segment");
  }
}
