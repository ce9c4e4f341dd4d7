package io.vcon.storage.api;

import java.util.Objects;
import java.util.Optional;

/**
 * An object's body and the content hash recorded beside it when it was written; empty for objects written
 * without one (by vcon-server, or by a store with {@code content_hash: off}). The array is the caller's to keep.
 */
public record StoredObject(byte[] body, Optional<ContentHash> contentHash) {

  public StoredObject {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(contentHash, "contentHash");
  }

  /** A body with no recorded hash. */
  public static StoredObject unhashed(byte[] body) {
    return new StoredObject(body, Optional.empty());
  }
}
