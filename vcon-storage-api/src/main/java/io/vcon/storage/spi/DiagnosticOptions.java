package io.vcon.storage.spi;

/**
 * What the caller of {@link Diagnosable#diagnose(DiagnosticOptions)} allows.
 *
 * @param writeProbe whether checks may write, read back and delete a probe object outside the vCon keys (under
 *     {@code [prefix/]_doctor/}); without it every check only reads
 */
public record DiagnosticOptions(boolean writeProbe) {

  /**
   * Checks that only read.
   *
   * @return options without the write probe
   */
  public static DiagnosticOptions readOnly() {
    return new DiagnosticOptions(false);
  }

  /**
   * Checks that may also write, read and delete a probe object.
   *
   * @return options with the write probe
   */
  public static DiagnosticOptions withWriteProbe() {
    return new DiagnosticOptions(true);
  }
}
