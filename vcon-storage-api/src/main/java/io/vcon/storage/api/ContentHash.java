package io.vcon.storage.api;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The SHA-512 of a stored vCon's exact bytes in the vCon draft's {@code content_hash} form: {@code sha512-}
 * followed by the digest in base64url without padding (86 characters). Recorded beside every object a store
 * writes and checked on every read, so altered bytes are refused rather than returned.
 */
public final class ContentHash {

  private static final String PREFIX = "sha512-";
  // 64 bytes in base64url without padding: 85 full characters and one that carries only 2 bits (A,
  // Q, g or w).
  private static final Pattern FORM = Pattern.compile("sha512-[A-Za-z0-9_-]{85}[AQgw]");
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private final String value;

  private ContentHash(String value) {
    this.value = value;
  }

  /** The hash of {@code body}'s remaining bytes; the buffer's position is left alone. */
  public static ContentHash sha512(ByteBuffer body) {
    MessageDigest digest = newDigest();
    digest.update(body.duplicate());
    return new ContentHash(PREFIX + ENCODER.encodeToString(digest.digest()));
  }

  public static ContentHash sha512(byte[] body) {
    MessageDigest digest = newDigest();
    digest.update(body);
    return new ContentHash(PREFIX + ENCODER.encodeToString(digest.digest()));
  }

  /**
   * The hash a backend found recorded beside an object, as it was stored: possibly not a {@code sha512-} value at
   * all (tampered with). Such a value matches no bytes; the store refuses the object ({@link #wellFormed()}).
   */
  public static ContentHash recorded(String text) {
    return new ContentHash(Objects.requireNonNull(text, "text"));
  }

  /** Whether this is a {@code sha512-} content hash; only {@link #recorded} values can be malformed. */
  public boolean wellFormed() {
    return FORM.matcher(value).matches();
  }

  /** The hash {@code text} spells, or empty when it is not a {@code sha512-} content hash. */
  public static Optional<ContentHash> parse(String text) {
    return text != null && FORM.matcher(text).matches()
        ? Optional.of(new ContentHash(text))
        : Optional.empty();
  }

  /** Whether {@code body} hashes to this value. */
  public boolean matches(byte[] body) {
    return equals(sha512(body));
  }

  /** The {@code sha512-...} text, as stored in metadata. */
  public String value() {
    return value;
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-512 (MessageDigest's documented requirements).
      throw new IllegalStateException("SHA-512 is not available", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ContentHash other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
