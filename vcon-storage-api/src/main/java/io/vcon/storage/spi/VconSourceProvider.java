package io.vcon.storage.spi;

import io.vcon.storage.api.VconSource;

/** Creates {@link VconSource}s of one backend from options; registered like {@link VconStoreProvider}. */
public interface VconSourceProvider extends NamedProvider {

  /**
   * A new source.
   *
   * @throws io.vcon.storage.api.StorageConfigurationException naming the bad or missing option by its path
   */
  VconSource create(ProviderOptions options);
}
