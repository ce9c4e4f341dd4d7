package io.vcon.storage.cli;

import static io.vcon.storage.cli.CliRunner.samples;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code ./vcon-storage} does, minus the build: {@code main} in a fresh JVM whose working directory is an
 * empty temp dir, so the embedded default lands in {@code ./vcon-data} there. Also the stop on a signal.
 */
class MainProcessTest {

  @TempDir Path work;

  record Run(int code, String out, String err) {}

  private Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(VconStorageCli.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
    pb.environment().remove(Session.CONFIG_ENV);
    pb.redirectOutput(work.resolve("stdout.txt").toFile())
        .redirectError(work.resolve("stderr.txt").toFile());
    return pb.start();
  }

  private Run finish(Process p) throws Exception {
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(
        p.exitValue(),
        Files.readString(work.resolve("stdout.txt"), StandardCharsets.UTF_8),
        Files.readString(work.resolve("stderr.txt"), StandardCharsets.UTF_8));
  }

  private Run run(String... args) throws Exception {
    return finish(start(args));
  }

  @Test
  @DisplayName(
      "import, ls, get on a fresh machine: ./vcon-data in the working directory, exit codes from"
          + " main")
  void embeddedDefaultInWorkingDirectory() throws Exception {
    Run imported = run("import", samples().toString());
    assertThat(imported.code()).as(imported.toString()).isZero();
    assertThat(imported.out()).contains("imported 13 of 13 files into local");
    assertThat(work.resolve("vcon-data/lookup/019f15a6-a752-826f-b9a2-279e0d16bc46.txt")).exists();

    Run ls = run("ls");
    assertThat(ls.code()).isZero();
    assertThat(ls.out().lines())
        .hasSize(8)
        .anyMatch(l -> l.endsWith("  019f15a6-a752-826f-b9a2-279e0d16bc46"));

    Run get = run("get", "019f15a6-a752-826f-b9a2-279e0d16bc46");
    assertThat(get.code()).isZero();
    assertThat(get.out().getBytes(StandardCharsets.UTF_8))
        .isEqualTo(Files.readAllBytes(samples().resolve("ab_call_ext_rec_with_redact.vcon")));
    assertThat(get.err()).as("quiet by default: no log lines").isEmpty();

    assertThat(run("get", "not-a-uuid").code()).isEqualTo(2);
    assertThat(run("get", UUID.randomUUID().toString()).code()).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "a termination signal stops an import after the file in flight and prints the summary")
  void signalStopsCleanly() throws Exception {
    Path in = Files.createDirectories(work.resolve("many"));
    for (int i = 0; i < 4000; i++) {
      String id = UUID.randomUUID().toString();
      Files.writeString(
          in.resolve(id + ".vcon"),
          "{\"vcon\":\"0.0.1\",\"uuid\":\"" + id + "\",\"created_at\":\"2024-01-15T10:00:00Z\"}");
    }
    Process p = start("import", "many");
    Path lookup = work.resolve("vcon-data/lookup");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (count(lookup) < 20 && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    p.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as for Ctrl-C
    Run run = finish(p);
    assertThat(run.out()).as(run.toString()).contains("stopped early").contains("0 failed");
    long imported =
        Long.parseLong(run.out().replaceAll("(?s)^imported (\\d+) of 4000.*$", "$1").strip());
    assertThat(imported).isBetween(20L, 3999L);
    // Every imported vCon is complete (object and pointer); nothing was left half-written.
    assertThat(count(lookup)).isEqualTo(imported);
    assertThat(count(work.resolve("vcon-data/2024/01/15"))).isEqualTo(imported);
  }

  private static long count(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !p.getFileName().toString().startsWith(".")).count();
    }
  }
}
