package io.vcon.storage.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.vcon.storage.api.BackendException;
import io.vcon.storage.api.Capability;
import io.vcon.storage.api.InvalidVconException;
import io.vcon.storage.api.UnsupportedCapabilityException;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.api.key.MissingCreatedAtPolicy;
import io.vcon.storage.engine.StoreLayout;
import io.vcon.storage.inmemory.InMemoryVconStore;
import io.vcon.storage.tck.SampleVcons;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MeteredStoreTest {

  private MockClock clock;
  private SimpleMeterRegistry registry;
  private TestObservationRegistry observations;

  @BeforeEach
  void registries() {
    clock = new MockClock();
    registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    observations = TestObservationRegistry.create();
    // As Spring Boot does: the timer comes from the observation (see OneTimer for the other
    // set-ups).
    observations
        .observationConfig()
        .observationHandler(new DefaultMeterObservationHandler(registry));
  }

  private VconStore metered(VconStore inner) {
    return Metered.builder(registry)
        .observations(observations)
        .backend("s3")
        .wrap(inner, "primary");
  }

  private Timer timer(String operation, String outcome) {
    return registry
        .get("vcon.storage.operations")
        .tags("store", "primary", "backend", "s3", "operation", operation, "outcome", outcome)
        .timer();
  }

  private DistributionSummary bytes(String operation) {
    return registry
        .get("vcon.storage.bytes")
        .tags("store", "primary", "backend", "s3", "operation", operation, "outcome", "success")
        .summary();
  }

  /** A fault that takes 250 ms of the registry's clock, so durations can be checked exactly. */
  private BackendException slowFault() {
    clock.add(Duration.ofMillis(250));
    return new BackendException("S3 said 503 SlowDown", "some-id", "faulty://bucket", true, null);
  }

  @Nested
  class Outcomes {

    @Test
    void successfulSaveAndGetAreTimedAndTheirBytesCounted() {
      VconStore store = metered(InMemoryVconStore.create());
      Vcon v = SampleVcons.vcon("2024-01-15T10:00:00Z");

      store.put(v);
      assertThat(store.get(v.id()))
          .hasValueSatisfying(r -> assertThat(r.bytes()).isEqualTo(v.bytes()));
      assertThat(store.get(v.id(), LocalDate.of(2024, 1, 15))).isPresent();

      assertThat(timer("save", "success").count()).isEqualTo(1);
      assertThat(timer("get", "success").count()).isEqualTo(2);
      assertThat(bytes("save").count()).isEqualTo(1);
      assertThat(bytes("save").totalAmount()).isEqualTo(v.size());
      assertThat(bytes("get").totalAmount()).isEqualTo(2.0 * v.size());
      assertThat(bytes("get").getId().getBaseUnit()).isEqualTo("bytes");
    }

    @Test
    void absenceIsNotFoundAndCountsNoBytes() {
      VconStore store = metered(InMemoryVconStore.create());
      VconId missing = VconId.of(SampleVcons.newId());

      assertThat(store.get(missing)).isEmpty();
      assertThat(store.delete(missing)).isFalse();
      assertThat(store.exists(missing)).isFalse();

      assertThat(timer("get", "not_found").count()).isEqualTo(1);
      assertThat(timer("delete", "not_found").count()).isEqualTo(1);
      assertThat(timer("exists", "not_found").count()).isEqualTo(1);
      assertThat(registry.find("vcon.storage.bytes").meters()).isEmpty();
    }

    @Test
    void presentExistsAndDeleteAreSuccesses() {
      VconStore store = metered(InMemoryVconStore.create());
      Vcon v = SampleVcons.vcon("2024-01-15T10:00:00Z");
      store.put(v);

      assertThat(store.exists(v.id())).isTrue();
      assertThat(store.delete(v.id())).isTrue();

      assertThat(timer("exists", "success").count()).isEqualTo(1);
      assertThat(timer("delete", "success").count()).isEqualTo(1);
    }

    @Test
    void invalidInputIsInvalidAndTheExceptionIsTheInnerStores() {
      StoreLayout rejecting =
          StoreLayout.of(
              KeyStrategy.vconServer(null), MissingCreatedAtPolicy.REJECT, Clock.systemUTC());
      VconStore inner = InMemoryVconStore.create(rejecting);
      VconStore store = metered(inner);
      Vcon undated = SampleVcons.vcon(SampleVcons.newId(), null);

      Throwable direct = Assertions.catchThrowable(() -> inner.put(undated));
      assertThatThrownBy(() -> store.put(undated))
          .isInstanceOf(InvalidVconException.class)
          .hasMessage(direct.getMessage());

      assertThat(timer("save", "invalid").count()).isEqualTo(1);
      assertThat(registry.find("vcon.storage.bytes").meters()).isEmpty();
      assertThat(store.exists(undated.id())).isFalse();
    }

    @Test
    void backendFailuresAreErrorsTimedAndRethrownUnchanged() {
      BackendException[] thrown = new BackendException[1];
      VconStore store = metered(new FaultyStore(() -> thrown[0] = slowFault()));
      Vcon v = SampleVcons.vcon("2024-01-15T10:00:00Z");

      assertThatThrownBy(() -> store.put(v)).isSameAs(thrown[0]);
      assertThatThrownBy(() -> store.get(v.id())).isSameAs(thrown[0]);
      assertThatThrownBy(() -> store.delete(v.id())).isSameAs(thrown[0]);
      assertThatThrownBy(() -> store.exists(v.id())).isSameAs(thrown[0]);

      assertThat(timer("save", "error").count()).isEqualTo(1);
      assertThat(timer("save", "error").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(250.0);
      assertThat(timer("get", "error").count()).isEqualTo(1);
      assertThat(timer("delete", "error").count()).isEqualTo(1);
      assertThat(timer("exists", "error").count()).isEqualTo(1);
    }

    @Test
    void putIfAbsentIsASaveThatCountsOnlyWrittenBytes() {
      VconStore store = metered(InMemoryVconStore.create());
      Vcon v = SampleVcons.vcon("2024-01-15T10:00:00Z");

      assertThat(store.putIfAbsent(v)).isTrue();
      assertThat(store.putIfAbsent(v)).isFalse();

      assertThat(timer("save", "success").count()).isEqualTo(2);
      assertThat(bytes("save").count()).isEqualTo(1);
    }

    @Test
    void listAndDeleteAllAreTimed() {
      VconStore store = metered(InMemoryVconStore.create());
      Vcon v = SampleVcons.vcon("2024-01-15T10:00:00Z");
      store.put(v);

      try (Stream<VconId> ids = store.list(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31))) {
        assertThat(ids).containsExactly(v.id());
      }
      assertThat(store.deleteAll(List.of(v.id()))).containsExactly(v.id());

      assertThat(timer("list", "success").count()).isEqualTo(1);
      assertThat(timer("delete", "success").count()).isEqualTo(1);
    }
  }

  @Nested
  class ChangesNoBehaviour {

    @Test
    void capabilitiesAndNameAreTheInnerStores() {
      VconStore inner = InMemoryVconStore.create();
      VconStore store = metered(inner);
      assertThat(store.capabilities())
          .isEqualTo(inner.capabilities())
          .contains(Capability.values());
      assertThat(store.name()).isEqualTo(inner.name());
      assertThat(metered(new FaultyStore(() -> new IllegalStateException("unused"))).capabilities())
          .isEmpty();
    }

    @Test
    void optionalOperationsAreRefusedByTheInnerStore() {
      VconStore store = metered(new FaultyStore(() -> new IllegalStateException("unused")));
      Vcon v = SampleVcons.vcon("2024-01-15T10:00:00Z");

      assertThatThrownBy(() -> store.list(LocalDate.MIN, LocalDate.MAX))
          .isInstanceOf(UnsupportedCapabilityException.class)
          .hasMessageContaining("faulty://bucket");
      assertThatThrownBy(() -> store.putIfAbsent(v))
          .isInstanceOf(UnsupportedCapabilityException.class);
      assertThatThrownBy(() -> store.deleteAll(Set.of(v.id())))
          .isInstanceOf(UnsupportedCapabilityException.class);
      assertThatThrownBy(store::rawObjects).isInstanceOf(UnsupportedCapabilityException.class);
      assertThat(timer("list", "error").count()).isEqualTo(1);
    }

    @Test
    void closeClosesTheInnerStore() {
      FaultyStore inner = new FaultyStore(() -> new IllegalStateException("unused"));
      metered(inner).close();
      assertThat(inner.closed).isTrue();
    }

    @Test
    void backendDefaultsToTheSchemeOfTheStoreName() {
      VconStore store = Metered.wrap(InMemoryVconStore.create(), registry, "mem");
      store.exists(VconId.of(SampleVcons.newId()));
      assertThat(
              registry
                  .get("vcon.storage.operations")
                  .tags("store", "mem", "backend", "memory")
                  .timer()
                  .count())
          .isEqualTo(1);
      assertThat(store.toString()).startsWith("Metered[mem: memory:");
      assertThat(Metered.backendOf("no scheme here")).isEqualTo("unknown");
    }

    @Test
    void aBlankNameIsRefused() {
      assertThatThrownBy(() -> Metered.wrap(InMemoryVconStore.create(), registry, " "))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'store' tag");
    }
  }

  @Nested
  class Observations {

    @Test
    void eachOperationIsAnObservationWithTheIdAsAHighCardinalityValue() {
      VconStore store = metered(InMemoryVconStore.create());
      Vcon v = SampleVcons.vcon("2024-01-15T10:00:00Z");
      store.put(v);

      TestObservationRegistryAssert.assertThat(observations)
          .hasSingleObservationThat()
          .hasNameEqualTo("vcon.storage.operations")
          .hasContextualNameEqualTo("vcon save")
          .hasLowCardinalityKeyValue("store", "primary")
          .hasLowCardinalityKeyValue("backend", "s3")
          .hasLowCardinalityKeyValue("operation", "save")
          .hasLowCardinalityKeyValue("outcome", "success")
          .hasHighCardinalityKeyValue("vcon.id", v.id().value())
          .doesNotHaveLowCardinalityKeyValueWithKey("vcon.id")
          .doesNotHaveError()
          .hasBeenStarted()
          .hasBeenStopped();
    }

    @Test
    void aFailureIsRecordedOnTheObservation() {
      VconStore store = metered(new FaultyStore(this::fault));
      VconId id = VconId.of(SampleVcons.newId());
      assertThatThrownBy(() -> store.get(id)).isInstanceOf(BackendException.class);

      TestObservationRegistryAssert.assertThat(observations)
          .hasSingleObservationThat()
          .hasLowCardinalityKeyValue("operation", "get")
          .hasLowCardinalityKeyValue("outcome", "error")
          .hasHighCardinalityKeyValue("vcon.id", id.value())
          .hasError()
          .hasBeenStopped();
    }

    private RuntimeException fault() {
      return new BackendException("connection reset", null, "faulty://bucket", true, null);
    }
  }

  @Test
  void theIdIsNeverATag() {
    VconStore store = metered(InMemoryVconStore.create());
    Vcon v = SampleVcons.vcon("2024-01-15T10:00:00Z");
    store.put(v);
    store.get(v.id());
    store.exists(VconId.of(SampleVcons.newId()));
    store.delete(v.id());

    assertThat(registry.getMeters()).isNotEmpty();
    for (Meter meter : registry.getMeters()) {
      for (Tag tag : meter.getId().getTags()) {
        assertThat(tag.getKey()).doesNotContain("id");
        assertThat(tag.getValue()).doesNotContain(v.id().value());
      }
      // "error" is the tag Micrometer's observation handler adds to the timer it makes.
      assertThat(meter.getId().getTags())
          .extracting(Tag::getKey)
          .containsAnyOf("store", "backend", "operation", "outcome")
          .isSubsetOf("store", "backend", "operation", "outcome", "error");
    }
  }

  @Nested
  @DisplayName("exactly one timer per call, whoever makes it")
  class OneTimer {

    private List<Timer> timers() {
      return registry.getMeters().stream()
          .filter(Timer.class::isInstance)
          .map(Timer.class::cast)
          .toList();
    }

    private void save(VconStore store) {
      store.put(SampleVcons.vcon("2024-01-15T10:00:00Z"));
    }

    @Test
    @DisplayName(
        "with Micrometer's default meter handler (Spring Boot's set-up) the observation's timer is"
            + " the one")
    void underTheDefaultMeterHandlerTheTimerIsTheObservations() {
      ObservationRegistry boot = ObservationRegistry.create();
      boot.observationConfig().observationHandler(new DefaultMeterObservationHandler(registry));
      save(Metered.wrap(InMemoryVconStore.create(), registry, boot, "primary"));

      assertThat(timers())
          .singleElement()
          .satisfies(
              t -> {
                assertThat(t.getId().getName()).isEqualTo("vcon.storage.operations");
                assertThat(t.getId().getTag("outcome")).isEqualTo("success");
                assertThat(t.getId().getTag("error")).isEqualTo("none");
                assertThat(t.count()).isEqualTo(1);
              });
    }

    @Test
    @DisplayName(
        "without observations, or with a registry that has no handler, the decorator times the"
            + " call")
    void withoutALiveObservationTheDecoratorTimes() {
      save(Metered.wrap(InMemoryVconStore.create(), registry, "primary"));
      save(
          Metered.wrap(
              InMemoryVconStore.create(), registry, ObservationRegistry.create(), "primary"));

      assertThat(timers())
          .singleElement()
          .satisfies(
              t -> {
                assertThat(t.getId().getTag("error")).isNull();
                assertThat(t.count()).isEqualTo(2);
              });
    }

    @Test
    @DisplayName("a convention renames the observation, and so its timer, and adds a tag")
    void aConventionRenamesAndAddsTags() {
      ObservationRegistry boot = ObservationRegistry.create();
      boot.observationConfig().observationHandler(new DefaultMeterObservationHandler(registry));
      VconStorageObservationConvention renamed =
          new DefaultVconStorageObservationConvention() {
            @Override
            public String getName() {
              return "archive.writes";
            }

            @Override
            public KeyValues getLowCardinalityKeyValues(VconStorageObservationContext context) {
              return super.getLowCardinalityKeyValues(context).and("tenant", "acme");
            }
          };
      save(
          Metered.builder(registry)
              .observations(boot)
              .observationConvention(renamed)
              .wrap(InMemoryVconStore.create(), "primary"));

      assertThat(timers())
          .singleElement()
          .satisfies(
              t -> {
                assertThat(t.getId().getName()).isEqualTo("archive.writes");
                assertThat(t.getId().getTag("tenant")).isEqualTo("acme");
                assertThat(t.getId().getTag("operation")).isEqualTo("save");
              });
    }
  }

  @Nested
  class ConserverNaming {

    // Observed, but without a meter handler: a handler would add its timer beside vcon-server's
    // meters.
    private final TestObservationRegistry traced = TestObservationRegistry.create();

    private VconStore conserver(VconStore inner) {
      return Metered.wrap(inner, registry, traced, "s3", MetricNaming.CONSERVER);
    }

    @Test
    void savesAreCountedAndTimedInMillisecondsUnderVconServersNames() {
      VconStore good = conserver(InMemoryVconStore.create());
      VconStore bad = conserver(new FaultyStore(MeteredStoreTest.this::slowFault));
      Vcon v = SampleVcons.vcon("2024-01-15T10:00:00Z");

      good.put(v);
      good.put(v);
      assertThatThrownBy(() -> bad.put(v)).isInstanceOf(BackendException.class);

      assertThat(
              registry
                  .get("conserver.storage.count")
                  .tags("backend", "s3", "outcome", "success")
                  .counter()
                  .count())
          .isEqualTo(2);
      assertThat(
              registry
                  .get("conserver.storage.count")
                  .tags("backend", "s3", "outcome", "error")
                  .counter()
                  .count())
          .isEqualTo(1);
      DistributionSummary errors =
          registry
              .get("conserver.storage.duration_ms")
              .tags("backend", "s3", "outcome", "error")
              .summary();
      assertThat(errors.totalAmount()).isEqualTo(250.0);
      assertThat(errors.getId().getBaseUnit()).isNull();
      assertThat(registry.find("vcon.storage.operations").meters()).isEmpty();
      assertThat(registry.find("vcon.storage.bytes").meters()).isEmpty();
    }

    @Test
    void otherOperationsRecordNoConserverMetersButAreStillObserved() {
      VconStore store = conserver(InMemoryVconStore.create());
      store.get(VconId.of(SampleVcons.newId()));
      store.exists(VconId.of(SampleVcons.newId()));

      assertThat(registry.getMeters()).isEmpty();
      TestObservationRegistryAssert.assertThat(traced).hasNumberOfObservationsEqualTo(2);
    }

    @Test
    void invalidSavesAreErrorsAsVconServerKnowsOnlyTwoOutcomes() {
      VconStore store =
          conserver(
              InMemoryVconStore.create(
                  StoreLayout.of(
                      KeyStrategy.vconServer(null),
                      MissingCreatedAtPolicy.REJECT,
                      Clock.systemUTC())));
      assertThatThrownBy(() -> store.put(SampleVcons.vcon(SampleVcons.newId(), null)))
          .isInstanceOf(InvalidVconException.class);
      assertThat(registry.get("conserver.storage.count").tags("outcome", "error").counter().count())
          .isEqualTo(1);
    }

    @Test
    void namingIsReadFromItsYamlId() {
      assertThat(MetricNaming.of("Conserver")).isEqualTo(MetricNaming.CONSERVER);
      assertThat(MetricNaming.of("vcon")).isEqualTo(MetricNaming.VCON_STORAGE);
      assertThatThrownBy(() -> MetricNaming.of("statsd"))
          .hasMessageContaining("'vcon' or 'conserver'");
    }
  }
}
