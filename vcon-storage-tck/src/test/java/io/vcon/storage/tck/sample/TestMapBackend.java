package io.vcon.storage.tck.sample;

import io.vcon.storage.api.Capability;
import io.vcon.storage.engine.ObjectBackend;
import io.vcon.storage.tck.BackendAccess;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

/**
 * The kit's own test double: keys and bytes in a map, declaring the capabilities it is given. The
 * broken adapters are built on it, and so is their control, a correct adapter that must pass. (The
 * worked sample for third parties is in vcon-storage-examples; the TCK cannot depend on it, since
 * the examples test against the TCK.)
 */
final class TestMapBackend implements ObjectBackend {

  private final ConcurrentSkipListMap<String, byte[]> objects = new ConcurrentSkipListMap<>();
  private final Set<Capability> capabilities;

  TestMapBackend(Capability... capabilities) {
    this.capabilities = Set.of(capabilities);
  }

  /** The map itself, read and written by key: what the kit's layout group looks at. */
  BackendAccess access() {
    return new BackendAccess() {
      @Override
      public Optional<byte[]> read(String key) {
        return Optional.ofNullable(objects.get(key)).map(byte[]::clone);
      }

      @Override
      public void write(String key, byte[] body) {
        objects.put(key, body.clone());
      }

      @Override
      public List<String> list(String keyPrefix) {
        return objects.keySet().stream().filter(k -> k.startsWith(keyPrefix)).toList();
      }
    };
  }

  @Override
  public String describe() {
    return "test-map";
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
    return capabilities;
  }

  @Override
  public void close() {}
}
