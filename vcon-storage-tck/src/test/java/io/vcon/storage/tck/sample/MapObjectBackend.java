package io.vcon.storage.tck.sample;

import io.vcon.storage.api.Capability;
import io.vcon.storage.engine.ObjectBackend;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

/**
 * A third party's backend, written the way the TCK's README tells vendors to: implement ObjectBackend, wrap it
 * with ObjectVconStore. It declares listing but not conditional writes or batch delete, so those groups skip.
 */
public class MapObjectBackend implements ObjectBackend {

  protected final ConcurrentSkipListMap<String, byte[]> objects = new ConcurrentSkipListMap<>();

  @Override
  public String describe() {
    return "sample-map";
  }

  @Override
  public Optional<byte[]> read(String key) {
    return Optional.ofNullable(objects.get(key)).map(byte[]::clone);
  }

  @Override
  public void write(String key, ByteBuffer body, ObjectKind kind) {
    byte[] bytes = new byte[body.remaining()];
    body.duplicate().get(bytes);
    objects.put(key, bytes);
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
  public Stream<String> list(String keyPrefix) {
    return objects.keySet().stream().filter(k -> k.startsWith(keyPrefix)).toList().stream();
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.LIST_BY_DATE, Capability.RAW_OBJECTS);
  }

  @Override
  public void close() {}
}
