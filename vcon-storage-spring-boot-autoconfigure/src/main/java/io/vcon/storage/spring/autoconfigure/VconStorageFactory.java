package io.vcon.storage.spring.autoconfigure;

import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.VconSource;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.config.ModuleDefinition;
import io.vcon.storage.config.StorageAssembly;
import io.vcon.storage.config.StorageDecorator;
import io.vcon.storage.config.VconStorageConfig;
import io.vcon.storage.spi.Providers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates the stores and the source a {@link VconStorageConfig} defines, through the adapters'
 * providers (or a {@code StoreCreator}), and decorates them through the config module's {@link
 * StorageAssembly}, the one assembly path every entry point shares. Remembers each component as
 * created, before decoration, so health checks reach the adapter's own diagnostics.
 */
public class VconStorageFactory {

  /** The component name the source has in health details and metrics. */
  public static final String SOURCE = "source";

  private final VconStorageConfig config;
  private final List<StoreCreator> creators;
  private final StorageAssembly assembly;
  private final Map<String, Object> undecorated = new ConcurrentHashMap<>();

  VconStorageFactory(
      VconStorageConfig config, List<StoreCreator> creators, List<StorageDecorator> decorators) {
    this.config = config;
    this.creators = List.copyOf(creators);
    this.assembly = StorageAssembly.of(config).decorator(new Chain(decorators));
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
    return assembly.decorate(name, backend, store);
  }

  /**
   * A new source from the {@code source} definition, decorated; empty when none is configured.
   *
   * @return the source; the caller closes it
   */
  public Optional<VconSource> createSource() {
    return config
        .createSource()
        .map(
            source -> {
              undecorated.put(SOURCE, source);
              String backend =
                  Providers.sourceProvider(config.source().orElseThrow().module()).id();
              return assembly.decorate(backend, source);
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
   * The store or source as its adapter created it, before decoration (health checks need the
   * adapter's own diagnostics); empty until created, or when the application defined that bean
   * itself.
   *
   * @param name a configured store name, or {@link #SOURCE}
   * @return the adapter's object
   */
  public Optional<Object> undecorated(String name) {
    return Optional.ofNullable(undecorated.get(name));
  }

  /** The application's decorators, applied in order. */
  private record Chain(List<StorageDecorator> decorators) implements StorageDecorator {
    @Override
    public VconStore decorate(String name, String backend, VconStore store) {
      VconStore decorated = store;
      for (StorageDecorator d : decorators) {
        decorated = d.decorate(name, backend, decorated);
      }
      return decorated;
    }

    @Override
    public VconSource decorate(String backend, VconSource source) {
      VconSource decorated = source;
      for (StorageDecorator d : decorators) {
        decorated = d.decorate(backend, decorated);
      }
      return decorated;
    }
  }

  private static String providerId(ModuleDefinition definition) {
    try {
      return Providers.storeProvider(definition.module()).id();
    } catch (StorageConfigurationException e) {
      throw new StorageConfigurationException(
          definition.yamlPath() + ".module: " + e.getMessage(), e);
    }
  }
}
