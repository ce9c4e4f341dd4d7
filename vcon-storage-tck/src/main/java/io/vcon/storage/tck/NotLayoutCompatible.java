package io.vcon.storage.tck;

import java.util.List;
import java.util.Optional;

/**
 * {@link BackendAccess#notLayoutCompatible(String)}: no keys to read, only the reason there are
 * none.
 */
final class NotLayoutCompatible implements BackendAccess {

  private final String because;

  NotLayoutCompatible(String because) {
    this.because = because;
  }

  @Override
  public Optional<byte[]> read(String key) {
    throw unusable();
  }

  @Override
  public void write(String key, byte[] body) {
    throw unusable();
  }

  @Override
  public List<String> list(String keyPrefix) {
    throw unusable();
  }

  @Override
  public Optional<String> notLayoutCompatibleBecause() {
    return Optional.of(because);
  }

  private IllegalStateException unusable() {
    return new IllegalStateException(
        "the store is not layout compatible (" + because + "): nothing to read");
  }

  @Override
  public String toString() {
    return "not layout compatible: " + because;
  }
}
