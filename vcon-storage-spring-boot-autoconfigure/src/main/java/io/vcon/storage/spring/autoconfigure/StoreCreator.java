package io.vcon.storage.spring.autoconfigure;

import io.vcon.storage.api.VconStore;
import io.vcon.storage.config.ModuleDefinition;
import java.util.Optional;

/**
 * Creates a configured store another way than its provider would, e.g. an S3 store on the
 * application's own {@code S3Client}; empty to leave it to the provider.
 */
interface StoreCreator {

  /**
   * The store for {@code definition}, or empty.
   *
   * @param providerId the provider id the definition's module resolves to, e.g. {@code s3}
   * @param definition the store's configuration
   * @return the store, or empty to create it through the provider
   */
  Optional<VconStore> create(String providerId, ModuleDefinition definition);
}
