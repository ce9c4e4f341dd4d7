package io.vcon.storage.cli;

import io.vcon.storage.archive.JobErrors;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every command shares: the global options, output writers, and per-item failure bookkeeping. */
abstract class BaseCommand implements Callable<Integer> {

  @ParentCommand VconStorageCli root;

  @Spec CommandSpec spec;

  /** Per-item failures, reported as they happen and again in the JSON summary. Thread-safe. */
  final List<Map<String, Object>> failures = Collections.synchronizedList(new ArrayList<>());

  CliContext context() {
    return root.context;
  }

  PrintWriter out() {
    return root.context.out;
  }

  PrintWriter err() {
    return root.context.err;
  }

  boolean json() {
    return root.json;
  }

  /**
   * Records and prints (on stderr) one item that failed; {@code item} is a file, an id or a key. An error no item
   * survives (no such bucket, credentials denied: {@link JobErrors#isFatal}) is thrown instead, so the command
   * stops with that one message rather than repeating it for every item.
   */
  void failed(String item, Throwable e) {
    if (JobErrors.isFatal(e) && e instanceof RuntimeException fatal) {
      throw fatal;
    }
    String kind = ErrorKind.label(e);
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("item", item);
    f.put("error", kind);
    f.put("message", message);
    failures.add(f);
    synchronized (err()) {
      // On a terminal, clear the progress line first so the report is not glued to it.
      err().println((drawProgress() ? "\r\u001b[K" : "") + kind + ": " + item + ": " + message);
    }
    if (root.verbose()) {
      e.printStackTrace(err());
    }
  }

  Progress progress(String verb) {
    return new Progress(verb, err(), drawProgress());
  }

  /** Whether progress is drawn in place: --[no-]progress, TERM, stderr ({@link Terminal}). */
  boolean drawProgress() {
    return Terminal.drawProgress(root.progress, context().env, () -> context().tty);
  }

  /** A path as the user would write it: relative to the working directory when it is below it. */
  String show(Path path) {
    Path abs = path.toAbsolutePath().normalize();
    return abs.startsWith(context().workDir) && !abs.equals(context().workDir)
        ? context().workDir.relativize(abs).toString()
        : abs.toString();
  }

  /**
   * The {@code --json} summary of a run: {@code command} first, then the command's own fields, then
   * what every bulk command reports the same way ({@code failed}, {@code stopped}, {@code failures}).
   */
  Summary summary(String command) {
    return new Summary(command);
  }

  /** One command's {@code --json} summary, built field by field and printed once. */
  final class Summary {
    private final Map<String, Object> fields = new LinkedHashMap<>();
    private Boolean stopped;

    private Summary(String command) {
      fields.put("command", command);
    }

    Summary put(String name, Object value) {
      fields.put(name, value);
      return this;
    }

    /** Whether the run was stopped early (Ctrl-C, a fatal error); reported after the counts. */
    Summary stopped(boolean stopped) {
      this.stopped = stopped;
      return this;
    }

    /** Prints the fields, then {@code failed}, {@code stopped} (when set) and {@code failures}. */
    void print() {
      Map<String, Object> all = new LinkedHashMap<>(fields);
      all.put("failed", failures.size());
      if (stopped != null) {
        all.put("stopped", stopped);
      }
      all.put("failures", new ArrayList<>(failures));
      printJson(all);
    }

    /** Prints the fields alone, for a command that has no per-item failures (doctor). */
    void printFields() {
      printJson(fields);
    }
  }

  private void printJson(Map<String, Object> summary) {
    out().println(Json.write(summary));
  }

  /** 0 when nothing failed and the run was not stopped early, else 1. */
  int exitCode(boolean stopped) {
    return failures.isEmpty() && !stopped ? VconStorageCli.OK : VconStorageCli.SOME_FAILED;
  }
}
