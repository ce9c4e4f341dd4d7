package io.vcon.storage.guice;

import io.vcon.storage.api.VconSource;
import io.vcon.storage.api.VconStore;

/**
 * Wraps the stores and the source that {@link VconStorageModule} binds, e.g. to meter them
 * ({@code vcon-storage-micrometer}'s {@code MeteredStorageModule}). Bind at most one, through
 * {@code OptionalBinder.newOptionalBinder(binder(), StorageDecorator.class).setBinding()...}; without one, the
 * module binds the stores as created. The lifecycle closes what the decorator returns, so a wrapper must close
 * what it wraps.
 */
public interface StorageDecorator {

  /**
   * The store to bind as {@code @Named(name)}.
   *
   * @param name the store's name (its {@code storages} key, or the name given in code)
   * @param backend the provider id ({@code s3}, {@code file}, ...) when the store came from configuration,
   *     else {@code "unknown"}
   */
  default VconStore decorate(String name, String backend, VconStore store) {
    return store;
  }

  /** The source to bind; {@code backend} as for stores. */
  default VconSource decorate(String backend, VconSource source) {
    return source;
  }
}
