package io.vcon.storage.config;

import io.vcon.storage.api.Storage;
import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.VconSource;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.spi.Providers;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed, immutable storage configuration: named store definitions (vcon-server's {@code storages}) and an
 * optional {@code source}. Load one with {@link ConfigLoader}, or build one in code with {@link #builder()}.
 * Stores and sources are created through {@link Providers}, so adapters are found at run time.
 * {@link #toString()} masks secrets.
 */
public final class VconStorageConfig {

  private final ModuleDefinition source;
  private final Map<String, ModuleDefinition> storages;
  private final Map<String, String> skippedStorages;
  private final MetricsSettings metrics;

  private VconStorageConfig(Builder b) {
    this.source = b.source;
    this.storages = Collections.unmodifiableMap(new LinkedHashMap<>(b.storages));
    this.skippedStorages = Collections.unmodifiableMap(new LinkedHashMap<>(b.skippedStorages));
    this.metrics = b.metrics;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.source = source;
    b.storages.putAll(storages);
    b.skippedStorages.putAll(skippedStorages);
    b.metrics = metrics;
    return b;
  }

  public Optional<ModuleDefinition> source() {
    return Optional.ofNullable(source);
  }

  /** The store definitions by name, in file order. */
  public Map<String, ModuleDefinition> storages() {
    return storages;
  }

  /** Names of storages left out because their module was unknown and the loader was asked to skip them. */
  public List<String> skippedStorages() {
    return List.copyOf(skippedStorages.keySet());
  }

  /** The skipped storages' modules by name, in file order: {@code mongo -> storage.mongo}. */
  public Map<String, String> skippedStorageModules() {
    return skippedStorages;
  }

  /**
   * The top-level {@code metrics} section; {@link MetricsSettings#disabled()} when absent. Applied by
   * {@code vcon-storage-micrometer}, not here: {@link #createStore(String)} returns unmetered stores.
   */
  public MetricsSettings metrics() {
    return metrics;
  }

  /** A new store from the definition {@code storages.<name>}. */
  public VconStore createStore(String name) {
    ModuleDefinition def = storages.get(name);
    if (def == null) {
      throw new StorageConfigurationException(
          "storages."
              + name
              + ": no such storage is configured; configured storages: "
              + storages.keySet());
    }
    try {
      return Providers.storeProvider(def.module()).create(def.providerOptions());
    } catch (StorageConfigurationException e) {
      throw prefixed(def, e);
    }
  }

  /** New stores from every definition, by name in file order; if one fails, those already created are closed. */
  public Map<String, VconStore> createStores() {
    return StorageAssembly.of(this).createStores();
  }

  /** A new source from the {@code source} definition, or empty when there is none. */
  public Optional<VconSource> createSource() {
    if (source == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          Providers.sourceProvider(source.module()).create(source.providerOptions()));
    } catch (StorageConfigurationException e) {
      throw prefixed(source, e);
    }
  }

  /**
   * A {@link Storage} facade over a new source (if configured) and new stores; close it to close them. The
   * same as {@code StorageAssembly.of(config).build()}.
   */
  public Storage buildStorage() {
    return StorageAssembly.of(this).build();
  }

  private static StorageConfigurationException prefixed(
      ModuleDefinition def, StorageConfigurationException e) {
    // Provider errors already name their option path; unknown-module errors do not, so add where it
    // was.
    if (e.getMessage() != null && e.getMessage().startsWith(def.yamlPath())) {
      return e;
    }
    return new StorageConfigurationException(def.yamlPath() + ".module: " + e.getMessage(), e);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof VconStorageConfig c
        && Objects.equals(c.source, source)
        && c.storages.equals(storages)
        && c.skippedStorages.equals(skippedStorages)
        && c.metrics.equals(metrics);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, storages, skippedStorages, metrics);
  }

  @Override
  public String toString() {
    return "VconStorageConfig[source="
        + (source == null ? "none" : source)
        + ", storages="
        + storages.values()
        + (skippedStorages.isEmpty() ? "" : ", skipped=" + skippedStorages.keySet())
        + (metrics.isEnabled() ? ", " + metrics : "")
        + "]";
  }

  /** Builds a configuration in code. */
  public static final class Builder {
    private ModuleDefinition source;
    private final Map<String, ModuleDefinition> storages = new LinkedHashMap<>();
    private final Map<String, String> skippedStorages = new LinkedHashMap<>();
    private MetricsSettings metrics = MetricsSettings.disabled();

    private Builder() {}

    /** The {@code metrics} section; disabled unless set. */
    public Builder metrics(MetricsSettings metrics) {
      this.metrics = Objects.requireNonNull(metrics, "metrics");
      return this;
    }

    /** The source, e.g. {@code source("redis", Map.of("url", "redis://localhost:6379"))}. */
    public Builder source(String module, Map<String, ?> options) {
      return source(ModuleDefinition.of("source", module, options, "source"));
    }

    public Builder source(ModuleDefinition definition) {
      this.source = definition;
      return this;
    }

    /** A store named {@code name}, e.g. {@code storage("archive", "storage.file", Map.of("path", "/var/lib/vcons"))}. */
    public Builder storage(String name, String module, Map<String, ?> options) {
      return storage(ModuleDefinition.of(name, module, options, "storages." + name));
    }

    public Builder storage(ModuleDefinition definition) {
      if (storages.putIfAbsent(definition.name(), definition) != null) {
        throw new StorageConfigurationException(
            "storages." + definition.name() + ": defined twice; storage names must be unique.");
      }
      return this;
    }

    Builder skipped(String name, String module) {
      skippedStorages.put(name, module);
      return this;
    }

    public VconStorageConfig build() {
      return new VconStorageConfig(this);
    }
  }
}
