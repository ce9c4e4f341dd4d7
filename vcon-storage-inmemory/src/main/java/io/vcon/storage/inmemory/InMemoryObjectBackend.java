package io.vcon.storage.inmemory;

import io.vcon.storage.api.Capability;
import io.vcon.storage.spi.ObjectBackend;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

/** Keys and bodies in a sorted concurrent map: the smallest backend that behaves like a bucket. */
final class InMemoryObjectBackend implements ObjectBackend {

  private static final Set<Capability> CAPABILITIES =
      Set.of(Capability.LIST_BY_DATE, Capability.CONDITIONAL_WRITE, Capability.BATCH_DELETE, Capability.RAW_OBJECTS);

  private final ConcurrentSkipListMap<String, byte[]> objects = new ConcurrentSkipListMap<>();
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
    byte[] body = objects.get(key);
    return body == null ? Optional.empty() : Optional.of(body.clone());
  }

  @Override
  public void write(String key, ByteBuffer body, ObjectKind kind) {
    objects.put(key, copy(body));
  }

  @Override
  public boolean writeIfAbsent(String key, ByteBuffer body, ObjectKind kind) {
    return objects.putIfAbsent(key, copy(body)) == null;
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
    return objects.tailMap(keyPrefix).keySet().stream().takeWhile(k -> k.startsWith(keyPrefix)).toList().stream();
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
