package io.vcon.storage.guice;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Names;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.vcon.storage.api.Storage;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.config.ConfigLoader;
import io.vcon.storage.config.StorageDecorator;
import io.vcon.storage.config.VconStorageConfig;
import io.vcon.storage.inmemory.InMemoryVconStore;
import io.vcon.storage.micrometer.MeteringDecorator;
import io.vcon.storage.tck.SampleVcons;
import org.junit.jupiter.api.Test;

/**
 * Metrics through Guice, as docs/guice.md shows them: the application binds {@code StorageDecorator} to
 * {@code vcon-storage-micrometer}'s {@link MeteringDecorator}; neither module knows the other.
 */
class MeteredGuiceTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private static VconStorageConfig config(String metrics) {
    return ConfigLoader.builder()
        .build()
        .parse(metrics + "storages:\n  primary: { module: memory }\n");
  }

  /** The application's own module, as docs/guice.md shows it. */
  private AbstractModule metering(VconStorageConfig config, ObservationRegistry observations) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(MeterRegistry.class).toInstance(registry);
        bind(ObservationRegistry.class).toInstance(observations);
        OptionalBinder.newOptionalBinder(binder(), StorageDecorator.class);
      }

      @Provides
      @Singleton
      StorageDecorator decorator(MeterRegistry meters, ObservationRegistry spans) {
        return MeteringDecorator.of(config.metrics(), meters, spans);
      }
    };
  }

  @Test
  void aBoundMeteringDecoratorMetersConfiguredAndGivenStores() {
    TestObservationRegistry observations = TestObservationRegistry.create();
    observations
        .observationConfig()
        .observationHandler(new DefaultMeterObservationHandler(registry));
    VconStorageConfig config = config("metrics: true\n");
    Injector injector =
        Guice.createInjector(
            VconStorageModule.builder()
                .config(config)
                .store("given", InMemoryVconStore.create())
                .build(),
            metering(config, observations));
    Vcon v = SampleVcons.vcon("2024-01-15T10:00:00Z");

    injector.getInstance(Storage.class).save(v);
    VconStore primary = injector.getInstance(Key.get(VconStore.class, Names.named("primary")));
    assertThat(primary.get(v.id())).isPresent();

    assertThat(
            registry
                .get("vcon.storage.operations")
                .tags("store", "primary", "backend", "memory", "operation", "get")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(
            registry
                .get("vcon.storage.operations")
                .tags("store", "given", "operation", "save")
                .timer()
                .count())
        .isEqualTo(1);
    TestObservationRegistryAssert.assertThat(observations)
        .hasAnObservationWithAKeyValue("store", "given");
    injector.getInstance(StorageLifecycle.class).close();
  }

  @Test
  void theMetricsSectionDecides() {
    VconStorageConfig off = config("metrics: false\n");
    Injector unmetered =
        Guice.createInjector(
            VconStorageModule.fromConfig(off), metering(off, ObservationRegistry.NOOP));
    unmetered.getInstance(Storage.class).save(SampleVcons.vcon("2024-01-15T10:00:00Z"));
    assertThat(registry.getMeters()).isEmpty();

    VconStorageConfig conserver = config("metrics: { naming: conserver }\n");
    Injector metered =
        Guice.createInjector(
            VconStorageModule.fromConfig(conserver), metering(conserver, ObservationRegistry.NOOP));
    metered.getInstance(Storage.class).save(SampleVcons.vcon("2024-01-15T10:00:00Z"));
    assertThat(
            registry
                .get("conserver.storage.count")
                .tags("backend", "primary", "outcome", "success")
                .counter()
                .count())
        .isEqualTo(1);
    unmetered.getInstance(StorageLifecycle.class).close();
    metered.getInstance(StorageLifecycle.class).close();
  }
}
