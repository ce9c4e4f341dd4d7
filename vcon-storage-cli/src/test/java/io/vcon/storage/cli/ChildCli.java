package io.vcon.storage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The command line's {@code main} in a child JVM (any Java home), working directory {@code
 * workDir}, stdout and stderr redirected to files, as a shell with {@code > out 2> err} would run
 * it; for what only a real process shows: log lines, and whether stderr is taken for a terminal.
 */
final class ChildCli {
  final Path workDir;
  final Path javaHome;
  final Map<String, String> env = new HashMap<>();

  ChildCli(Path workDir, Path javaHome) {
    this.workDir = workDir;
    this.javaHome = javaHome;
  }

  record Run(int code, String out, String err) {}

  Run run(String... args) throws IOException, InterruptedException {
    return start(javaCommand(args));
  }

  /** util-linux {@code script}, which gives a command a pseudo-terminal; absent on some systems. */
  static final Path SCRIPT = Path.of("/usr/bin/script");

  /**
   * As {@link #run} from an interactive shell with {@code 2> file}: stdin and stdout on a
   * pseudo-terminal (made by {@code script}), stderr to a file. The case a console-based test gets
   * wrong: {@code System.console()} is there, and says terminal, while stderr is a file. {@link
   * Run#out()} holds what the terminal showed.
   */
  Run runWithTerminalStdinStdout(String... args) throws IOException, InterruptedException {
    Path err = workDir.resolve("child-tty-stderr.txt");
    StringBuilder shell = new StringBuilder();
    for (String part : javaCommand(args)) {
      shell.append(quote(part)).append(' ');
    }
    shell.append("2>").append(quote(err.toString()));
    Run run = start(List.of(SCRIPT.toString(), "-qec", shell.toString(), "/dev/null"));
    return new Run(run.code(), run.out(), Files.readString(err, StandardCharsets.UTF_8));
  }

  private static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }

  private List<String> javaCommand(String... args) {
    List<String> command = new ArrayList<>();
    command.add(javaHome.resolve("bin").resolve("java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(VconStorageCli.class.getName());
    command.addAll(List.of(args));
    return command;
  }

  private Run start(List<String> command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
    pb.environment().remove(Session.CONFIG_ENV);
    pb.environment().remove("TERM");
    pb.environment().putAll(env);
    Path out = workDir.resolve("child-stdout.txt");
    Path err = workDir.resolve("child-stderr.txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("child finished").isTrue();
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
