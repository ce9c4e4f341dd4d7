package io.vcon.storage.config;

import io.vcon.storage.api.VconSource;
import io.vcon.storage.api.VconStore;

/**
 * Wraps each store and the source as they are assembled, e.g. to meter them ({@code vcon-storage-micrometer}'s
 * {@code MeteringDecorator}). {@link StorageAssembly} applies it, so configuration, Guice, Spring and the
 * command line decorate alike. Whoever closes the result closes only what the decorator returns, so a wrapper
 * must close what it wraps.
 */
public interface StorageDecorator {

  /** Returns every store and source unchanged. */
  StorageDecorator NONE = new StorageDecorator() {};

  /**
   * The store to use in place of {@code store}.
   *
   * @param name the store's name (its {@code storages} key, or the name given in code)
   * @param backend the provider id ({@code s3}, {@code file}, ...) when the store came from configuration,
   *     else {@value StorageAssembly#UNKNOWN_BACKEND}
   */
  default VconStore decorate(String name, String backend, VconStore store) {
    return store;
  }

  /** The source to use in place of {@code source}; {@code backend} as for stores. */
  default VconSource decorate(String backend, VconSource source) {
    return source;
  }
}
