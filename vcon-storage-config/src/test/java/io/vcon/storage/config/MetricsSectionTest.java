package io.vcon.storage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vcon.storage.api.StorageConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The top-level {@code metrics} section: read here, applied by vcon-storage-micrometer. */
class MetricsSectionTest {

  private static VconStorageConfig parse(String yaml) {
    return ConfigLoader.builder()
        .environment(Map.of("METRICS", "true", "NAMING", "conserver")::get)
        .build()
        .parse(yaml);
  }

  @Test
  void absentSectionMeansDisabled() {
    VconStorageConfig config = parse("storages:\n  mem: { module: memory }\n");
    assertThat(config.metrics()).isEqualTo(MetricsSettings.disabled());
    assertThat(config.metrics().isEnabled()).isFalse();
    assertThat(config.toString()).doesNotContain("metrics");
  }

  @Test
  void booleanFlagEnablesOurNaming() {
    assertThat(parse("metrics: true\n").metrics()).isEqualTo(MetricsSettings.of(true, "vcon"));
    assertThat(parse("metrics: false\n").metrics().isEnabled()).isFalse();
    assertThat(parse("metrics: ${METRICS}\n").metrics().isEnabled()).isTrue();
  }

  @Test
  void mapSelectsConserverNaming() {
    MetricsSettings m = parse("metrics: { enabled: true, naming: conserver }\n").metrics();
    assertThat(m.isEnabled()).isTrue();
    assertThat(m.naming()).isEqualTo(MetricsSettings.NAMING_CONSERVER);
    assertThat(parse("metrics: { naming: '${NAMING}' }\n").metrics())
        .isEqualTo(MetricsSettings.of(true, "conserver"));
    assertThat(parse("metrics: { enabled: false, naming: conserver }\n").metrics().isEnabled())
        .isFalse();
  }

  @Test
  void survivesToBuilderAndShowsInToString() {
    VconStorageConfig config = parse("metrics: { naming: CONSERVER }\n");
    assertThat(config.toBuilder().build()).isEqualTo(config);
    assertThat(config.toString()).contains("metrics{enabled=true, naming=conserver}");
    assertThat(config).isNotEqualTo(config.toBuilder().metrics(MetricsSettings.disabled()).build());
  }

  @Test
  void badValuesNameThePathAndTheFix() {
    assertThatThrownBy(() -> parse("metrics: yes please\n"))
        .isInstanceOf(StorageConfigurationException.class)
        .hasMessage("metrics: must be true or false (or a map with 'enabled' and 'naming')");
    assertThatThrownBy(() -> parse("metrics: { enabled: 3 }\n"))
        .isInstanceOf(StorageConfigurationException.class)
        .hasMessage("metrics.enabled: must be true or false");
    assertThatThrownBy(() -> parse("metrics: { naming: prometheus }\n"))
        .isInstanceOf(StorageConfigurationException.class)
        .hasMessage("metrics.naming: must be 'vcon' or 'conserver', was 'prometheus'");
    assertThatThrownBy(() -> parse("metrics: { enabeld: true }\n"))
        .isInstanceOf(StorageConfigurationException.class)
        .hasMessageStartingWith("metrics.enabeld: unknown setting");
  }
}
