package io.vcon.storage.guice;

import static io.vcon.storage.config.StorageAssembly.UNKNOWN_BACKEND;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Names;
import io.vcon.storage.api.Storage;
import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.VconSource;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.config.StorageAssembly;
import io.vcon.storage.config.StorageDecorator;
import io.vcon.storage.config.VconStorageConfig;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Binds vCon storage for injection:
 *
 * <ul>
 *   <li>each named store as {@code @Named("<name>") VconStore} (names are the {@code storages} keys);
 *   <li>all of them as {@code Map<String, VconStore>} through a {@link MapBinder}, so other modules may add more;
 *   <li>the source, if configured, as {@code VconSource} (and {@code Optional<VconSource>} through an
 *       {@link OptionalBinder});
 *   <li>the {@link Storage} facade over the source and the stores in configuration order;
 *   <li>{@link StorageLifecycle}, which closes what was created.
 * </ul>
 *
 * If a {@link StorageDecorator} is bound (an {@link OptionalBinder}, empty by default), every store and the
 * source are bound as the decorator returns them: that is how metrics are added without this module knowing
 * about them.
 *
 * Stores and the source are singletons created when first injected (eagerly in {@code Stage.PRODUCTION}).
 * A test replaces any of them with {@code Modules.override(module).with(...)}; the map and the facade follow
 * the override, because they are built from the named bindings.
 */
public final class VconStorageModule extends AbstractModule {

  private final VconStorageConfig config;
  private final Map<String, VconStore> instances;
  private final VconSource sourceInstance;
  private final boolean closeOnShutdown;

  private VconStorageModule(Builder b) {
    this.config = b.config;
    this.instances = new LinkedHashMap<>(b.instances);
    this.sourceInstance = b.source;
    this.closeOnShutdown = b.closeOnShutdown;
  }

  /** The stores and source that {@code config} defines. */
  public static VconStorageModule fromConfig(VconStorageConfig config) {
    return builder().config(config).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  private Set<String> storeNames() {
    Set<String> names = new LinkedHashSet<>(config.storages().keySet());
    names.addAll(instances.keySet());
    return names;
  }

  @Override
  protected void configure() {
    StorageLifecycle lifecycle = new StorageLifecycle();
    bind(StorageLifecycle.class).toInstance(lifecycle);
    if (closeOnShutdown) {
      Runtime.getRuntime().addShutdownHook(new Thread(lifecycle::close, "vcon-storage-shutdown"));
    }

    Provider<Optional<StorageDecorator>> decorator =
        getProvider(Key.get(new TypeLiteral<Optional<StorageDecorator>>() {}));
    OptionalBinder.newOptionalBinder(binder(), StorageDecorator.class);

    MapBinder<String, VconStore> stores =
        MapBinder.newMapBinder(binder(), String.class, VconStore.class);
    for (String name : storeNames()) {
      Key<VconStore> key = Key.get(VconStore.class, Names.named(name));
      VconStore given = instances.get(name);
      Provider<VconStore> provider =
          given != null
              ? () -> lifecycle.manage(assembly(decorator).decorate(name, UNKNOWN_BACKEND, given))
              : () -> lifecycle.manage(assembly(decorator).createStore(name));
      bind(key).toProvider(provider).in(Singleton.class);
      stores.addBinding(name).to(key);
    }

    OptionalBinder<VconSource> source =
        OptionalBinder.newOptionalBinder(binder(), VconSource.class);
    if (sourceInstance != null) {
      source
          .setBinding()
          .toProvider(
              () -> lifecycle.manage(assembly(decorator).decorate(UNKNOWN_BACKEND, sourceInstance)))
          .in(Singleton.class);
    } else if (config.source().isPresent()) {
      source
          .setBinding()
          .toProvider(() -> lifecycle.manage(assembly(decorator).createSource().orElseThrow()))
          .in(Singleton.class);
    }
  }

  // Created on first use: the decorator binding is only known once the injector exists.
  private StorageAssembly assembly(Provider<Optional<StorageDecorator>> decorator) {
    return StorageAssembly.of(config).decorator(decorator.get().orElse(StorageDecorator.NONE));
  }

  /** The facade over the bound stores, in their map order, and the source if one is bound. */
  @Provides
  @Singleton
  Storage storage(Map<String, VconStore> stores, Optional<VconSource> source) {
    return StorageAssembly.facade(source, stores);
  }

  @Override
  public String toString() {
    return "VconStorageModule[stores="
        + storeNames()
        + ", source="
        + (sourceInstance != null || config.source().isPresent())
        + "]";
  }

  /** Builds a {@link VconStorageModule} from a configuration, from instances, or both. */
  public static final class Builder {
    private VconStorageConfig config = VconStorageConfig.builder().build();
    private final Map<String, VconStore> instances = new LinkedHashMap<>();
    private VconSource source;
    private boolean closeOnShutdown;

    private Builder() {}

    /** The storages (and source) to create; replaces any configuration set before. */
    public Builder config(VconStorageConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /** A store made in code, bound as {@code @Named(name)}; the module's lifecycle then owns and closes it. */
    public Builder store(String name, VconStore store) {
      if (instances.putIfAbsent(name, Objects.requireNonNull(store, "store")) != null) {
        throw new StorageConfigurationException(
            "Two stores are named '" + name + "'; store names must be unique.");
      }
      return this;
    }

    /** A source made in code; it takes the place of a configured one and is closed by the lifecycle. */
    public Builder source(VconSource source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /** Whether a JVM shutdown hook closes the stores; off by default (call {@link StorageLifecycle#close()}). */
    public Builder closeOnShutdown(boolean closeOnShutdown) {
      this.closeOnShutdown = closeOnShutdown;
      return this;
    }

    public VconStorageModule build() {
      for (String name : instances.keySet()) {
        if (config.storages().containsKey(name)) {
          throw new StorageConfigurationException(
              "storages."
                  + name
                  + ": defined in the configuration and given in code; use one, or"
                  + " Modules.override.");
        }
      }
      return new VconStorageModule(this);
    }
  }
}
