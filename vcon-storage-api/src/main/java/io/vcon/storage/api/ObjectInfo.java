package io.vcon.storage.api;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * What a store knows about one object without reading its body: its size, the content hash recorded
 * beside it and the backend's entity tag, each where the backend can tell (a listing gives size and
 * ETag, a HEAD adds the recorded hash). {@code copy} compares these to skip a vCon already
 * identical at the destination without downloading it.
 */
public record ObjectInfo(
    String key, OptionalLong size, Optional<ContentHash> contentHash, Optional<String> etag) {

  /**
   * A plain MD5 entity tag (a single-part upload without SSE-KMS): equal tags then mean equal
   * bytes.
   */
  private static final Pattern MD5_ETAG = Pattern.compile("[0-9a-f]{32}");

  public ObjectInfo {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(size, "size");
    Objects.requireNonNull(contentHash, "contentHash");
    Objects.requireNonNull(etag, "etag");
    etag = etag.map(ObjectInfo::unquote);
  }

  /** Only the key: nothing known about the object itself (a listing that gives names only). */
  public static ObjectInfo keyOnly(String key) {
    return new ObjectInfo(key, OptionalLong.empty(), Optional.empty(), Optional.empty());
  }

  /** What a read of the whole object tells: its size and recorded hash. */
  public static ObjectInfo of(String key, StoredObject stored) {
    return new ObjectInfo(
        key, OptionalLong.of(stored.body().length), stored.contentHash(), Optional.empty());
  }

  /** Whether nothing but the key is known. */
  public boolean isKeyOnly() {
    return size.isEmpty() && contentHash.isEmpty() && etag.isEmpty();
  }

  /**
   * Whether this object and {@code other} (possibly in another store) hold the same bytes, as far
   * as their descriptions can tell: {@link Sameness#UNKNOWN} when only the bytes can decide.
   */
  public Sameness compareTo(ObjectInfo other) {
    if (size.isPresent() && other.size.isPresent() && size.getAsLong() != other.size.getAsLong()) {
      return Sameness.DIFFERENT;
    }
    if (contentHash.isPresent() && other.contentHash.isPresent()) {
      return contentHash.get().equals(other.contentHash.get()) ? Sameness.SAME : Sameness.DIFFERENT;
    }
    Optional<String> mine = etag.filter(e -> MD5_ETAG.matcher(e).matches());
    Optional<String> theirs = other.etag.filter(e -> MD5_ETAG.matcher(e).matches());
    if (mine.isPresent() && theirs.isPresent()) {
      return mine.get().equals(theirs.get()) ? Sameness.SAME : Sameness.DIFFERENT;
    }
    return Sameness.UNKNOWN;
  }

  /** The answer of {@link #compareTo(ObjectInfo)}. */
  public enum Sameness {
    SAME,
    DIFFERENT,
    /** The descriptions cannot tell; compare the bytes. */
    UNKNOWN
  }

  private static String unquote(String etag) {
    String t = etag.strip();
    if (t.startsWith("W/")) {
      t = t.substring(2);
    }
    if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
      t = t.substring(1, t.length() - 1);
    }
    return t.toLowerCase(Locale.ROOT);
  }
}
