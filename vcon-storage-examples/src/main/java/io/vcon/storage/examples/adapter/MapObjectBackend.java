package io.vcon.storage.examples.adapter;

import io.vcon.storage.api.Capability;
import io.vcon.storage.engine.ObjectBackend;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.stream.Stream;

/**
 * A third party's backend, written as CONTRIBUTING.md tells backend authors to: a flat key space
 * (here a sorted map standing in for a bucket) behind {@link ObjectBackend}; {@link MapStore} wraps
 * it in the engine, which lays vCons out as vcon-server does. It declares listing and raw access,
 * not conditional writes, batch delete or content hashes, so the kit skips those groups and says
 * why.
 */
public final class MapObjectBackend implements ObjectBackend {

  private final ConcurrentNavigableMap<String, byte[]> bucket;

  /** Over {@code bucket}, which the caller may read directly, as the contract test does. */
  public MapObjectBackend(ConcurrentNavigableMap<String, byte[]> bucket) {
    this.bucket = bucket;
  }

  @Override
  public String describe() {
    return "sample-map";
  }

  @Override
  public Optional<byte[]> read(String key) {
    return Optional.ofNullable(bucket.get(key)).map(byte[]::clone);
  }

  @Override
  public void write(String key, ByteBuffer body, ObjectKind kind) {
    byte[] bytes = new byte[body.remaining()];
    body.duplicate().get(bytes); // duplicate: the engine's buffer keeps its position
    bucket.put(key, bytes);
  }

  @Override
  public boolean exists(String key) {
    return bucket.containsKey(key);
  }

  @Override
  public void delete(String key) {
    bucket.remove(key);
  }

  /**
   * A snapshot of the keys, so callers may write while they walk it, as they may while paging a
   * listing.
   */
  @Override
  public Stream<String> list(String keyPrefix) {
    return bucket.tailMap(keyPrefix).keySet().stream()
        .takeWhile(k -> k.startsWith(keyPrefix))
        .toList()
        .stream();
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.LIST_BY_DATE, Capability.RAW_OBJECTS);
  }

  @Override
  public void close() {}
}
