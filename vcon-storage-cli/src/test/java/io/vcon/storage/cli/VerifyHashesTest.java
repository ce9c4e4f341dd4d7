package io.vcon.storage.cli;

import static io.vcon.storage.cli.CliRunner.assertJson;
import static io.vcon.storage.cli.CliRunner.number;
import static io.vcon.storage.cli.CliRunner.samples;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify's content-hash checks and its checkpoint, on the embedded file store (hashes in extended attributes). */
class VerifyHashesTest {

  @TempDir Path work;
  CliRunner cli;

  @BeforeEach
  void importSamples() {
    cli = new CliRunner(work);
    assertThat(cli.run("import", samples().toString()).code()).isZero();
  }

  private List<Path> objectFiles() throws IOException {
    try (Stream<Path> files = Files.walk(work.resolve("vcon-data"))) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }

  /** Flips one bit in place: the file keeps its attributes, so its recorded hash stays. */
  private static void flipBit(Path file, long index) throws IOException {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      channel.read(one, index);
      one.put(0, (byte) (one.get(0) ^ 0x04)).rewind();
      channel.write(one, index);
    }
  }

  private static String idOf(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.length() - ".json".length());
  }

  @Test
  @DisplayName(
      "a clean import verifies clean with hashes checked; one flipped bit per file is caught by get"
          + " and verify")
  void flippedBitsAreCaught() throws IOException {
    var clean = cli.run("--json", "verify");
    assertThat(clean.code()).as(clean.toString()).isZero();
    assertThat(assertJson(clean.out().strip())).contains("\"content_hashes_checked\":true");

    List<Path> files = objectFiles();
    Path first = files.get(0);
    Path last = files.get(files.size() - 1);
    flipBit(first, Files.size(first) / 2);
    flipBit(last, Files.size(last) - 2);

    var get = cli.run("get", idOf(first));
    assertThat(get.code()).isEqualTo(1);
    assertThat(get.stdout()).isEmpty();
    assertThat(get.stderr()).contains(idOf(first)).contains("sha512-");

    var check = cli.run("--json", "verify", "--repair", "--trust-current");
    assertThat(check.code()).as(check.toString()).isEqualTo(1);
    String json = assertJson(check.out().strip());
    assertThat(number(json, "HASH_MISMATCH")).isEqualTo(2);
    assertThat(number(json, "repaired")).as("an altered object is never \"repaired\"").isZero();
    assertThat(json).contains(idOf(first)).contains(idOf(last));
  }

  @Test
  @DisplayName(
      "a verify stopped midway resumes from its checkpoint and ends with the same findings as one"
          + " run")
  void checkpointResumes() throws IOException {
    Path vconServerFile = objectFiles().get(1);
    byte[] bytes = Files.readAllBytes(vconServerFile);
    Files.delete(vconServerFile);
    Files.write(vconServerFile, bytes); // a new file without attributes, as vcon-server writes it
    flipBit(objectFiles().get(3), 10);

    var whole = cli.run("--json", "verify");
    String wholeJson = assertJson(whole.out().strip());
    assertThat(number(wholeJson, "MISSING_HASH")).isEqualTo(1);
    assertThat(number(wholeJson, "HASH_MISMATCH")).isEqualTo(1);

    Path checkpoint = work.resolve("verify.checkpoint");
    var stopped =
        cli.run(
            StopSignal.afterItems(5),
            "--json",
            "verify",
            "--parallel",
            "1",
            "--checkpoint",
            checkpoint.toString());
    assertThat(stopped.out()).contains("\"stopped\":true");
    assertThat(checkpoint).exists();
    long journalled = Files.readAllLines(checkpoint).size();
    assertThat(journalled).isBetween(5L, 6L);

    var resumed = cli.run("--json", "verify", "--checkpoint", checkpoint.toString());
    String resumedJson = assertJson(resumed.out().strip());
    assertThat(number(resumedJson, "resumed_reads")).isEqualTo(journalled);
    assertThat(resumedJson.replaceAll("\"resumed_reads\":\\d+", ""))
        .isEqualTo(wholeJson.replaceAll("\"resumed_reads\":\\d+", ""));
    assertThat(checkpoint).as("a finished run removes its checkpoint").doesNotExist();
    assertThat(resumed.code()).isEqualTo(whole.code()).isEqualTo(1);
  }
}
