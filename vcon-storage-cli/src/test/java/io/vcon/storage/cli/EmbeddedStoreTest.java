package io.vcon.storage.cli;

import static io.vcon.storage.cli.CliRunner.assertJson;
import static io.vcon.storage.cli.CliRunner.number;
import static io.vcon.storage.cli.CliRunner.samples;
import static org.assertj.core.api.Assertions.assertThat;

import io.vcon.storage.api.key.DatePath;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every file-store command end to end on the embedded default: no config, a file store in ./vcon-data. */
class EmbeddedStoreTest {

  /** Shared by three sample files; the one imported last (in file-name order) wins. */
  static final String SHARED_ID = "019f15a6-a752-826f-b9a2-279e0d16bc46";

  @TempDir Path work;
  CliRunner cli;

  @BeforeEach
  void setUp() {
    cli = new CliRunner(work);
  }

  @Test
  @DisplayName(
      "a 25 MB vCon (a recorded call inlined as base64) imports and reads back byte for byte")
  void recordedCallOver10MiB() throws IOException {
    String id = "019f15a6-a752-826f-b9a2-279e0d16bc47";
    byte[] audio = new byte[19 * 1024 * 1024];
    new Random(25).nextBytes(audio);
    byte[] call =
        ("{\"vcon\":\"0.0.1\",\"uuid\":\""
                + id
                + "\",\"created_at\":\"2024-05-01T12:00:00Z\","
                + "\"parties\":[{\"tel\":\"+12025550123\"}],\"dialog\":[{\"type\":\"recording\","
                + "\"start\":\"2024-05-01T12:00:00Z\",\"mediatype\":\"audio/x-wav\",\"encoding\":\"base64url\","
                + "\"body\":\""
                + Base64.getUrlEncoder().withoutPadding().encodeToString(audio)
                + "\"}]}")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(call.length).isGreaterThan(25 * 1024 * 1024);
    Path file = work.resolve("call.vcon");
    Files.write(file, call);
    var imported = cli.run("import", file.toString());
    assertThat(imported.code())
        .as("vcon-server's 10 MiB limit is not the embedded store's: " + imported)
        .isZero();
    var get = cli.run("get", id);
    assertThat(get.code()).as(get.toString()).isZero();
    assertThat(get.stdout()).isEqualTo(call);
  }

  @Test
  @DisplayName(
      "import, ls, get (byte for byte), delete and export work on ./vcon-data with no config")
  void importListGetDeleteExport() throws IOException {
    var imported = cli.run("import", samples().toString());
    assertThat(imported.code()).as(imported.toString()).isZero();
    assertThat(imported.out()).contains("imported 13 of 13 files", "8 distinct vCons", "0 failed");
    assertThat(work.resolve("vcon-data")).isDirectory();

    var ls = cli.run("ls");
    assertThat(ls.code()).as(ls.toString()).isZero();
    List<String> lines = ls.out().lines().toList();
    assertThat(lines).hasSize(8);
    String today = DatePath.format(LocalDate.now(ZoneOffset.UTC));
    assertThat(lines)
        .contains(today + "  " + SHARED_ID, "2023/10/20  018b4f72-df56-82ac-b9a2-279e0d16bc46");

    var get = cli.run("get", SHARED_ID);
    assertThat(get.code()).as(get.toString()).isZero();
    assertThat(get.stdout())
        .isEqualTo(Files.readAllBytes(samples().resolve("ab_call_ext_rec_with_redact.vcon")));

    Path exportDir = work.resolve("exported");
    var export = cli.run("export", "--to", "exported");
    assertThat(export.code()).as(export.toString()).isZero();
    assertThat(export.out()).contains("exported 8 vCons");
    try (Stream<Path> files = Files.list(exportDir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .hasSize(8)
          .allMatch(n -> n.endsWith(".vcon"));
    }
    assertThat(exportDir.resolve("018b4f72-df56-82ac-b9a2-279e0d16bc46.vcon"))
        .hasBinaryContent(
            Files.readAllBytes(samples().resolve("00fb2e9_ab_email_acct_prob_thread.vcon")));

    var delete = cli.run("delete", SHARED_ID);
    assertThat(delete.code()).as(delete.toString()).isZero();
    assertThat(delete.out()).contains("deleted " + SHARED_ID);
    var gone = cli.run("get", SHARED_ID);
    assertThat(gone.code()).isEqualTo(1);
    assertThat(gone.stderr()).contains("not found", SHARED_ID);
    assertThat(gone.stdout()).isEmpty();
    var again = cli.run("delete", SHARED_ID);
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.stderr()).contains("not found: " + SHARED_ID);
    assertThat(cli.run("ls").out().lines()).hasSize(7);
  }

  @Test
  @DisplayName(
      "ls by date lists that day only; --json output parses, before or after the command name")
  void lsByDateAndJson() {
    assertThat(cli.run("import", samples().toString()).code()).isZero();
    var day = cli.run("ls", "--date", "2026/06/29");
    assertThat(day.out().lines())
        .containsExactlyInAnyOrder(
            "2026/06/29  019f159f-2cfb-8d95-b9a2-279e0d16bc46",
            "2026/06/29  019f15a6-ba37-8ed3-b9a2-279e0d16bc46");
    var range = cli.run("ls", "--since", "2023-01-01", "--until", "2025-12-31", "--json");
    assertThat(range.code()).isZero();
    assertThat(assertJson(range.out().strip()))
        .contains("\"id\":\"018b4f72-df56-82ac-b9a2-279e0d16bc46\"", "\"date\":\"2023/10/20\"")
        .contains("0195544a-cc55-8d85-b9a2-279e0d16bc46")
        .doesNotContain("019f159f");
    var globalFirst = cli.run("--json", "ls", "--date", "2023/10/20");
    assertThat(assertJson(globalFirst.out().strip())).contains("018b4f72");
    var bad = cli.run("ls", "--date", "2023/13/45");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.stderr()).contains("is not a date");
  }

  @Test
  @DisplayName(
      "import reports invalid files with their typed reason, imports the rest, and exits 1")
  void importReportsInvalidFiles() throws IOException {
    Path in = Files.createDirectories(work.resolve("in"));
    Files.write(in.resolve("garbage.json"), "this is not json".getBytes(StandardCharsets.UTF_8));
    Files.write(in.resolve("array.vcon"), "[1,2]".getBytes(StandardCharsets.UTF_8));
    Files.write(
        in.resolve("no-uuid.json"), "{\"vcon\":\"0.0.1\"}".getBytes(StandardCharsets.UTF_8));
    Files.write(
        in.resolve("notes.txt"), "ignored: not a vCon file name".getBytes(StandardCharsets.UTF_8));
    byte[] sample = Files.readAllBytes(samples().resolve("ab_call_int_rec.vcon"));
    try (OutputStream gz =
        new GZIPOutputStream(Files.newOutputStream(in.resolve("sub-dir-copy.json.gz")))) {
      gz.write(sample);
    }
    var result = cli.run("--json", "import", "in", "missing-dir");
    assertThat(result.code()).as(result.toString()).isEqualTo(1);
    String json = assertJson(result.out().strip());
    assertThat(number(json, "files")).isEqualTo(4);
    assertThat(number(json, "imported")).isEqualTo(1);
    assertThat(number(json, "failed")).isEqualTo(4);
    assertThat(json).contains("NOT_JSON", "NOT_AN_OBJECT", "MISSING_UUID", "missing-dir");
    assertThat(result.stderr())
        .contains("invalid (NOT_JSON): in/garbage.json")
        .contains("invalid (NOT_AN_OBJECT): in/array.vcon")
        .contains("invalid (MISSING_UUID): in/no-uuid.json");

    var get = cli.run("get", "019f155a-5131-80ec-b9a2-279e0d16bc46");
    assertThat(get.stdout()).isEqualTo(sample);
  }

  @Test
  @DisplayName("a malformed id is refused before any I/O with exit 2 and the typed reason")
  void badIdIsAUsageError() {
    var get = cli.run("get", "../../etc/passwd");
    assertThat(get.code()).isEqualTo(2);
    assertThat(get.stderr()).contains("INVALID_ID", "\"../../etc/passwd\"");
    var delete = cli.run("delete", "019f15a6-a752-826f-b9a2-279e0d16bc46", "not-a-uuid");
    assertThat(delete.code()).isEqualTo(2);
    assertThat(delete.stderr()).contains("INVALID_ID", "not-a-uuid");
    assertThat(work.resolve("vcon-data/lookup")).doesNotExist();
  }

  @Test
  @DisplayName("usage and configuration errors exit 2 and say what to do")
  void usageAndConfigErrors() throws IOException {
    var noCommand = cli.run();
    assertThat(noCommand.code()).isEqualTo(2);
    var unknownOption = cli.run("ls", "--no-such-option");
    assertThat(unknownOption.code()).isEqualTo(2);
    assertThat(unknownOption.stderr()).contains("--no-such-option");

    var save = cli.run("save", "019f15a6-a752-826f-b9a2-279e0d16bc46");
    assertThat(save.code()).isEqualTo(2);
    assertThat(save.stderr())
        .contains("configuration error", "no source is configured", "source: { module: redis");

    var store = cli.run("--store", "nope", "ls");
    assertThat(store.code()).isEqualTo(2);
    assertThat(store.stderr()).contains("--store nope", "[local]");

    var missingConfig = cli.run("--config", "missing.yml", "ls");
    assertThat(missingConfig.code()).isEqualTo(2);
    assertThat(missingConfig.stderr()).contains("missing.yml", "does not exist");

    Path yml = work.resolve("config.yml");
    Files.writeString(yml, "storages:\n  archive: { module: storage.mongo, options: {} }\n");
    cli.env.put("VCON_STORAGE_CONFIG", yml.toString());
    var unknownModule = cli.run("ls");
    assertThat(unknownModule.code()).isEqualTo(2);
    assertThat(unknownModule.stderr()).contains("storages.archive", "storage.mongo");
  }

  @Test
  @DisplayName(
      "a YAML config selects the store, with ${ENV} interpolation; --store picks among several")
  void configSelectsStore() throws IOException {
    Path yml = work.resolve("config.yml");
    Files.writeString(
        yml,
        "storages:\n"
            + "  first: { module: storage.file, options: { path: \"${DATA_ROOT}/first\" } }\n"
            + "  second: { module: file, options: { path: \"${DATA_ROOT}/second\", compression:"
            + " gzip } }\n");
    cli.env.put("DATA_ROOT", work.toString());
    var imported =
        cli.run("--config", "config.yml", "--store", "second", "import", samples().toString());
    assertThat(imported.code()).as(imported.toString()).isZero();
    assertThat(imported.out()).contains("into second");
    assertThat(work.resolve("first")).doesNotExist();
    try (Stream<Path> files = Files.walk(work.resolve("second"))) {
      assertThat(files.filter(p -> p.toString().endsWith(".json.gz"))).hasSize(8);
    }
    var get = cli.run("--config", "config.yml", "--store", "second", "get", SHARED_ID);
    assertThat(get.stdout())
        .isEqualTo(Files.readAllBytes(samples().resolve("ab_call_ext_rec_with_redact.vcon")));
  }

  @Test
  @DisplayName("copy to a directory and back is resumable, and verify finds a clean store clean")
  void copyBetweenDirectoriesAndVerify() throws IOException {
    assertThat(cli.run("import", samples().toString()).code()).isZero();
    var first = cli.run("--json", "copy", "--to", "./backup");
    assertThat(first.code()).as(first.toString()).isZero();
    assertThat(number(assertJson(first.out().strip()), "copied")).isEqualTo(8);
    var second = cli.run("--json", "copy", "--to", "./backup", "--parallel", "2");
    assertThat(number(second.out(), "copied")).isZero();
    assertThat(number(second.out(), "skipped_identical")).isEqualTo(8);
    var fromBackup = cli.run("--data", "backup", "get", SHARED_ID);
    assertThat(fromBackup.stdout()).isEqualTo(cli.run("get", SHARED_ID).stdout());
    // Same day folders: vCons without created_at keep the day they were filed under.
    assertThat(cli.run("--data", "backup", "ls").out()).isEqualTo(cli.run("ls").out());

    var verify = cli.run("verify");
    assertThat(verify.code()).as(verify.toString()).isZero();
    assertThat(verify.out()).contains("8 objects, 8 pointers; 0 defects");
  }

  @Test
  @DisplayName(
      "copy takes the current copy (the one the pointer names), not a stale one under an older day")
  void copySkipsStaleCopies() throws IOException {
    String id = "3b9a1a51-7b51-4d0c-9d4e-2a3c1f0e9b11";
    Path in = Files.createDirectories(work.resolve("in"));
    byte[] current =
        ("{\"uuid\":\"" + id + "\",\"vcon\":\"0.0.1\",\"subject\":\"current\"}")
            .getBytes(StandardCharsets.UTF_8);
    Files.write(in.resolve("current.vcon"), current);
    assertThat(cli.run("import", "in").code()).isZero();
    // A stale copy under an older day, as a re-save with another created_at leaves behind; listed
    // first.
    Path stale =
        Files.createDirectories(work.resolve("vcon-data/2020/01/01")).resolve(id + ".json");
    Files.writeString(stale, "{\"uuid\":\"" + id + "\",\"vcon\":\"0.0.1\",\"subject\":\"stale\"}");
    assertThat(cli.run("ls").out()).startsWith("2020/01/01  " + id);

    var copy = cli.run("copy", "--to", "./backup");
    assertThat(copy.code()).as(copy.toString()).isZero();
    assertThat(cli.run("--data", "backup", "get", id).stdout()).isEqualTo(current);
    assertThat(cli.run("--data", "backup", "ls").out().lines()).hasSize(1);

    var verify = cli.run("verify");
    assertThat(verify.out()).contains("STALE_COPY  " + id);
    // The stale copy is a note; that it was written by hand, without a content hash, is the one
    // defect.
    assertThat(verify.out())
        .contains("MISSING_HASH  " + id + "  2020/01/01/" + id + ".vcon")
        .contains("1 defect");
    assertThat(verify.code()).isEqualTo(1);
  }

  @Test
  @DisplayName("help lists every command and the exit codes")
  void help() {
    var help = cli.run("--help");
    assertThat(help.code()).isZero();
    assertThat(help.out())
        .contains(
            "import",
            "ls",
            "get",
            "delete",
            "export",
            "save",
            "copy",
            "verify",
            "2   usage or configuration error");
  }
}
