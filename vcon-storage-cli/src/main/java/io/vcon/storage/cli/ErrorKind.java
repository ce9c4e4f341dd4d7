package io.vcon.storage.cli;

import io.vcon.storage.api.BackendException;
import io.vcon.storage.api.IntegrityException;
import io.vcon.storage.api.InvalidVconException;
import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.UnsupportedCapabilityException;
import io.vcon.storage.api.VconConflictException;
import io.vcon.storage.api.VconNotFoundException;
import io.vcon.storage.api.VconStorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine.ParameterException;

/**
 * How the command line names an error and which exit code it gives: the one classifier behind per-item
 * failure lines, {@code --json} summaries and the final message. It maps every member of the sealed
 * {@link VconStorageException} family (a test walks {@code getPermittedSubclasses()} so a new member cannot be
 * forgotten; Java 17 has no pattern {@code switch} to check that at compile time).
 */
enum ErrorKind {
  NOT_FOUND("not found", VconStorageCli.SOME_FAILED),
  INVALID("invalid", VconStorageCli.SOME_FAILED),
  INVALID_ID("invalid", VconStorageCli.USAGE),
  BACKEND("backend error", VconStorageCli.SOME_FAILED),
  INTEGRITY("integrity error", VconStorageCli.SOME_FAILED),
  CONFLICT("conflict", VconStorageCli.SOME_FAILED),
  CONFIGURATION("configuration error", VconStorageCli.USAGE),
  UNSUPPORTED("unsupported", VconStorageCli.USAGE),
  USAGE("usage error", VconStorageCli.USAGE),
  UNREADABLE("unreadable", VconStorageCli.SOME_FAILED),
  OTHER("failed", VconStorageCli.SOME_FAILED);

  private final String label;
  private final int exitCode;

  ErrorKind(String label, int exitCode) {
    this.label = label;
    this.exitCode = exitCode;
  }

  static ErrorKind of(Throwable e) {
    if (e instanceof VconNotFoundException) {
      return NOT_FOUND;
    } else if (e instanceof InvalidVconException invalid) {
      return invalid.reason() == InvalidVconException.Reason.INVALID_ID ? INVALID_ID : INVALID;
    } else if (e instanceof BackendException) {
      return BACKEND;
    } else if (e instanceof IntegrityException) {
      return INTEGRITY;
    } else if (e instanceof VconConflictException) {
      return CONFLICT;
    } else if (e instanceof StorageConfigurationException) {
      return CONFIGURATION;
    } else if (e instanceof UnsupportedCapabilityException) {
      return UNSUPPORTED;
    } else if (e instanceof ParameterException) {
      return USAGE;
    } else if (e instanceof IOException || e instanceof UncheckedIOException) {
      return UNREADABLE;
    }
    return OTHER;
  }

  /** The words before the message, e.g. {@code backend error} or {@code invalid (NOT_JSON)}. */
  static String label(Throwable e) {
    ErrorKind kind = of(e);
    return e instanceof InvalidVconException invalid
        ? kind.label + " (" + invalid.reason() + ")"
        : kind.label;
  }

  /** {@code label: message}, as the command line prints an error. */
  static String describe(Throwable e) {
    return label(e)
        + ": "
        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
  }

  int exitCode() {
    return exitCode;
  }
}
