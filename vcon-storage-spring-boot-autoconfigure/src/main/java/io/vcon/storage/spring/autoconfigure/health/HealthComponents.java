package io.vcon.storage.spring.autoconfigure.health;

import io.vcon.storage.api.VconSource;
import io.vcon.storage.spring.autoconfigure.VconStorageFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ListableBeanFactory;

/**
 * The checks behind {@code /actuator/health/vconStorage}: one per configured store, and the source.
 */
final class HealthComponents {

  /**
   * The contributor's bean name; Spring Boot drops the suffix, so the endpoint path is vconStorage.
   */
  static final String BEAN = "vconStorageHealthContributor";

  /** The property that switches the indicator off: management.health.vcon-storage.enabled. */
  static final String NAME = "vcon-storage";

  private HealthComponents() {}

  static Map<String, VconStorageHealthChecks.Check> of(
      VconStorageHealthChecks checks, VconStorageFactory factory, ListableBeanFactory beans) {
    Map<String, VconStorageHealthChecks.Check> out = new LinkedHashMap<>();
    for (String name : factory.config().storages().keySet()) {
      out.put(
          name,
          checks.check(
              name,
              factory.backend(name).orElseThrow(),
              // The adapter's own object has the checks; a bean the application defined is used as
              // it
              // is.
              () -> factory.undecorated(name).orElseGet(() -> beans.getBean(name))));
    }
    if (factory.config().source().isPresent()) {
      String source = VconStorageFactory.SOURCE;
      out.put(
          source,
          checks.check(
              source,
              factory.backend(source).orElseThrow(),
              () -> factory.undecorated(source).orElseGet(() -> beans.getBean(VconSource.class))));
    }
    return out;
  }
}
