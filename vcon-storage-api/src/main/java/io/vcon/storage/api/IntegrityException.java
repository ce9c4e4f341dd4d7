package io.vcon.storage.api;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A stored object does not hash to the content hash recorded when it was written: its bytes were altered at rest
 * (or, with {@code content_hash: require}, it carries no hash at all). Nothing was returned. Retrying does not
 * help; restore the object from a backup or replica, and run {@code vcon-storage verify} to find others.
 */
public final class IntegrityException extends VconStorageException {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final @Nullable String expected;
  private final String actual;

  public IntegrityException(
      String message,
      @Nullable String vconId,
      @Nullable String store,
      String key,
      @Nullable String expected,
      String actual) {
    super(message, vconId, store, null);
    this.key = key;
    this.expected = expected;
    this.actual = actual;
  }

  /**
   * The error for a recorded hash that is not a {@code sha512-} value: tampered with, as bad as a wrong one.
   * {@code where} says where the object and its hash live (e.g. "S3 object K in bucket B at E"); the text
   * shown is cut at 100 characters.
   */
  public static IntegrityException malformedHash(
      String where,
      @Nullable String vconId,
      String store,
      String key,
      String recorded,
      byte[] body) {
    String shown = recorded.length() > 100 ? recorded.substring(0, 100) + "..." : recorded;
    return new IntegrityException(
        where
            + " carries the recorded content hash '"
            + shown
            + "', which is not a sha512- content hash: the object or its hash was altered. Nothing"
            + " was returned; restore it from a backup or replica",
        vconId,
        store,
        key,
        shown,
        ContentHash.sha512(body).value());
  }

  /** The object's key in the store. */
  public String key() {
    return key;
  }

  /** The hash recorded when the object was written; empty when it carries none. */
  public Optional<String> expected() {
    return Optional.ofNullable(expected);
  }

  /** The hash of the bytes read now. */
  public String actual() {
    return actual;
  }
}
