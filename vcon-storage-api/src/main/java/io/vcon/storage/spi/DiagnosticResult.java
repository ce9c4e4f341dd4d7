package io.vcon.storage.spi;

import java.util.Objects;

/**
 * The outcome of one check run by {@link Diagnosable#diagnose(DiagnosticOptions)}: which check, how it went, what
 * was found and what to do about it. Neither text ever contains a secret.
 *
 * @param check short stable name of the check, e.g. {@code region}, {@code versioning}, {@code json-module}
 * @param status how the check went
 * @param message what was found, e.g. {@code bucket vcons is in region eu-west-1}
 * @param advice what to do, e.g. {@code set aws_region: eu-west-1}; empty when there is nothing to do
 */
public record DiagnosticResult(String check, Status status, String message, String advice) {

  /** How a check went. */
  public enum Status {
    /** As it should be. */
    OK,
    /** Works, but not as recommended (e.g. bucket versioning off). */
    WARN,
    /** Broken: the store or source will not work like this. */
    FAIL,
    /** The endpoint does not offer what the check asks about (e.g. an S3-compatible server without the API). */
    UNSUPPORTED,
    /** Not run, e.g. a write check without the caller's permission to write; the message says how to run it. */
    SKIPPED
  }

  /**
   * Validates the parts.
   *
   * @throws IllegalArgumentException when the check name or message is blank
   */
  public DiagnosticResult {
    Objects.requireNonNull(status, "status");
    if (check == null || check.isBlank()) {
      throw new IllegalArgumentException("check must not be blank");
    }
    if (message == null || message.isBlank()) {
      throw new IllegalArgumentException("message must not be blank");
    }
    advice = advice == null ? "" : advice;
  }

  /**
   * A check that passed.
   *
   * @param check the check's name
   * @param message what was found
   * @return the result
   */
  public static DiagnosticResult ok(String check, String message) {
    return new DiagnosticResult(check, Status.OK, message, "");
  }

  /**
   * A check that passed with a recommendation.
   *
   * @param check the check's name
   * @param message what was found
   * @param advice what to do
   * @return the result
   */
  public static DiagnosticResult warn(String check, String message, String advice) {
    return new DiagnosticResult(check, Status.WARN, message, advice);
  }

  /**
   * A check that failed.
   *
   * @param check the check's name
   * @param message what was found
   * @param advice what to do
   * @return the result
   */
  public static DiagnosticResult fail(String check, String message, String advice) {
    return new DiagnosticResult(check, Status.FAIL, message, advice);
  }

  /**
   * A check the endpoint cannot answer because it lacks the feature or API.
   *
   * @param check the check's name
   * @param message what is not supported
   * @return the result
   */
  public static DiagnosticResult unsupported(String check, String message) {
    return new DiagnosticResult(check, Status.UNSUPPORTED, message, "");
  }

  /**
   * A check that was not run.
   *
   * @param check the check's name
   * @param message why, and how to run it
   * @return the result
   */
  public static DiagnosticResult skipped(String check, String message) {
    return new DiagnosticResult(check, Status.SKIPPED, message, "");
  }
}
