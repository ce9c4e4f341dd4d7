package io.vcon.storage.api;

import org.jspecify.annotations.Nullable;

/**
 * The input itself is wrong: an id that is not a valid vCon id, a document that is not a vCon JSON object, a
 * {@code uuid} that disagrees with the requested id, an unparseable {@code created_at}. Thrown before any I/O,
 * so nothing has been written.
 */
public final class InvalidVconException extends VconStorageException {
  private static final long serialVersionUID = 1L;

  /** What was wrong, for callers that branch on it (the message says it in words). */
  public enum Reason {
    INVALID_ID,
    NOT_JSON,
    NOT_AN_OBJECT,
    MISSING_UUID,
    UUID_MISMATCH,
    INVALID_CREATED_AT,
    MISSING_CREATED_AT,
    DUPLICATE_FIELD,
    TOO_LARGE,
    INVALID_ENCODING
  }

  private final Reason reason;

  public InvalidVconException(Reason reason, String message, @Nullable String vconId) {
    this(reason, message, vconId, null);
  }

  public InvalidVconException(
      Reason reason, String message, @Nullable String vconId, @Nullable Throwable cause) {
    super(message, vconId, null, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
