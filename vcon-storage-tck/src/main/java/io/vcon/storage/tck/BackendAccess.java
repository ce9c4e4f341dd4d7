package io.vcon.storage.tck;

import java.util.List;
import java.util.Optional;

/**
 * What a store wrote, read straight from its backend by key, without the store: how the kit checks
 * that a store keeps vcon-server's layout on the wire. A store can be consistently wrong (file
 * every vCon a day late, write and read it there) and still pass every test that goes through the
 * store; only a look behind it catches that.
 *
 * <p>Keys are those of {@link VconStoreContract#expectedLayout()}: {@code
 * [prefix/]YYYY/MM/DD/<uuid>.vcon}, {@code [prefix/]lookup/<uuid>.txt}, {@code
 * [prefix/]<uuid>.vcon}. A backend that names an object otherwise, as vcon-server's own module for
 * it does (a directory store's {@code YYYY/MM/DD/<uuid>.json} file), maps the key the way
 * vcon-server would. Read with the backend's own client (an S3 client, the file system, the map a
 * test backend keeps), never through the store under test.
 *
 * <p>A store that does not keep vcon-server's layout answers {@link #notLayoutCompatible(String)}:
 * the kit then skips the layout group and reports the reason. Closed by the kit after each test.
 */
public interface BackendAccess extends AutoCloseable {

  /** The bytes stored under {@code key}, exactly; empty when there is no such object. */
  Optional<byte[]> read(String key);

  /**
   * Stores {@code body} under {@code key} as another writer (vcon-server) would: no hash, no
   * pointer.
   */
  void write(String key, byte[] body);

  /**
   * Every key that starts with {@code keyPrefix}, in any order ({@code ""}: every key of the
   * backend).
   */
  List<String> list(String keyPrefix);

  /**
   * Why the store does not keep vcon-server's layout, for a store that said so with {@link
   * #notLayoutCompatible(String)}; empty for a store that does.
   */
  default Optional<String> notLayoutCompatibleBecause() {
    return Optional.empty();
  }

  /** Releases the backend client, if the access opened one. */
  @Override
  default void close() {}

  /**
   * The answer of a store that does not keep vcon-server's layout (a different key scheme, a
   * database without keys), {@code because} saying why, e.g. "keys are table rows, not objects".
   * The kit skips the layout group with this reason; such a store is not interoperable with
   * vcon-server's buckets.
   */
  static BackendAccess notLayoutCompatible(String because) {
    if (because == null || because.isBlank()) {
      throw new IllegalArgumentException("say why the store does not keep vcon-server's layout");
    }
    return new NotLayoutCompatible(because);
  }
}
