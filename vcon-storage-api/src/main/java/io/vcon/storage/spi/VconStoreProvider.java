package io.vcon.storage.spi;

import io.vcon.storage.api.Capability;
import io.vcon.storage.api.VconStore;
import java.util.Set;

/**
 * Creates {@link VconStore}s of one backend from options. Implementations are stateless, have a public no-arg
 * constructor, and are declared in {@code META-INF/services/io.vcon.storage.spi.VconStoreProvider} and in
 * {@code module-info} ({@code provides io.vcon.storage.spi.VconStoreProvider with ...}).
 */
public interface VconStoreProvider extends NamedProvider {

  /** The optional operations the stores it creates support. */
  Set<Capability> capabilities();

  /**
   * A new store.
   *
   * @throws io.vcon.storage.api.StorageConfigurationException naming the bad or missing option by its path
   */
  VconStore create(ProviderOptions options);
}
