package io.vcon.storage.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.vcon.storage.api.VconSource;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.config.MetricsSettings;
import io.vcon.storage.config.StorageAssembly;
import io.vcon.storage.config.StorageDecorator;
import java.util.Objects;

/**
 * Meters every store and the source a {@link StorageAssembly} puts together, tagged with the store's name and
 * its provider id. The same object serves plain code, Guice (bind it as the {@code StorageDecorator}) and the
 * Spring Boot starter, so this module knows no dependency-injection framework.
 *
 * <pre>{@code
 * Storage storage = StorageAssembly.of(config)
 *     .decorator(MeteringDecorator.of(config.metrics(), meterRegistry, observationRegistry))
 *     .build();
 * }</pre>
 */
public final class MeteringDecorator implements StorageDecorator {

  private final MetricsSettings settings;
  private final MeterRegistry registry;
  private final ObservationRegistry observations;

  private MeteringDecorator(
      MetricsSettings settings, MeterRegistry registry, ObservationRegistry observations) {
    this.settings = settings;
    this.registry = Objects.requireNonNull(registry, "registry");
    this.observations = Objects.requireNonNull(observations, "observations");
  }

  /**
   * As a configuration's {@code metrics} section says: {@link StorageDecorator#NONE} when it is off or absent,
   * else metering under the section's meter names.
   */
  public static StorageDecorator of(
      MetricsSettings settings, MeterRegistry registry, ObservationRegistry observations) {
    Objects.requireNonNull(settings, "settings");
    return settings.isEnabled()
        ? new MeteringDecorator(settings, registry, observations)
        : StorageDecorator.NONE;
  }

  /** Meters regardless of any configuration, with this library's meter names and no observations. */
  public static MeteringDecorator create(MeterRegistry registry) {
    return new MeteringDecorator(MetricsSettings.enabled(), registry, ObservationRegistry.NOOP);
  }

  @Override
  public VconStore decorate(String name, String backend, VconStore store) {
    return metering(backend).wrap(Objects.requireNonNull(store, "store"), name);
  }

  @Override
  public VconSource decorate(String backend, VconSource source) {
    return metering(backend).wrap(Objects.requireNonNull(source, "source"), "source");
  }

  // A fresh builder per store: the backend tag differs from store to store.
  private Metered.Builder metering(String backend) {
    Metered.Builder b =
        Metered.builder(registry)
            .observations(observations)
            .naming(MetricNaming.of(settings.naming()));
    return StorageAssembly.UNKNOWN_BACKEND.equals(backend) ? b : b.backend(backend);
  }

  @Override
  public String toString() {
    return "MeteringDecorator[" + settings + "]";
  }
}
