package io.vcon.storage.spring.autoconfigure;

import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.VconSource;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.config.ModuleDefinition;
import io.vcon.storage.config.VconStorageConfig;
import io.vcon.storage.spi.Providers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates the stores and the source a {@link VconStorageConfig} defines, through the adapters' providers (or a
 * {@link StoreCreator}), then wraps them in the {@link VconStorageDecorator}s. Remembers each component as
 * created, before decoration, so health checks reach the adapter's own diagnostics.
 */
public class VconStorageFactory {

  /** The component name the source has in health details and metrics. */
  public static final String SOURCE = "source";

  private final VconStorageConfig config;
  private final List<StoreCreator> creators;
  private final List<VconStorageDecorator> decorators;
  private final Map<String, Object> undecorated = new ConcurrentHashMap<>();

  VconStorageFactory(
      VconStorageConfig config, List<StoreCreator> creators, List<VconStorageDecorator> decorators) {
    this.config = config;
    this.creators = List.copyOf(creators);
    this.decorators = List.copyOf(decorators);
  }

  /** The configuration the stores and source come from. */
  public VconStorageConfig config() {
    return config;
  }

  /**
   * A new store {@code storages.<name>}, decorated.
   *
   * @param name a configured store name
   * @return the store; the caller closes it
   */
  public VconStore createStore(String name) {
    ModuleDefinition definition = config.storages().get(name);
    if (definition == null) {
      // Let the config module word the error (it lists the configured names).
      return config.createStore(name);
    }
    String backend = providerId(definition);
    VconStore store = null;
    for (StoreCreator creator : creators) {
      Optional<VconStore> created = creator.create(backend, definition);
      if (created.isPresent()) {
        store = created.get();
        break;
      }
    }
    if (store == null) {
      store = config.createStore(name);
    }
    undecorated.put(name, store);
    for (VconStorageDecorator decorator : decorators) {
      store = decorator.decorate(name, backend, store);
    }
    return store;
  }

  /**
   * A new source from the {@code source} definition, decorated; empty when none is configured.
   *
   * @return the source; the caller closes it
   */
  public Optional<VconSource> createSource() {
    return config.createSource().map(source -> {
      undecorated.put(SOURCE, source);
      String backend = Providers.sourceProvider(config.source().orElseThrow().module()).id();
      VconSource decorated = source;
      for (VconStorageDecorator decorator : decorators) {
        decorated = decorator.decorate(backend, decorated);
      }
      return decorated;
    });
  }

  /**
   * The provider id of a configured store ({@code s3} for {@code storage.s3}), or {@code source}'s.
   *
   * @param name a configured store name, or {@link #SOURCE}
   * @return the provider id, or empty when the name is not configured
   */
  public Optional<String> backend(String name) {
    if (SOURCE.equals(name) && !config.storages().containsKey(SOURCE)) {
      return config.source().map(d -> Providers.sourceProvider(d.module()).id());
    }
    return Optional.ofNullable(config.storages().get(name)).map(VconStorageFactory::providerId);
  }

  /**
   * The store or source as its adapter created it, before decoration (health checks need the adapter's own
   * diagnostics); empty until created, or when the application defined that bean itself.
   *
   * @param name a configured store name, or {@link #SOURCE}
   * @return the adapter's object
   */
  public Optional<Object> undecorated(String name) {
    return Optional.ofNullable(undecorated.get(name));
  }

  private static String providerId(ModuleDefinition definition) {
    try {
      return Providers.storeProvider(definition.module()).id();
    } catch (StorageConfigurationException e) {
      throw new StorageConfigurationException(definition.yamlPath() + ".module: " + e.getMessage(), e);
    }
  }
}
