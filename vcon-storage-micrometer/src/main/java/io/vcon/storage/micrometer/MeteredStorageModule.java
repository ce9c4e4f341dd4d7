package io.vcon.storage.micrometer;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.OptionalBinder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.vcon.storage.api.VconSource;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.config.MetricsSettings;
import io.vcon.storage.config.VconStorageConfig;
import io.vcon.storage.guice.StorageDecorator;
import jakarta.inject.Inject;
import java.util.Objects;
import java.util.Optional;

/**
 * Install next to {@code VconStorageModule}: when a {@link MeterRegistry} is bound, every store and the source
 * that module binds are metered (and observed, when an {@link ObservationRegistry} is bound too). Without a
 * {@code MeterRegistry} binding they are bound unmetered, so the module is safe to install everywhere.
 *
 * <pre>{@code
 * Guice.createInjector(
 *     VconStorageModule.fromConfig(config),
 *     MeteredStorageModule.fromConfig(config),          // honours the YAML 'metrics' section
 *     binder -> binder.bind(MeterRegistry.class).toInstance(prometheusRegistry));
 * }</pre>
 *
 * It binds a {@link StorageDecorator}, the hook {@code VconStorageModule} offers, so the Guice module itself
 * needs no Micrometer. Needs {@code vcon-storage-guice} on the class path.
 */
public final class MeteredStorageModule extends AbstractModule {

  private final MetricsSettings settings;

  private MeteredStorageModule(MetricsSettings settings) {
    this.settings = settings;
  }

  /** Meters with our meter names whenever a {@code MeterRegistry} is bound. */
  public static MeteredStorageModule create() {
    return new MeteredStorageModule(MetricsSettings.enabled());
  }

  /** Meters under {@code naming}'s names whenever a {@code MeterRegistry} is bound. */
  public static MeteredStorageModule create(MetricNaming naming) {
    return new MeteredStorageModule(MetricsSettings.of(true, naming.id()));
  }

  /** As the configuration's {@code metrics} section says: nothing is metered when it is off or absent. */
  public static MeteredStorageModule fromConfig(VconStorageConfig config) {
    return new MeteredStorageModule(config.metrics());
  }

  @Override
  protected void configure() {
    // Declared optional, so Optional<...> is injectable whether or not the application binds them.
    OptionalBinder.newOptionalBinder(binder(), MeterRegistry.class);
    OptionalBinder.newOptionalBinder(binder(), ObservationRegistry.class);
    bind(MetricsSettings.class).annotatedWith(Settings.class).toInstance(settings);
    OptionalBinder.newOptionalBinder(binder(), StorageDecorator.class).setBinding().to(MeteringDecorator.class);
  }

  @Override
  public String toString() {
    return "MeteredStorageModule[" + settings + "]";
  }

  @jakarta.inject.Qualifier
  @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
  @interface Settings {}

  /** Meters each store when a MeterRegistry is bound and the settings are on; else returns it unchanged. */
  static final class MeteringDecorator implements StorageDecorator {
    private final MetricsSettings settings;
    private final Optional<MeterRegistry> registry;
    private final ObservationRegistry observations;

    @Inject
    MeteringDecorator(
        @Settings MetricsSettings settings,
        Optional<MeterRegistry> registry,
        Optional<ObservationRegistry> observations) {
      this.settings = settings;
      this.registry = registry;
      this.observations = observations.orElse(ObservationRegistry.NOOP);
    }

    @Override
    public VconStore decorate(String name, String backend, VconStore store) {
      Objects.requireNonNull(store, "store");
      return metering(backend).map(m -> m.wrap(store, name)).orElse(store);
    }

    @Override
    public VconSource decorate(String backend, VconSource source) {
      Objects.requireNonNull(source, "source");
      return metering(backend).map(m -> m.wrap(source, "source")).orElse(source);
    }

    // A fresh builder per store: the backend tag differs from store to store.
    private Optional<Metered.Builder> metering(String backend) {
      return registry
          .flatMap(r -> MeteredConfig.builder(settings, r, observations))
          .map(b -> Metered.UNKNOWN_BACKEND.equals(backend) ? b : b.backend(backend));
    }
  }
}
