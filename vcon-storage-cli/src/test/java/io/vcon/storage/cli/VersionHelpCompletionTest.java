package io.vcon.storage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The command line as users expect of a Unix tool: help on every command, a real version,
 * completion.
 */
class VersionHelpCompletionTest {

  @TempDir Path work;

  private CliRunner cli() {
    return new CliRunner(work);
  }

  static Stream<String> commands() {
    return VconStorageCli.commandModel().getSubcommands().keySet().stream();
  }

  @ParameterizedTest(name = "{0} --help and -h")
  @MethodSource("commands")
  @DisplayName(
      "every command shows its usage for --help and -h, even with required options missing")
  void helpOnEveryCommand(String command) {
    for (String flag : List.of("--help", "-h")) {
      var run = cli().run(command, flag);
      assertThat(run.code()).as(run.toString()).isZero();
      assertThat(run.stderr()).as(run.toString()).isEmpty();
      assertThat(run.out()).contains("Usage: vcon-storage " + command).contains("-h, --help");
    }
  }

  @ParameterizedTest(name = "help {0}")
  @MethodSource("commands")
  @DisplayName("help COMMAND keeps working")
  void helpCommand(String command) {
    var run = cli().run("help", command);
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.out()).contains("Usage: vcon-storage " + command);
  }

  @Test
  @DisplayName("a real usage error still exits 2: export without --to")
  void usageErrorStays() {
    var run = cli().run("export");
    assertThat(run.code()).isEqualTo(VconStorageCli.USAGE);
    assertThat(run.stderr()).contains("Missing required option: '--to=DIR'");
  }

  @Test
  @DisplayName("--version prints the POM's version and the commit the build saw")
  void version() throws Exception {
    var run = cli().run("--version");
    assertThat(run.code()).as(run.toString()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0))
        .isEqualTo("vcon-storage " + System.getProperty("vcon.storage.expected.version"));
    assertThat(lines.get(2)).startsWith("Java " + System.getProperty("java.version"));
    String head = gitHead();
    if (head == null) {
      assertThat(lines.get(1)).startsWith("commit unknown (built without git metadata");
    } else {
      assertThat(lines.get(1))
          .startsWith("commit " + head + " (")
          .containsPattern("\\d{4}-\\d\\d-\\d\\dT");
    }
  }

  @Test
  @DisplayName(
      "a build without git says the commit is unknown, and why, instead of printing placeholders")
  void versionWithoutGit() throws IOException {
    Properties unfilled = new Properties();
    unfilled.load(
        new StringReader(
            "version=1.2.3\n"
                + "commit=${git.commit.id}\n"
                + "commit.time=${git.commit.time}\n"
                + "dirty=${git.dirty}\n"));
    String[] lines = new BuildInfo(unfilled).getVersion();
    assertThat(lines[0]).isEqualTo("vcon-storage 1.2.3");
    assertThat(lines[1])
        .isEqualTo(
            "commit unknown (built without git metadata, e.g. from a source archive rather than a"
                + " clone)");
    assertThat(String.join("\n", lines)).doesNotContain("${");

    Properties dirty = new Properties();
    dirty.setProperty("version", "1.2.3");
    dirty.setProperty("commit", "0123456789abcdef0123456789abcdef01234567");
    dirty.setProperty("commit.time", "2026-12-06T03:00:00Z");
    dirty.setProperty("dirty", "true");
    assertThat(new BuildInfo(dirty).getVersion()[1])
        .isEqualTo(
            "commit 0123456789abcdef0123456789abcdef01234567 (2026-12-06T03:00:00Z), "
                + "built with uncommitted changes");
    assertThat(new BuildInfo(new Properties()).getVersion()[0]).isEqualTo("vcon-storage unknown");
  }

  @Test
  @DisplayName("completion prints a script that completes commands and options in a real bash")
  void bashCompletion() throws Exception {
    var run = cli().run("completion");
    assertThat(run.code()).as(run.toString()).isZero();
    String script = run.out();
    assertThat(script).contains("complete -F _complete_vcon-storage");
    assertThat(cli().run("completion", "zsh").out()).isEqualTo(script);
    assertThat(cli().run("completion", "fish").code()).isEqualTo(VconStorageCli.USAGE);

    Path file = Files.writeString(work.resolve("vcon-storage.bash"), script);
    assumeTrue(onPath("bash"), "bash is not installed");
    assertThat(complete("bash", file, "vcon-storage im")).containsExactly("import");
    assertThat(complete("bash", file, "vcon-storage export --t")).containsExactly("--to");
    assertThat(complete("bash", file, "vcon-storage comp")).containsExactly("completion");
  }

  @Test
  @DisplayName("the same script completes in zsh (through bashcompinit)")
  void zshCompletion() throws Exception {
    Path file =
        Files.writeString(work.resolve("vcon-storage.bash"), cli().run("completion", "zsh").out());
    assumeTrue(onPath("zsh"), "zsh is not installed (apt-get install zsh to run this test)");
    // zsh narrows the candidates to the typed prefix itself (compadd); the function offers them.
    assertThat(complete("zsh", file, "vcon-storage ver")).contains("verify").doesNotContain("--to");
    assertThat(complete("zsh", file, "vcon-storage export --t")).contains("--to", "--parallel");
  }

  /**
   * Sources the script in {@code shell} and asks its completion function what follows {@code line}.
   */
  private List<String> complete(String shell, Path script, String line) throws Exception {
    String[] words = line.split(" ");
    // In zsh, bashcompinit runs bash completion functions under "emulate sh" (arrays from 0): do
    // the same.
    String program =
        (shell.equals("zsh")
                ? "autoload -U +X compinit && compinit -u; source "
                    + script
                    + "; t() { emulate -L sh; "
                : "source " + script + "; t() { ")
            + "COMP_LINE='"
            + line
            + "'; COMP_POINT="
            + line.length()
            + "; COMP_WORDS=("
            + line
            + "); COMP_CWORD="
            + (words.length - 1)
            + "; _complete_vcon-storage; printf '%s\\n' \"${COMPREPLY[@]}\"; }; t";
    Process p =
        new ProcessBuilder(shell, "-c", program)
            .directory(work.toFile())
            .redirectError(work.resolve(shell + ".err").toFile())
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(work.resolve(shell + ".err"))).isZero();
    return out.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static boolean onPath(String program) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
  }

  /** The commit checked out where the tests run, or null without git. */
  private static String gitHead() throws Exception {
    if (!onPath("git")) {
      return null;
    }
    Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return p.exitValue() == 0 ? out : null;
  }
}
