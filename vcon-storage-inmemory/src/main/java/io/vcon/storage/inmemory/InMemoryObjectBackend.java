package io.vcon.storage.inmemory;

import io.vcon.storage.api.Capability;
import io.vcon.storage.api.ContentHash;
import io.vcon.storage.api.StoredObject;
import io.vcon.storage.engine.ObjectBackend;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

/** Keys and bodies in a sorted concurrent map: the smallest backend that behaves like a bucket. */
final class InMemoryObjectBackend implements ObjectBackend {

  static final Set<Capability> CAPABILITIES =
      Set.of(
          Capability.LIST_BY_DATE,
          Capability.CONDITIONAL_WRITE,
          Capability.BATCH_DELETE,
          Capability.RAW_OBJECTS,
          Capability.CONTENT_HASH);

  /** A body and the hash recorded with it (null when written without one), replaced together. */
  private record Entry(byte[] body, ContentHash hash) {}

  private final ConcurrentSkipListMap<String, Entry> objects = new ConcurrentSkipListMap<>();
  private final String name;

  InMemoryObjectBackend(String name) {
    this.name = name;
  }

  @Override
  public String describe() {
    return name;
  }

  @Override
  public Optional<byte[]> read(String key) {
    Entry entry = objects.get(key);
    return entry == null ? Optional.empty() : Optional.of(entry.body().clone());
  }

  @Override
  public Optional<StoredObject> readStored(String key) {
    Entry entry = objects.get(key);
    return entry == null
        ? Optional.empty()
        : Optional.of(new StoredObject(entry.body().clone(), Optional.ofNullable(entry.hash())));
  }

  @Override
  public void write(String key, ByteBuffer body, ObjectKind kind) {
    objects.put(key, new Entry(copy(body), null));
  }

  @Override
  public void write(String key, ByteBuffer body, ObjectKind kind, ContentHash hash) {
    objects.put(key, new Entry(copy(body), hash));
  }

  @Override
  public boolean writeIfAbsent(String key, ByteBuffer body, ObjectKind kind) {
    return objects.putIfAbsent(key, new Entry(copy(body), null)) == null;
  }

  @Override
  public boolean writeIfAbsent(String key, ByteBuffer body, ObjectKind kind, ContentHash hash) {
    return objects.putIfAbsent(key, new Entry(copy(body), hash)) == null;
  }

  /**
   * Replaces the bytes under {@code key} but keeps the hash recorded with the old ones: what a disk or an operator
   * altering an object at rest does. For tests of integrity checks; false when there is no such key.
   */
  boolean alterAtRest(String key, byte[] body) {
    return objects.computeIfPresent(key, (k, e) -> new Entry(body.clone(), e.hash())) != null;
  }

  private static byte[] copy(ByteBuffer body) {
    byte[] bytes = new byte[body.remaining()];
    body.duplicate().get(bytes);
    return bytes;
  }

  @Override
  public boolean exists(String key) {
    return objects.containsKey(key);
  }

  @Override
  public void delete(String key) {
    objects.remove(key);
  }

  @Override
  public void deleteAll(Collection<String> keys) {
    keys.forEach(objects::remove);
  }

  @Override
  public Stream<String> list(String keyPrefix) {
    // A snapshot, so callers may write while they iterate, as they may while paging an S3 listing.
    return objects.tailMap(keyPrefix).keySet().stream()
        .takeWhile(k -> k.startsWith(keyPrefix))
        .toList()
        .stream();
  }

  @Override
  public Set<Capability> capabilities() {
    return CAPABILITIES;
  }

  @Override
  public void close() {
    objects.clear();
  }
}
