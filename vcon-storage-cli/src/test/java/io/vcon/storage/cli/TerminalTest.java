package io.vcon.storage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When progress is drawn in place: the rule ({@link Terminal}); child processes on Java 17, 25. */
class TerminalTest {

  /** Where the machines keep the newest JDK; the Java 25 run skips, saying so, without it. */
  static final Path JAVA_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

  @TempDir Path work;

  @Test
  @DisplayName("--progress/--no-progress decide; else TERM=dumb means plain; else stderr decides")
  void rule() {
    Map<String, String> dumb = Map.of("TERM", "dumb");
    Map<String, String> xterm = Map.of("TERM", "xterm-256color");
    assertThat(Terminal.drawProgress(true, dumb::get, () -> false)).isTrue();
    assertThat(Terminal.drawProgress(false, xterm::get, () -> true)).isFalse();
    assertThat(Terminal.drawProgress(null, dumb::get, () -> true)).isFalse();
    assertThat(Terminal.drawProgress(null, xterm::get, () -> true)).isTrue();
    assertThat(Terminal.drawProgress(null, xterm::get, () -> false)).isFalse();
    assertThat(Terminal.drawProgress(null, Map.<String, String>of()::get, () -> true)).isTrue();
  }

  @Test
  @DisplayName("terminals are /dev/pts/N, /dev/ttyN, /dev/console; files, pipes, /dev/null are not")
  void devices() {
    assertThat(Terminal.isTerminalDevice("/dev/pts/3")).isTrue();
    assertThat(Terminal.isTerminalDevice("/dev/tty1")).isTrue();
    assertThat(Terminal.isTerminalDevice("/dev/console")).isTrue();
    assertThat(Terminal.isTerminalDevice("/dev/null")).isFalse();
    assertThat(Terminal.isTerminalDevice("pipe:[12345]")).isFalse();
    assertThat(Terminal.isTerminalDevice("/tmp/err.log")).isFalse();
    assertThat(Terminal.stderrDevice(work.resolve("no-such-link"))).isEmpty();
  }

  @Test
  @DisplayName("Java 17 (this JVM): stderr to a file, no progress drawing; --progress forces it")
  void redirectedStderrOnThisJava() throws Exception {
    assertNoDrawingWhenRedirected(Path.of(System.getProperty("java.home")));
  }

  @Test
  @DisplayName("Java 25: stderr to a file, no progress drawing, whatever System.console() says")
  void redirectedStderrOnJava25() throws Exception {
    assumeTrue(
        Files.isExecutable(JAVA_25.resolve("bin/java")),
        "Skipping the Java 25 run: no JDK at " + JAVA_25 + " on this machine");
    assertNoDrawingWhenRedirected(JAVA_25);
  }

  /**
   * Imports a directory holding one invalid file with stderr going to a file: the failure report is
   * prefixed with the line-clearing {@code \r ESC[K} exactly when progress is drawn, so its absence
   * is the test, with no timing.
   */
  private void assertNoDrawingWhenRedirected(Path javaHome)
      throws IOException, InterruptedException {
    Path in = Files.createDirectories(work.resolve("in"));
    String id = UUID.randomUUID().toString();
    Files.writeString(
        in.resolve("good.json"),
        "{\"uuid\":\"" + id + "\",\"created_at\":\"2024-01-15T10:00:00Z\"}");
    Files.writeString(in.resolve("bad.json"), "{not json", StandardCharsets.UTF_8);
    ChildCli cli = new ChildCli(work, javaHome);

    ChildCli.Run auto = cli.run("import", "in");
    assertThat(auto.code()).as(auto.toString()).isEqualTo(1);
    assertThat(auto.err())
        .contains("invalid (NOT_JSON)")
        .doesNotContain("\r")
        .doesNotContain("\u001b[");

    ChildCli.Run forced = cli.run("--progress", "import", "in");
    assertThat(forced.err()).as("--progress draws even into a file").contains("\r\u001b[K");

    cli.env.put("TERM", "dumb");
    ChildCli.Run dumb = cli.run("import", "in");
    assertThat(dumb.err()).doesNotContain("\r");
    cli.env.remove("TERM");

    // From an interactive shell with 2> file: System.console() exists and says "terminal" (stdin
    // and stdout are one), yet stderr is a file. Where util-linux script is missing, the redirected
    // runs above still ran.
    if (Files.isExecutable(ChildCli.SCRIPT)) {
      cli.env.put("TERM", "xterm");
      ChildCli.Run shell = cli.runWithTerminalStdinStdout("import", "in");
      assertThat(shell.out())
          .as("ran on the pseudo-terminal: %s", shell)
          .contains("imported 1 of 2 files");
      assertThat(shell.err())
          .contains("invalid (NOT_JSON)")
          .doesNotContain("\r")
          .doesNotContain("\u001b[");
    }
  }
}
