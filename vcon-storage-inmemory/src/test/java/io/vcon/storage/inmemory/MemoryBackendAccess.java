package io.vcon.storage.inmemory;

import io.vcon.storage.engine.ObjectBackend;
import io.vcon.storage.engine.ObjectBackend.ObjectKind;
import io.vcon.storage.tck.BackendAccess;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The kit's direct look at an in-memory backend: its map, by key, below the store. */
final class MemoryBackendAccess implements BackendAccess {

  private final ObjectBackend map;

  MemoryBackendAccess(ObjectBackend map) {
    this.map = map;
  }

  @Override
  public Optional<byte[]> read(String key) {
    return map.read(key);
  }

  @Override
  public void write(String key, byte[] body) {
    map.write(
        key,
        ByteBuffer.wrap(body.clone()),
        key.endsWith(".vcon") ? ObjectKind.VCON : ObjectKind.POINTER);
  }

  @Override
  public List<String> list(String keyPrefix) {
    try (Stream<String> keys = map.list(keyPrefix)) {
      return keys.toList();
    }
  }
}
