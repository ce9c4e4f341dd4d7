package io.vcon.storage.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * What a run of the CLI gets from its surroundings: the working directory (where {@code
 * ./vcon-data} lives), the environment, the raw standard output ({@code get} writes bytes, not
 * text), text writers for output and diagnostics, whether stderr is a terminal ({@link
 * Terminal#stderrIsTerminal()}), and the stop signal. Tests build their own.
 */
final class CliContext {
  final Path workDir;
  final Function<String, String> env;
  final OutputStream stdout;
  final PrintWriter out;
  final PrintWriter err;
  final boolean tty;
  final StopSignal stop;

  CliContext(
      Path workDir,
      Function<String, String> env,
      OutputStream stdout,
      PrintWriter out,
      PrintWriter err,
      boolean tty,
      StopSignal stop) {
    this.workDir = workDir;
    this.env = env;
    this.stdout = stdout;
    this.out = out;
    this.err = err;
    this.tty = tty;
    this.stop = stop;
  }

  static CliContext of(
      Path workDir,
      Map<String, String> env,
      OutputStream stdout,
      OutputStream stderr,
      StopSignal stop) {
    return new CliContext(
        workDir, env::get, stdout, Texts.writer(stdout), Texts.writer(stderr), false, stop);
  }

  Path resolve(Path path) {
    return workDir.resolve(path).normalize();
  }
}
