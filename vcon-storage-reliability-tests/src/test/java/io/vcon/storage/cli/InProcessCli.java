package io.vcon.storage.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs {@code vcon-storage} in-process, as {@code main} would, for the reliability tests. It lives in the CLI's
 * package because {@link CliContext}, {@link StopSignal} and {@link VconStorageCli#execute} are package-private;
 * this keeps the CLI's main code free of a public test hook.
 */
public final class InProcessCli {

  /** Exit code, stdout (bytes: {@code get} writes the vCon's bytes) and stderr. */
  public record Result(int code, byte[] stdout, String stderr) {
    public String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out() + "\n--- stderr\n" + stderr;
    }
  }

  private final Path workDir;
  private final Map<String, String> env;

  /** {@code env} is the whole environment the CLI sees (e.g. VCON_STORAGE_CONFIG and the secret it names). */
  public InProcessCli(Path workDir, Map<String, String> env) {
    this.workDir = workDir;
    this.env = Map.copyOf(env);
  }

  public Result run(String... args) {
    return run(StopSignal.create(), args);
  }

  /** Runs as if Ctrl-C came once {@code items} items had completed: items in flight finish, the rest wait. */
  public Result runStoppingAfter(long items, String... args) {
    return run(StopSignal.afterItems(items), args);
  }

  private Result run(StopSignal stop, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = VconStorageCli.execute(CliContext.of(workDir, env, out, err, stop), args);
    return new Result(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }
}
