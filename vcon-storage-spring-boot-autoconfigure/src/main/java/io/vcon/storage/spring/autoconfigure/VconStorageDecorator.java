package io.vcon.storage.spring.autoconfigure;

import io.vcon.storage.api.VconSource;
import io.vcon.storage.api.VconStore;

/**
 * Wraps every store and the source the starter creates from configuration (metrics do, through
 * {@code vcon-storage-micrometer}); declare a bean of this type for your own (caching, auditing). Stores you
 * declare as beans yourself are used as given. Decorators apply in {@code @Order}.
 */
public interface VconStorageDecorator {

  /**
   * The store to use in place of {@code store}.
   *
   * @param name the store's configured name
   * @param backend the provider id, e.g. {@code s3}
   * @param store the store so far
   * @return the decorated store; closing it must close {@code store}
   */
  default VconStore decorate(String name, String backend, VconStore store) {
    return store;
  }

  /**
   * The source to use in place of {@code source}.
   *
   * @param backend the provider id, e.g. {@code redis}
   * @param source the source so far
   * @return the decorated source; closing it must close {@code source}
   */
  default VconSource decorate(String backend, VconSource source) {
    return source;
  }
}
