package io.vcon.storage.config;

import io.vcon.storage.api.Storage;
import io.vcon.storage.api.VconSource;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.spi.Providers;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one way a {@link Storage} is put together from a {@link VconStorageConfig}: create the source and the
 * stores through their providers, pass each through a {@link StorageDecorator}, and build the facade —
 * closing whatever was already created when a later step fails. {@link VconStorageConfig#buildStorage()},
 * the Guice module, the metrics module, the Spring Boot starter and the command line all come here, so a
 * setting such as {@code dead_letter: true} (connected by {@link Storage.Builder#source}) behaves the same in
 * each.
 *
 * <pre>{@code
 * Storage storage = StorageAssembly.of(config).decorator(metering).build();
 * }</pre>
 */
public final class StorageAssembly {

  /** The backend tag of a store or source given in code rather than configured. */
  public static final String UNKNOWN_BACKEND = "unknown";

  private final VconStorageConfig config;
  private final StorageDecorator decorator;

  private StorageAssembly(VconStorageConfig config, StorageDecorator decorator) {
    this.config = Objects.requireNonNull(config, "config");
    this.decorator = Objects.requireNonNull(decorator, "decorator");
  }

  /** Assembles what {@code config} defines, undecorated. */
  public static StorageAssembly of(VconStorageConfig config) {
    return new StorageAssembly(config, StorageDecorator.NONE);
  }

  /** The same assembly, passing every store and the source through {@code decorator}. */
  public StorageAssembly decorator(StorageDecorator decorator) {
    return new StorageAssembly(config, decorator);
  }

  /** A new store from {@code storages.<name>}, decorated and tagged with its provider id. */
  public VconStore createStore(String name) {
    VconStore created = config.createStore(name);
    return decorate(name, storeBackend(name), created);
  }

  /**
   * A store made elsewhere (in code, or by a framework), decorated under {@code name} and
   * {@code backend} ({@value #UNKNOWN_BACKEND} when not known). If the decorator fails, {@code store}
   * is closed.
   */
  public VconStore decorate(String name, String backend, VconStore store) {
    try {
      return Objects.requireNonNull(
          decorator.decorate(name, backend, store),
          "StorageDecorator returned null for store " + name);
    } catch (RuntimeException e) {
      closeQuietly(store, e);
      throw e;
    }
  }

  /** A source made in code, decorated; if the decorator fails, {@code source} is closed. */
  public VconSource decorate(String backend, VconSource source) {
    try {
      return Objects.requireNonNull(
          decorator.decorate(backend, source), "StorageDecorator returned null for the source");
    } catch (RuntimeException e) {
      closeQuietly(source, e);
      throw e;
    }
  }

  /** Every configured store, in file order; if one fails, those already created are closed. */
  public Map<String, VconStore> createStores() {
    Map<String, VconStore> created = new LinkedHashMap<>();
    try {
      for (String name : config.storages().keySet()) {
        created.put(name, createStore(name));
      }
    } catch (RuntimeException e) {
      created.values().forEach(s -> closeQuietly(s, e));
      throw e;
    }
    return Collections.unmodifiableMap(created);
  }

  /** The configured source, decorated; empty when none is configured. */
  public Optional<VconSource> createSource() {
    return config.createSource().map(s -> decorate(sourceBackend(), s));
  }

  /** A {@link Storage} over a new source (if configured) and new stores; closing it closes them. */
  public Storage build() {
    Optional<VconSource> source = createSource();
    Map<String, VconStore> stores;
    try {
      stores = createStores();
    } catch (RuntimeException e) {
      source.ifPresent(s -> closeQuietly(s, e));
      throw e;
    }
    try {
      return facade(source, stores);
    } catch (RuntimeException e) {
      stores.values().forEach(s -> closeQuietly(s, e));
      source.ifPresent(s -> closeQuietly(s, e));
      throw e;
    }
  }

  /**
   * The facade over stores and a source that already exist (Guice binds them one by one): stores in the
   * map's order; the source's dead letters, when it keeps them, receive failed saves.
   */
  public static Storage facade(Optional<VconSource> source, Map<String, VconStore> stores) {
    Storage.Builder b = Storage.builder();
    source.ifPresent(b::source);
    stores.forEach(b::store);
    return b.build();
  }

  // The provider's id, not the alias the file used: storage.s3 and s3 are one backend on a
  // dashboard.
  private String storeBackend(String name) {
    return Providers.storeProvider(config.storages().get(name).module()).id();
  }

  private String sourceBackend() {
    return Providers.sourceProvider(config.source().orElseThrow().module()).id();
  }

  static void closeQuietly(AutoCloseable c, RuntimeException primary) {
    try {
      c.close();
    } catch (Exception suppressed) {
      primary.addSuppressed(suppressed);
    }
  }
}
