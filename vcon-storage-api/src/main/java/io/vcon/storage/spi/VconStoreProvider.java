package io.vcon.storage.spi;

import io.vcon.storage.api.VconStore;

/**
 * Creates {@link VconStore}s of one backend from options. Implementations are stateless, have a public no-arg
 * constructor, and are declared in {@code META-INF/services/io.vcon.storage.spi.VconStoreProvider} and in
 * {@code module-info} ({@code provides io.vcon.storage.spi.VconStoreProvider with ...}).
 *
 * <p>What a store can do is asked of the store ({@link VconStore#capabilities()}), not of its provider: the
 * same provider makes stores with different abilities ({@code conditional_writes: false},
 * {@code organize_by_date: false}), so a provider-wide answer would be untrue for some (ADR 0015).
 */
public interface VconStoreProvider extends NamedProvider {

  /**
   * A new store.
   *
   * @throws io.vcon.storage.api.StorageConfigurationException naming the bad or missing option by its path
   */
  VconStore create(ProviderOptions options);
}
