package io.vcon.storage.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A fresh JVM for what cannot change inside a running one: its environment. The AWS SDK reads its
 * default credentials chain from environment variables, so tests of that chain run the code under
 * test in a child with a controlled environment: none of the parent's {@code AWS_*} variables, no
 * profile files, no instance metadata lookups, plus what the test sets.
 */
public final class ChildJvm {

  /** Exit code, standard output and standard error of a finished child. */
  public record Result(int exitCode, String out, String err) {}

  private ChildJvm() {}

  /** The java launcher of this JVM. */
  public static String java() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /**
   * Runs {@code java args...} in {@code dir} with the isolated environment plus {@code env}, and
   * waits for it.
   *
   * @throws IllegalStateException when it has not ended within two minutes
   */
  public static Result run(Path dir, Map<String, String> env, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    Map<String, String> environment = pb.environment();
    environment.keySet().removeIf(k -> k.startsWith("AWS_") || k.equals("VCON_STORAGE_CONFIG"));
    environment.put("AWS_CONFIG_FILE", dir.resolve("no-aws-config").toString());
    environment.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-aws-credentials").toString());
    environment.put("AWS_EC2_METADATA_DISABLED", "true");
    environment.putAll(env);
    Path out = dir.resolve("child-stdout.txt");
    Path err = dir.resolve("child-stderr.txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    try {
      Process p = pb.start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("child JVM " + args + " did not end within 120 s");
      }
      return new Result(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a child JVM", e);
    }
  }
}
