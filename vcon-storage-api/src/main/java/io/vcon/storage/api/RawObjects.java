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

  void write(String key, byte[] body);

  void delete(String key);
}
