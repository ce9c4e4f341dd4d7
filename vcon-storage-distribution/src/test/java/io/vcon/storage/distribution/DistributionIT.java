package io.vcon.storage.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archives as a user gets them: unpacked with {@code tar}, the launcher run as a new process
 * from the unpacked {@code bin/}, in an empty working directory, as the README's Install section
 * says.
 */
class DistributionIT {
  static final String SAMPLE_ID = "019f15a6-a752-826f-b9a2-279e0d16bc46";

  @TempDir static Path unpacked;

  static Path home;

  @BeforeAll
  static void untar() throws Exception {
    Path tar = Path.of(System.getProperty("dist.archive.base") + ".tar.gz");
    assertThat(tar).isRegularFile();
    Run run = exec(unpacked, Map.of(), "tar", "xzf", tar.toString());
    assertThat(run.code()).as(run.toString()).isZero();
    home = unpacked.resolve(System.getProperty("dist.name"));
  }

  record Run(int code, String out, String err) {}

  @Test
  @DisplayName(
      "the archive holds bin (executable), lib, man pages per command, completion, LICENSE, README")
  void layout() throws IOException {
    Path launcher = home.resolve("bin/vcon-storage");
    assertThat(launcher).isRegularFile();
    assertThat(Files.getPosixFilePermissions(launcher)).contains(PosixFilePermission.OWNER_EXECUTE);
    assertThat(Files.readString(home.resolve("bin/vcon-storage.bat"))).contains("\r\n");
    assertThat(home.resolve("LICENSE")).content().contains("Apache License");
    assertThat(home.resolve("README.md")).content().contains("## Install");
    try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
      List<String> names = jars.map(p -> p.getFileName().toString()).toList();
      String version = System.getProperty("dist.version");
      assertThat(names)
          .contains("vcon-storage-cli-" + version + ".jar", "vcon-storage-s3-" + version + ".jar")
          .noneMatch(
              n -> n.startsWith("picocli-codegen") || n.startsWith("vcon-storage-distribution"));
    }
    String page = Files.readString(home.resolve("man/man1/vcon-storage.1"));
    assertThat(page).contains(".TH \"VCON\\-STORAGE\"").contains("import");
    for (String command :
        List.of("import", "ls", "get", "copy", "verify", "doctor", "completion")) {
      assertThat(home.resolve("man/man1/vcon-storage-" + command + ".1")).isRegularFile();
    }
    assertThat(home.resolve("completion/vcon-storage.bash"))
        .content()
        .contains("complete -F _complete_vcon-storage");
  }

  @Test
  @DisplayName("the zip holds the same files as the tar.gz")
  void zipMatchesTar() throws IOException {
    TreeSet<String> inZip = new TreeSet<>();
    try (InputStream in =
            Files.newInputStream(Path.of(System.getProperty("dist.archive.base") + ".zip"));
        ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        if (!e.isDirectory()) {
          inZip.add(e.getName());
        }
      }
    }
    TreeSet<String> inTar = new TreeSet<>();
    try (Stream<Path> files = Files.walk(home)) {
      files.filter(Files::isRegularFile).forEach(p -> inTar.add(unpacked.relativize(p).toString()));
    }
    assertThat(inZip).isEqualTo(inTar);
  }

  @Test
  @DisplayName("bin/vcon-storage --version prints the version and the commit")
  void version(@TempDir Path work) throws Exception {
    Run run = exec(work, Map.of(), home.resolve("bin/vcon-storage").toString(), "--version");
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.out().lines().toList().get(0))
        .isEqualTo("vcon-storage " + System.getProperty("dist.version"));
    assertThat(run.out().lines().toList().get(1)).startsWith("commit ");
  }

  @Test
  @DisplayName(
      "the README's first command from the unpacked archive, through a symlink on the PATH")
  void firstCommand(@TempDir Path work) throws Exception {
    Path samples = Path.of(System.getProperty("dist.samples"));
    // Install as the README says: bin on the PATH; here a link to the launcher, which must follow
    // it.
    Path pathDir = Files.createDirectories(work.resolve("path"));
    Files.createSymbolicLink(pathDir.resolve("vcon-storage"), home.resolve("bin/vcon-storage"));
    Map<String, String> env = Map.of("PATH", pathDir + ":" + System.getenv("PATH"));
    Path cwd = Files.createDirectories(work.resolve("cwd"));

    Run imported = onPath(cwd, env, "import", samples.toString());
    assertThat(imported.code()).as(imported.toString()).isZero();
    assertThat(imported.out()).contains("imported 13 of 13 files into local");
    Run ls = onPath(cwd, env, "ls");
    assertThat(ls.code()).as(ls.toString()).isZero();
    assertThat(ls.out().lines()).hasSize(8).anyMatch(l -> l.endsWith("  " + SAMPLE_ID));
    Run get = onPath(cwd, env, "get", SAMPLE_ID);
    assertThat(get.code()).as(get.toString()).isZero();
    assertThat(get.out().getBytes(StandardCharsets.UTF_8))
        .isEqualTo(Files.readAllBytes(samples.resolve("ab_call_ext_rec_with_redact.vcon")));
    assertThat(cwd.resolve("vcon-data/lookup/" + SAMPLE_ID + ".txt")).exists();
  }

  /** Runs {@code vcon-storage ARGS} as a shell finds it on {@code env}'s PATH. */
  private static Run onPath(Path dir, Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("sh", "-c", "exec vcon-storage \"$@\"", "sh"));
    command.addAll(List.of(args));
    return exec(dir, env, command.toArray(String[]::new));
  }

  private static Run exec(Path dir, Map<String, String> env, String... command) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(new ArrayList<>(List.of(command))).directory(dir.toFile());
    pb.environment().remove("VCON_STORAGE_CONFIG");
    pb.environment().putAll(env);
    Path out = Files.createTempFile("dist-out", ".txt");
    Path err = Files.createTempFile("dist-err", ".txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished", List.of(command)).isTrue();
    Run run = new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    Files.delete(out);
    Files.delete(err);
    return run;
  }
}
