package io.vcon.storage.spring.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.VconSource;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.config.StorageAssembly;
import io.vcon.storage.config.StorageDecorator;
import io.vcon.storage.micrometer.Metered;
import io.vcon.storage.micrometer.MetricNaming;
import io.vcon.storage.micrometer.VconStorageObservationConvention;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Meters every configured store and the source into the application's {@code MeterRegistry}, with
 * an observation per operation in its {@code ObservationRegistry}. Under Spring Boot the registry's
 * default meter handler makes the one timer ({@code vcon.storage.operations}) from the observation.
 * A {@link VconStorageObservationConvention} bean renames it or adds tags.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({MeterRegistry.class, Metered.class})
@ConditionalOnProperty(
    prefix = VconStorageProperties.PREFIX + ".metrics",
    name = "enabled",
    matchIfMissing = true)
class VconStorageMetricsConfiguration {

  @Bean
  @ConditionalOnMissingBean(name = "vconStorageMetricsDecorator")
  StorageDecorator vconStorageMetricsDecorator(
      ObjectProvider<MeterRegistry> meters,
      ObjectProvider<ObservationRegistry> observations,
      ObjectProvider<VconStorageObservationConvention> convention,
      VconStorageProperties properties) {
    return new LazyMeteringDecorator(
        meters, observations, convention, properties.getMetrics().getNaming());
  }

  /**
   * {@code vcon-storage-micrometer}'s metering, with the registries resolved when the first store
   * is created (so auto-configuration order does not matter) and the application's observation
   * convention, if any.
   */
  static final class LazyMeteringDecorator implements StorageDecorator {
    private final ObjectProvider<MeterRegistry> meters;
    private final ObjectProvider<ObservationRegistry> observations;
    private final ObjectProvider<VconStorageObservationConvention> convention;
    private final MetricNaming naming;

    LazyMeteringDecorator(
        ObjectProvider<MeterRegistry> meters,
        ObjectProvider<ObservationRegistry> observations,
        ObjectProvider<VconStorageObservationConvention> convention,
        String naming) {
      this.meters = meters;
      this.observations = observations;
      this.convention = convention;
      try {
        this.naming = MetricNaming.of(naming);
      } catch (StorageConfigurationException e) {
        throw new StorageConfigurationException(
            VconStorageProperties.PREFIX + "." + e.getMessage(), e);
      }
    }

    @Override
    public VconStore decorate(String name, String backend, VconStore store) {
      Metered.Builder metered = builder(backend);
      return metered == null ? store : metered.wrap(store, name);
    }

    @Override
    public VconSource decorate(String backend, VconSource source) {
      Metered.Builder metered = builder(backend);
      return metered == null ? source : metered.wrap(source, VconStorageFactory.SOURCE);
    }

    private Metered.Builder builder(String backend) {
      MeterRegistry registry = meters.getIfUnique();
      if (registry == null) {
        return null; // no registry in this application: nothing to meter into
      }
      Metered.Builder b =
          Metered.builder(registry)
              .observations(observations.getIfUnique(() -> ObservationRegistry.NOOP))
              .naming(naming);
      if (!StorageAssembly.UNKNOWN_BACKEND.equals(backend)) {
        b.backend(backend);
      }
      convention.ifUnique(b::observationConvention);
      return b;
    }
  }
}
