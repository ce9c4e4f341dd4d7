package io.vcon.storage.api;

import io.vcon.storage.api.key.KeyStrategy;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The objects and lookup pointers of a store as keys and bodies, below the vCon abstraction: what verify and
 * repair tools and the TCK's layout checks need. Writes here bypass validation; use them to repair, not to save.
 */
public interface RawObjects {

  /** The layout the store writes with. */
  KeyStrategy keys();

  /** Every key that starts with {@code keyPrefix}, in ascending order. Close the stream. */
  Stream<String> list(String keyPrefix);

  Optional<byte[]> read(String key);

  /**
   * The body under {@code key} with the content hash recorded beside it, unchecked: what {@code verify} compares.
   * Stores without {@link Capability#CONTENT_HASH} return no hash.
   */
  default Optional<StoredObject> readStored(String key) {
    return read(key).map(StoredObject::unhashed);
  }

  /**
   * Writes {@code body} as is. On a store with {@link Capability#CONTENT_HASH}, a vCon object written here gets the
   * hash of these bytes: this is how a repair vouches for the bytes it keeps, so read them from a trusted copy.
   */
  void write(String key, byte[] body);

  void delete(String key);
}
