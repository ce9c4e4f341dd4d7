package io.vcon.storage.cli;

import static io.vcon.storage.cli.CliRunner.samples;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import --parallel N}: the option of copy and export, and the same result as one thread. */
class ImportParallelTest {

  @TempDir Path work;

  @Test
  @DisplayName(
      "--parallel 1 and 8 store the same vCons; of files sharing a uuid the last still wins")
  void sameResultAsOneThread() throws IOException {
    CliRunner cli = new CliRunner(work);
    for (String n : new String[] {"1", "8"}) {
      CliRunner.Result r =
          cli.run("--data", "d" + n, "import", "--parallel", n, samples().toString());
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.out()).contains("imported 13 of 13 files", "8 distinct vCons", "0 failed");
      CliRunner.Result get = cli.run("--data", "d" + n, "get", EmbeddedStoreTest.SHARED_ID);
      assertThat(get.stdout())
          .as("the last of the files with this uuid, in file-name order")
          .isEqualTo(Files.readAllBytes(samples().resolve("ab_call_ext_rec_with_redact.vcon")));
    }
    assertThat(cli.run("--data", "d8", "ls").out()).isEqualTo(cli.run("--data", "d1", "ls").out());
  }

  @Test
  @DisplayName("many files with one uuid on 8 threads: the stored copy is the last file's")
  void lastFileWinsUnderContention() throws IOException {
    Path in = Files.createDirectories(work.resolve("in"));
    String id = UUID.randomUUID().toString();
    for (int i = 0; i < 40; i++) {
      Files.writeString(
          in.resolve(String.format("f%03d.json", i)),
          "{\"uuid\":\"" + id + "\",\"created_at\":\"2024-01-15T10:00:00Z\",\"n\":" + i + "}",
          StandardCharsets.UTF_8);
    }
    CliRunner cli = new CliRunner(work);
    CliRunner.Result r = cli.run("import", "--parallel", "8", "in");
    assertThat(r.out())
        .contains("imported 40 of 40 files", "1 distinct vCons", "39 files replaced");
    assertThat(cli.run("get", id).out()).endsWith("\"n\":39}");
  }

  @Test
  @DisplayName("--parallel outside 1..256 is a usage error, as for copy")
  void validatesLikeCopy() {
    CliRunner cli = new CliRunner(work);
    for (String n : new String[] {"0", "257"}) {
      CliRunner.Result r = cli.run("import", "--parallel", n, samples().toString());
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.stderr()).contains("--parallel must be 1..256, was " + n);
      assertThat(cli.run("copy", "--to", "./x", "--parallel", n).stderr())
          .contains("--parallel must be 1..256, was " + n);
    }
  }
}
