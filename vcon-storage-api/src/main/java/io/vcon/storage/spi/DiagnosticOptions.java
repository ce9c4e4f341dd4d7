package io.vcon.storage.spi;

/**
 * What the caller of {@link Diagnosable#diagnose(DiagnosticOptions)} allows.
 *
 * @param writeProbe whether checks may write, read back and delete a probe object outside the vCon
 *     keys (under {@code [prefix/]_doctor/}); without it every check only reads
 * @param cheapOnly whether to run only the cheap checks that say if the component works now
 *     (reachable, credentials accepted, bucket or directory there) and skip the audit of settings;
 *     a health endpoint polls with it. Implementations that make no such distinction may ignore it.
 *     Never combined with a write probe.
 */
public record DiagnosticOptions(boolean writeProbe, boolean cheapOnly) {

  /**
   * Validates the combination.
   *
   * @throws IllegalArgumentException when both {@code writeProbe} and {@code cheapOnly} are set
   */
  public DiagnosticOptions {
    if (writeProbe && cheapOnly) {
      throw new IllegalArgumentException(
          "a quick check never writes: writeProbe and cheapOnly exclude each other");
    }
  }

  /**
   * All checks, writing only with {@code writeProbe}.
   *
   * @param writeProbe whether checks may write a probe object
   */
  public DiagnosticOptions(boolean writeProbe) {
    this(writeProbe, false);
  }

  /**
   * Checks that only read.
   *
   * @return options without the write probe
   */
  public static DiagnosticOptions readOnly() {
    return new DiagnosticOptions(false, false);
  }

  /**
   * Checks that may also write, read and delete a probe object.
   *
   * @return options with the write probe
   */
  public static DiagnosticOptions withWriteProbe() {
    return new DiagnosticOptions(true, false);
  }

  /**
   * Only the cheap checks a health endpoint runs: reachable, credentials accepted, bucket or
   * directory there.
   *
   * @return options for a quick, read-only check
   */
  public static DiagnosticOptions quick() {
    return new DiagnosticOptions(false, true);
  }
}
