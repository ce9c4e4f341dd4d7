package io.vcon.storage.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.AutoConfigurations;

/**
 * What differs between the Spring Boot lines these tests run on (3.5 and 4.0, one test module
 * each): Boot 4 moved the metrics, observation and health auto-configurations into modules of their
 * own, under new names.
 */
public final class BootLine {

  /** Boot 3.5's actuator auto-configurations. */
  private static final String BOOT3 = "org.springframework.boot.actuate.autoconfigure.";

  /** Boot 4.0's metrics auto-configurations (module spring-boot-micrometer-metrics). */
  private static final String BOOT4_METRICS =
      "org.springframework.boot.micrometer.metrics.autoconfigure.";

  private BootLine() {}

  /** The running Boot version, e.g. {@code 4.0.7}. */
  public static String version() {
    return SpringBootVersion.getVersion();
  }

  /**
   * Boot's own metrics (simple registry) and observation auto-configurations, on whichever line
   * runs.
   */
  public static AutoConfigurations metricsAndObservations() {
    return present(
        BOOT3 + "metrics.MetricsAutoConfiguration",
        BOOT3 + "metrics.export.simple.SimpleMetricsExportAutoConfiguration",
        BOOT3 + "metrics.CompositeMeterRegistryAutoConfiguration",
        BOOT3 + "observation.ObservationAutoConfiguration",
        BOOT4_METRICS + "MetricsAutoConfiguration",
        BOOT4_METRICS + "export.simple.SimpleMetricsExportAutoConfiguration",
        BOOT4_METRICS + "CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure."
            + "ObservationAutoConfiguration");
  }

  /** Boot's health contributor auto-configuration. */
  public static AutoConfigurations health() {
    return present(
        BOOT3 + "health.HealthContributorAutoConfiguration",
        "org.springframework.boot.health.autoconfigure.contributor."
            + "HealthContributorAutoConfiguration");
  }

  /**
   * The health API packages of both lines, to hide Actuator's health with a FilteredClassLoader.
   * Only the API: the conditions' own classes must still load, as they would in an application
   * without Actuator, where the annotation naming them is absent too.
   */
  public static String[] healthPackages() {
    return new String[] {
      "org.springframework.boot.actuate.health.", "org.springframework.boot.health.contributor."
    };
  }

  private static AutoConfigurations present(String... names) {
    List<Class<?>> classes = new ArrayList<>();
    for (String name : names) {
      try {
        classes.add(Class.forName(name));
      } catch (ClassNotFoundException e) {
        // the other line's name
      }
    }
    if (classes.isEmpty()) {
      throw new IllegalStateException("none of " + List.of(names) + " on Boot " + version());
    }
    return AutoConfigurations.of(classes.toArray(Class<?>[]::new));
  }
}
