package io.vcon.storage.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vcon.storage.api.Storage;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.config.ConfigLoader;
import io.vcon.storage.config.VconStorageConfig;
import io.vcon.storage.tck.SampleVcons;
import org.junit.jupiter.api.Test;

/** The YAML 'metrics' section, applied. */
class MeteredConfigTest {

  private static final String STORES =
      "source: { module: memory }\n"
          + "storages:\n"
          + "  primary: { module: memory }\n"
          + "  backup: { module: memory }\n";

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private static VconStorageConfig parse(String yaml) {
    return ConfigLoader.builder().build().parse(yaml);
  }

  @Test
  void metricsTrueMetersEveryStoreAndTheSourceTaggedWithTheProviderId() {
    Vcon v = SampleVcons.vcon("2024-01-15T10:00:00Z");
    try (Storage storage =
        MeteredConfig.buildStorage(parse("metrics: true\n" + STORES), registry)) {
      storage.save(v);
      assertThat(storage.stores().get("primary")).isInstanceOf(MeteredVconStore.class);
    }
    for (String store : new String[] {"primary", "backup"}) {
      assertThat(
              registry
                  .get("vcon.storage.operations")
                  .tags(
                      "store",
                      store,
                      "backend",
                      "memory",
                      "operation",
                      "save",
                      "outcome",
                      "success")
                  .timer()
                  .count())
          .isEqualTo(1);
    }
  }

  @Test
  void conserverNamingFromYaml() {
    Vcon v = SampleVcons.vcon("2024-01-15T10:00:00Z");
    try (Storage storage =
        MeteredConfig.buildStorage(parse("metrics: { naming: conserver }\n" + STORES), registry)) {
      storage.save(v);
    }
    assertThat(
            registry
                .get("conserver.storage.count")
                .tags("backend", "backup", "outcome", "success")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void withoutTheSectionNothingIsMetered() {
    try (Storage storage = MeteredConfig.buildStorage(parse(STORES), registry)) {
      storage.save(SampleVcons.vcon("2024-01-15T10:00:00Z"));
      assertThat(storage.stores().get("primary")).isNotInstanceOf(MeteredVconStore.class);
    }
    assertThat(registry.getMeters()).isEmpty();
  }
}
