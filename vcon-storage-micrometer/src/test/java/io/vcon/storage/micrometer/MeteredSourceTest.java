package io.vcon.storage.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.vcon.storage.api.InvalidVconException;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconSource;
import io.vcon.storage.inmemory.InMemoryVconSource;
import io.vcon.storage.tck.SampleVcons;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MeteredSourceTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final TestObservationRegistry observations = TestObservationRegistry.create();

  {
    // As Spring Boot does: the timer comes from the observation.
    observations
        .observationConfig()
        .observationHandler(new DefaultMeterObservationHandler(registry));
  }

  private final InMemoryVconSource backing = InMemoryVconSource.create();
  private final VconSource source = Metered.wrap(backing, registry, observations, "source");

  private double count(String operation, String outcome) {
    return registry
        .get("vcon.storage.operations")
        .tags("store", "source", "backend", "unknown", "operation", operation, "outcome", outcome)
        .timer()
        .count();
  }

  @Test
  void readsAreGetsWithEveryOutcome() {
    Vcon v = SampleVcons.vcon("2024-01-15T10:00:00Z");
    backing.put(v);
    String wrongId = SampleVcons.newId();
    backing.putRaw(
        wrongId, SampleVcons.json(SampleVcons.newId(), null, "").getBytes(StandardCharsets.UTF_8));

    assertThat(source.read(v.id())).isPresent();
    assertThat(source.read(VconId.of(SampleVcons.newId()))).isEmpty();
    assertThatThrownBy(() -> source.read(VconId.of(wrongId)))
        .isInstanceOf(InvalidVconException.class);

    assertThat(count("get", "success")).isEqualTo(1);
    assertThat(count("get", "not_found")).isEqualTo(1);
    assertThat(count("get", "invalid")).isEqualTo(1);
    assertThat(registry.get("vcon.storage.bytes").tags("operation", "get").summary().totalAmount())
        .isEqualTo(v.size());
    TestObservationRegistryAssert.assertThat(observations)
        .hasNumberOfObservationsWithNameEqualTo("vcon.storage.operations", 3)
        .hasAnObservationWithAKeyValue("vcon.id", wrongId);
  }

  @Test
  void idListingsAreLists() {
    Vcon v = SampleVcons.vcon("2024-01-15T10:00:00Z");
    backing.put(v);
    try (Stream<VconId> all = source.ids();
        Stream<VconId> between =
            source.idsCreatedBetween(
                Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-02-01T00:00:00Z"))) {
      assertThat(all).containsExactly(v.id());
      assertThat(between).containsExactly(v.id());
    }
    assertThat(count("list", "success")).isEqualTo(2);
    assertThat(source.name()).isEqualTo(backing.name());
  }
}
