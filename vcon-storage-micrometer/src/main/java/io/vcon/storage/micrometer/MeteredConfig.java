package io.vcon.storage.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.vcon.storage.api.Storage;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.config.StorageAssembly;
import io.vcon.storage.config.VconStorageConfig;
import java.util.Objects;

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
      VconStorageConfig config,
      String name,
      MeterRegistry registry,
      ObservationRegistry observations) {
    return assembly(config, registry, observations).createStore(name);
  }

  /** As {@link VconStorageConfig#buildStorage()}, with every store and the source metered if configured. */
  public static Storage buildStorage(VconStorageConfig config, MeterRegistry registry) {
    return buildStorage(config, registry, ObservationRegistry.NOOP);
  }

  /** As {@link #buildStorage(VconStorageConfig, MeterRegistry)}, with an {@code Observation} per operation. */
  public static Storage buildStorage(
      VconStorageConfig config, MeterRegistry registry, ObservationRegistry observations) {
    return assembly(config, registry, observations).build();
  }

  private static StorageAssembly assembly(
      VconStorageConfig config, MeterRegistry registry, ObservationRegistry observations) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(observations, "observations");
    return StorageAssembly.of(config)
        .decorator(MeteringDecorator.of(config.metrics(), registry, observations));
  }
}
