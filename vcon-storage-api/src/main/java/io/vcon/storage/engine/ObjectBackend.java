package io.vcon.storage.engine;

import io.vcon.storage.api.Capability;
import io.vcon.storage.api.ContentHash;
import io.vcon.storage.api.ObjectInfo;
import io.vcon.storage.api.StoredObject;
import io.vcon.storage.api.UnsupportedCapabilityException;
import io.vcon.storage.api.VconId;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A flat key → bytes space: an S3 bucket, a directory, a map. An adapter that implements this gets the whole
 * vcon-server layout (date folders, lookup pointers written last, legacy fallbacks) from {@link ObjectVconStore},
 * so the rules that make buckets interoperable are written once.
 *
 * <p>Errors are thrown as {@code BackendException}s naming the key; absence is an empty result, not an error.
 */
public interface ObjectBackend extends AutoCloseable {

  /** What is written where: content type and the like may differ between the two. */
  enum ObjectKind {
    /** A vCon document ({@code application/vcon+json}). */
    VCON,
    /** A lookup pointer: the ASCII date path ({@code text/plain}). */
    POINTER
  }

  /** Describes the backend for messages, e.g. {@code s3://bucket}; never contains a secret. */
  String describe();

  /** The body under {@code key}, or empty when there is none. */
  Optional<byte[]> read(String key);

  /** Writes {@code body} under {@code key} completely or not at all. {@code body} is read-only; do not keep it. */
  void write(String key, ByteBuffer body, ObjectKind kind);

  boolean exists(String key);

  /** Removes {@code key}; removing an absent key is not an error. */
  void delete(String key);

  /**
   * The optional abilities: {@code LIST_BY_DATE} and {@code RAW_OBJECTS} mean {@link #list(String)} works,
   * {@code CONDITIONAL_WRITE} means {@link #writeIfAbsent}, {@code BATCH_DELETE} means {@link #deleteAll},
   * {@code CONTENT_HASH} means the hash-recording {@code write}, {@code writeIfAbsent} and {@link #readStored}.
   * None by default: a backend that only reads, writes, checks and deletes keys is a complete backend.
   */
  default Set<Capability> capabilities() {
    return Set.of();
  }

  /** Keys starting with {@code keyPrefix}, in ascending order. Close the stream. */
  default Stream<String> list(String keyPrefix) {
    throw new UnsupportedCapabilityException(Capability.RAW_OBJECTS, describe());
  }

  /** Writes only if {@code key} does not exist; false (nothing written) when it does. */
  default boolean writeIfAbsent(String key, ByteBuffer body, ObjectKind kind) {
    throw new UnsupportedCapabilityException(Capability.CONDITIONAL_WRITE, describe());
  }

  /**
   * Writes {@code body} as {@link #write(String, ByteBuffer, ObjectKind)} does, and records {@code hash} beside it
   * in the same atomic step (S3 user metadata in the same PUT; a file store must not leave new bytes with an old
   * hash). Backends declaring {@code CONTENT_HASH} implement this and the two methods below.
   */
  default void write(String key, ByteBuffer body, ObjectKind kind, ContentHash hash) {
    throw new UnsupportedCapabilityException(Capability.CONTENT_HASH, describe());
  }

  /** {@link #writeIfAbsent(String, ByteBuffer, ObjectKind)} recording {@code hash} beside the body. */
  default boolean writeIfAbsent(String key, ByteBuffer body, ObjectKind kind, ContentHash hash) {
    throw new UnsupportedCapabilityException(Capability.CONTENT_HASH, describe());
  }

  /**
   * The body under {@code key} with the hash recorded beside it (none for objects written without one), or empty
   * when there is no object. Not checked here: {@link ObjectVconStore} compares, so every backend checks alike.
   */
  default Optional<StoredObject> readStored(String key) {
    return read(key).map(StoredObject::unhashed);
  }

  /**
   * Keys where this backend finds objects of vCon {@code id} that its layout does not predict, e.g. a
   * directory tree filed by hand or by vcon-server's {@code storage.file} without pointers. The engine asks only
   * after the lookup pointer and the layout's fallback keys found nothing (and on delete, to remove every copy).
   * None by default; a search may be slow (a tree walk), so a backend offers it only where it is wanted.
   */
  default List<String> search(VconId id) {
    return List.of();
  }

  /** Removes many keys in few requests. */
  default void deleteAll(Collection<String> keys) {
    throw new UnsupportedCapabilityException(Capability.BATCH_DELETE, describe());
  }

  /**
   * The object's size, recorded content hash and entity tag, where known, without reading its body where the
   * backend can (S3: a HEAD; a directory: the file's size and attribute); empty when there is no object. Lets
   * {@code copy} skip a vCon already identical at the destination without downloading it. This default reads the
   * body; a backend that can describe an object more cheaply overrides it.
   */
  default Optional<ObjectInfo> stat(String key) {
    return readStored(key).map(stored -> ObjectInfo.of(key, stored));
  }

  /**
   * As {@link #list(String)}, with what the listing says about each object (S3: size and ETag). This default gives
   * the keys only.
   */
  default Stream<ObjectInfo> listInfo(String keyPrefix) {
    return list(keyPrefix).map(ObjectInfo::keyOnly);
  }

  /**
   * Copies {@code source}, an object of {@code from}, to {@code key} here without the bytes passing through this
   * process (S3 CopyObject within one endpoint and account), with its metadata: content type and recorded content
   * hash; when {@code source} names an entity tag, only that version. False, with nothing written, when this
   * backend cannot copy from {@code from}: this default always answers false, and {@code copy} reads and writes.
   */
  default boolean copyFrom(ObjectBackend from, ObjectInfo source, String key) {
    return false;
  }

  @Override
  void close();
}
