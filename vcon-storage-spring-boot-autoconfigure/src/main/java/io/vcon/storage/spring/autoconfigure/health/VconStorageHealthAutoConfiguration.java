package io.vcon.storage.spring.autoconfigure.health;

import io.vcon.storage.spring.autoconfigure.VconStorageAutoConfiguration;
import io.vcon.storage.spring.autoconfigure.VconStorageFactory;
import io.vcon.storage.spring.autoconfigure.VconStorageProperties;
import java.util.Map;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Actuator health on Spring Boot 3.5 ({@code org.springframework.boot.actuate.health}): one
 * indicator per store and the source under {@code /actuator/health/vconStorage}. Boot 4.0 moved
 * these types; {@link VconStorageBoot4HealthAutoConfiguration} serves it, and each skips on the
 * other line.
 */
@AutoConfiguration(after = VconStorageAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
@ConditionalOnBean(VconStorageFactory.class)
@ConditionalOnEnabledHealthIndicator(HealthComponents.NAME)
public class VconStorageHealthAutoConfiguration {

  /**
   * The time-limited checks.
   *
   * @param properties for the time limit
   * @return the checks
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public VconStorageHealthChecks vconStorageHealthChecks(VconStorageProperties properties) {
    return new VconStorageHealthChecks(properties.getHealth().getTimeout());
  }

  /**
   * One indicator per store and the source.
   *
   * @param checks the checks
   * @param factory the configured stores
   * @param beans the stores the application defined itself
   * @return the composite, shown as vconStorage
   */
  @Bean(HealthComponents.BEAN)
  @ConditionalOnMissingBean(name = HealthComponents.BEAN)
  public CompositeHealthContributor vconStorageHealthContributor(
      VconStorageHealthChecks checks, VconStorageFactory factory, ListableBeanFactory beans) {
    Map<String, VconStorageHealthChecks.Check> components =
        HealthComponents.of(checks, factory, beans);
    return CompositeHealthContributor.fromMap(
        components, check -> (HealthIndicator) () -> health(check.run()));
  }

  private static Health health(ComponentHealth health) {
    return Health.status(health.status().name()).withDetails(health.details()).build();
  }
}
