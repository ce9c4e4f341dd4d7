package io.vcon.storage.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.vcon.storage.api.Storage;
import io.vcon.storage.api.VconSource;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.config.MetricsSettings;
import io.vcon.storage.config.VconStorageConfig;
import io.vcon.storage.spi.Providers;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies a configuration's top-level {@code metrics} section: the stores and source it defines, metered when
 * {@code metrics} is on, as they are otherwise. Needs {@code vcon-storage-config} on the class path.
 *
 * <pre>{@code
 * VconStorageConfig config = ConfigLoader.builder().build().load(Path.of("config.yml"));
 * try (Storage storage = MeteredConfig.buildStorage(config, meterRegistry, observationRegistry)) { ... }
 * }</pre>
 */
public final class MeteredConfig {

  private MeteredConfig() {}

  /** The store {@code storages.<name>}, metered if the configuration says so; tagged with the provider id. */
  public static VconStore createStore(
      VconStorageConfig config, String name, MeterRegistry registry, ObservationRegistry observations) {
    VconStore store = config.createStore(name);
    return builder(config.metrics(), registry, observations)
        .map(b -> b.backend(Providers.storeProvider(config.storages().get(name).module()).id()).wrap(store, name))
        .orElse(store);
  }

  /** As {@link VconStorageConfig#buildStorage()}, with every store and the source metered if configured. */
  public static Storage buildStorage(VconStorageConfig config, MeterRegistry registry) {
    return buildStorage(config, registry, ObservationRegistry.NOOP);
  }

  /** As {@link #buildStorage(VconStorageConfig, MeterRegistry)}, with an {@code Observation} per operation. */
  public static Storage buildStorage(
      VconStorageConfig config, MeterRegistry registry, ObservationRegistry observations) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(observations, "observations");
    Optional<VconSource> source = config.createSource();
    Map<String, VconStore> stores = new LinkedHashMap<>();
    try {
      for (String name : config.storages().keySet()) {
        stores.put(name, createStore(config, name, registry, observations));
      }
    } catch (RuntimeException e) {
      stores.values().forEach(s -> closeQuietly(s, e));
      source.ifPresent(s -> closeQuietly(s, e));
      throw e;
    }
    Storage.Builder b = Storage.builder();
    source
        .map(
            s ->
                builder(config.metrics(), registry, observations)
                    .map(m -> m.backend(Providers.sourceProvider(config.source().orElseThrow().module()).id()).wrap(s, "source"))
                    .orElse(s))
        .ifPresent(b::source);
    stores.forEach(b::store);
    return b.build();
  }

  /** The metering the settings ask for, or empty when metrics are off. */
  static Optional<Metered.Builder> builder(
      MetricsSettings settings, MeterRegistry registry, ObservationRegistry observations) {
    if (!settings.isEnabled()) {
      return Optional.empty();
    }
    return Optional.of(
        Metered.builder(registry).observations(observations).naming(MetricNaming.of(settings.naming())));
  }

  private static void closeQuietly(AutoCloseable c, RuntimeException primary) {
    try {
      c.close();
    } catch (Exception suppressed) {
      primary.addSuppressed(suppressed);
    }
  }
}
