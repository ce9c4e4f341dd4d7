package io.vcon.storage.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JVM options the two launchers (the repository's {@code ./vcon-storage} and the
 * distribution's {@code bin/vcon-storage}) choose per command (ADR 0030): short commands start at
 * the first JIT tier, long ones keep the JVM's defaults, and {@code VCON_STORAGE_JAVA_OPTS} comes
 * last so a user can override either. Each launcher runs for real, in a copy of its layout, with a
 * {@code java} that prints the arguments it was given.
 */
class LauncherOptionsTest {
  static final String SHORT = "-XX:TieredStopAtLevel=1";
  static final String BLOCK = "# --- JVM options per command";

  static final Path REPOSITORY_LAUNCHER =
      Path.of("").toAbsolutePath().getParent().resolve("vcon-storage");
  static final Path DISTRIBUTION_LAUNCHER = Path.of("src/dist/bin/vcon-storage").toAbsolutePath();

  @TempDir Path work;
  Path repository;
  Path distribution;
  Path jdk;

  @BeforeEach
  void layout() throws IOException {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "a POSIX shell");
    // A JDK whose java prints its arguments, one a line; release says 21 (the archive is then
    // created by the JVM itself, so the launcher execs java directly).
    jdk = work.resolve("jdk");
    Files.createDirectories(jdk.resolve("bin"));
    Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"21.0.5\"\n");
    Path java = jdk.resolve("bin/java");
    Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    // The repository launcher runs the CLI jar, and rebuilds it when sources are newer: a copy
    // with only the jar has none.
    repository = work.resolve("repository");
    Path jar = repository.resolve("vcon-storage-cli/target/vcon-storage.jar");
    Files.createDirectories(jar.getParent());
    Files.write(jar, new byte[0]);
    copyLauncher(REPOSITORY_LAUNCHER, repository.resolve("vcon-storage"));
    distribution = work.resolve("distribution");
    Files.createDirectories(distribution.resolve("lib"));
    copyLauncher(DISTRIBUTION_LAUNCHER, distribution.resolve("bin/vcon-storage"));
  }

  private static void copyLauncher(Path from, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    Files.copy(from, to);
    Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  @DisplayName("both launchers carry the same block of per-command options")
  void sameBlock() throws IOException {
    assertThat(block(DISTRIBUTION_LAUNCHER)).isEqualTo(block(REPOSITORY_LAUNCHER)).isNotEmpty();
  }

  private static String block(Path launcher) throws IOException {
    String text = Files.readString(launcher);
    int start = text.indexOf(BLOCK);
    assertThat(start).as("%s has the block", launcher).isNotNegative();
    int end = text.indexOf("\n# ---", start + BLOCK.length());
    return text.substring(start, end);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "get 019f15a6-a752-826f-b9a2-279e0d16bc46",
        "ls",
        "delete 019f15a6-a752-826f-b9a2-279e0d16bc46",
        "help",
        "--version",
        "--help",
        "--config s3.yaml get 019f15a6-a752-826f-b9a2-279e0d16bc46"
      })
  @DisplayName("short commands start at the first JIT tier, without perf data")
  void shortCommands(String arguments) throws Exception {
    for (List<String> args : launches(arguments, Map.of())) {
      assertThat(args).contains(SHORT, "-XX:-UsePerfData");
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "copy --from a --to b",
        "verify",
        "import x.vcon",
        "export --to out",
        "replay",
        "--json verify --repair"
      })
  @DisplayName("long commands keep the JVM's defaults")
  void longCommands(String arguments) throws Exception {
    for (List<String> args : launches(arguments, Map.of())) {
      assertThat(args).doesNotContain(SHORT, "-XX:-UsePerfData");
    }
  }

  @Test
  @DisplayName("VCON_STORAGE_JAVA_OPTS comes after the launcher's options, before the class path")
  void userOptionsLast() throws Exception {
    Map<String, String> env = Map.of("VCON_STORAGE_JAVA_OPTS", "-XX:TieredStopAtLevel=4 -Xmx64m");
    for (List<String> args : launches("get 019f15a6-a752-826f-b9a2-279e0d16bc46", env)) {
      int ours = args.indexOf(SHORT);
      int users = args.indexOf("-XX:TieredStopAtLevel=4");
      int classPath = Math.max(args.indexOf("-jar"), args.indexOf("-cp"));
      assertThat(ours).as("%s", args).isNotNegative().isLessThan(users);
      assertThat(users).as("%s", args).isLessThan(classPath);
      assertThat(args.get(users + 1)).isEqualTo("-Xmx64m");
    }
  }

  /** The arguments java got from each launcher for {@code arguments}. */
  private List<List<String>> launches(String arguments, Map<String, String> env) throws Exception {
    List<List<String>> all = new ArrayList<>();
    for (Path launcher :
        List.of(repository.resolve("vcon-storage"), distribution.resolve("bin/vcon-storage"))) {
      List<String> command = new ArrayList<>(List.of(launcher.toString()));
      command.addAll(List.of(arguments.split(" ")));
      ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
      pb.environment().keySet().removeIf(k -> k.startsWith("VCON_STORAGE_"));
      pb.environment().put("JAVA_HOME", jdk.toString());
      pb.environment().put("VCON_STORAGE_CDS_DIR", work.resolve("cds").toString());
      pb.environment().putAll(env);
      Path out = work.resolve("out.txt");
      Process p = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      String printed = Files.readString(out, StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as(printed).isZero();
      List<String> args = printed.lines().toList();
      assertThat(args).as("%s ran java", launcher).contains(arguments.split(" ")[0]);
      all.add(args);
    }
    return all;
  }
}
