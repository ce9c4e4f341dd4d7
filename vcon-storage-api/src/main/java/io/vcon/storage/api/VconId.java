package io.vcon.storage.api;

import io.vcon.storage.internal.Texts;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The id of a vCon, validated before it can reach any key, path or query. An instance is always safe as one
 * segment of an object key: vcon-server turns {@code ../../etc/passwd} into a key, this type refuses it.
 */
public final class VconId implements Comparable<VconId> {

  private static final Pattern CANONICAL_UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern PATH_SAFE_TOKEN =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private final String value;

  private VconId(String value) {
    this.value = value;
  }

  /** A canonical UUID id (the default policy). */
  public static VconId of(String value) {
    return of(value, IdPolicy.UUID);
  }

  /**
   * An id under the given policy.
   *
   * @throws InvalidVconException (reason {@code INVALID_ID}) quoting the rejected text, escaped
   */
  public static VconId of(String value, IdPolicy policy) {
    if (value == null) {
      throw new InvalidVconException(
          InvalidVconException.Reason.INVALID_ID, "vCon id is missing (null).", null);
    }
    boolean valid =
        switch (policy) {
          case UUID -> CANONICAL_UUID.matcher(value).matches();
          case TOKEN -> PATH_SAFE_TOKEN.matcher(value).matches();
        };
    if (!valid) {
      String shown = Texts.quote(value);
      String expected =
          policy == IdPolicy.UUID
              ? "a canonical UUID (8-4-4-4-12 hex digits); set id_policy: token to accept other"
                  + " path-safe ids"
              : "a UUID or a path-safe token of 1 to 128 characters [A-Za-z0-9._-] starting with a"
                  + " letter or digit";
      throw new InvalidVconException(
          InvalidVconException.Reason.INVALID_ID,
          "Invalid vCon id " + shown + ": expected " + expected + ". Nothing was read or written.",
          Texts.truncate(value));
    }
    return new VconId(value);
  }

  /** Whether {@code value} would be accepted by {@link #of(String, IdPolicy)}, without building an exception. */
  public static boolean isValid(String value, IdPolicy policy) {
    if (value == null) {
      return false;
    }
    return policy == IdPolicy.UUID
        ? CANONICAL_UUID.matcher(value).matches()
        : PATH_SAFE_TOKEN.matcher(value).matches();
  }

  public String value() {
    return value;
  }

  public boolean isUuid() {
    return CANONICAL_UUID.matcher(value).matches();
  }

  /**
   * The creation time encoded in a UUIDv7 or v8 id's first 48 bits (Unix milliseconds), as the vCon draft
   * recommends; empty for other ids. Used to find objects in old buckets that have no lookup pointer.
   */
  public Optional<Instant> embeddedTimestamp() {
    if (!isUuid()) {
      return Optional.empty();
    }
    char version = value.charAt(14);
    if (version != '7' && version != '8') {
      return Optional.empty();
    }
    long millis = Long.parseLong(value.substring(0, 8) + value.substring(9, 13), 16);
    return Optional.of(Instant.ofEpochMilli(millis));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof VconId id && id.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public int compareTo(VconId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
