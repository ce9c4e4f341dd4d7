package io.vcon.storage.api;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An object's body and what was recorded beside it when it was written, as the backend found it, unchecked: the
 * content hash (empty for objects written without one, by vcon-server or with {@code content_hash: off}; possibly
 * malformed, see {@link ContentHash#wellFormed()}), and the CRC32C the S3 store records on objects without a hash
 * (a value outside 0..2^32-1 when the recorded text was not a CRC). The store checks both; backends only read them.
 * The array is the caller's to keep.
 */
public record StoredObject(byte[] body, Optional<ContentHash> contentHash, OptionalLong crc32c) {

  public StoredObject {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(contentHash, "contentHash");
    Objects.requireNonNull(crc32c, "crc32c");
  }

  /** A body with the content hash recorded beside it (or none) and no CRC32C. */
  public StoredObject(byte[] body, Optional<ContentHash> contentHash) {
    this(body, contentHash, OptionalLong.empty());
  }

  /** A body with nothing recorded beside it. */
  public static StoredObject unhashed(byte[] body) {
    return new StoredObject(body, Optional.empty(), OptionalLong.empty());
  }
}
