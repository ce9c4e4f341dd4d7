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

  /**
   * The size, recorded content hash and entity tag of the object under {@code key}, without its body where the
   * store can (a HEAD request, a file's attributes); empty when there is none. This default reads the body.
   */
  default Optional<ObjectInfo> stat(String key) {
    return readStored(key).map(stored -> ObjectInfo.of(key, stored));
  }

  /**
   * As {@link #list(String)}, with what the listing says about each object (size and ETag on S3); keys only where
   * the listing says nothing more. Close the stream.
   */
  default Stream<ObjectInfo> listInfo(String keyPrefix) {
    return list(keyPrefix).map(ObjectInfo::keyOnly);
  }

  /**
   * Copies the vCon object {@code source} (listed or {@linkplain #stat stat}ed in {@code from}) to {@code key} in
   * this store without the bytes passing through this process, where both stores can (S3 CopyObject within one
   * endpoint and account). The copy carries the source's recorded content hash, so a store that records hashes
   * copies only objects that have one. False, with nothing written, when the bytes must be read and written
   * instead; this default always answers false.
   */
  default boolean copyFrom(RawObjects from, ObjectInfo source, String key) {
    return false;
  }
}
