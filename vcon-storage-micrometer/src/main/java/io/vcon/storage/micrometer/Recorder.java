package io.vcon.storage.micrometer;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.vcon.storage.api.InvalidVconException;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconNotFoundException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * Times one store's or source's calls, records their outcome and bytes, and wraps each in an Observation.
 *
 * <p>Exactly one timer per call: when the observation is live (a registry with handlers), the timer is the
 * observation's, made by Micrometer's {@code DefaultMeterObservationHandler} (Spring Boot registers it); only
 * when there is no live observation does this class record the timer itself. Recording both would count every
 * call twice under Spring Boot.
 */
final class Recorder {

  static final String OPERATIONS = "vcon.storage.operations";
  static final String BYTES = "vcon.storage.bytes";
  static final String CONSERVER_COUNT = "conserver.storage.count";
  static final String CONSERVER_DURATION = "conserver.storage.duration_ms";
  static final VconStorageObservationConvention DEFAULT_CONVENTION =
      new DefaultVconStorageObservationConvention();
  static final String ID_KEY = "vcon.id";

  static final String SAVE = "save";
  static final String GET = "get";
  static final String DELETE = "delete";
  static final String EXISTS = "exists";
  static final String LIST = "list";

  static final String SUCCESS = "success";
  static final String NOT_FOUND = "not_found";
  static final String INVALID = "invalid";
  static final String ERROR = "error";

  private final String store;
  private final String backend;
  private final MetricNaming naming;
  private final Clock clock;
  private final ObservationRegistry observations;
  private final VconStorageObservationConvention convention;
  private final Meter.MeterProvider<Timer> timers;
  private final Meter.MeterProvider<DistributionSummary> bytes;
  private final Meter.MeterProvider<Counter> conserverCount;
  private final Meter.MeterProvider<DistributionSummary> conserverDuration;

  Recorder(
      String store,
      String backend,
      MetricNaming naming,
      MeterRegistry registry,
      ObservationRegistry observations,
      VconStorageObservationConvention convention) {
    this.convention = convention;
    this.store = store;
    this.backend = backend;
    this.naming = naming;
    this.clock = registry.config().clock();
    this.observations = observations;
    Tags ours = Tags.of("store", store, "backend", backend);
    this.timers =
        Timer.builder(OPERATIONS)
            .description("vCon storage operations")
            .tags(ours)
            .withRegistry(registry);
    this.bytes =
        DistributionSummary.builder(BYTES)
            .description("vCon bytes saved and read")
            .baseUnit(BaseUnits.BYTES)
            .tags(ours)
            .withRegistry(registry);
    // vcon-server tags 'backend' with the storage's configured name (conserver/main.py), so we do
    // too.
    Tags conserver = Tags.of("backend", store);
    this.conserverCount =
        Counter.builder(CONSERVER_COUNT)
            .description("vCon saves, as vcon-server counts them")
            .tags(conserver)
            .withRegistry(registry);
    // No base unit: the name already carries it, and a unit would make Prometheus append another.
    this.conserverDuration =
        DistributionSummary.builder(CONSERVER_DURATION)
            .description("vCon save duration in milliseconds, as vcon-server records it")
            .tags(conserver)
            .withRegistry(registry);
  }

  String store() {
    return store;
  }

  String backend() {
    return backend;
  }

  MetricNaming naming() {
    return naming;
  }

  /**
   * Runs {@code call}; records its duration and outcome, and {@code bytesOf(result)} when positive. Whatever
   * {@code call} throws is rethrown unchanged.
   */
  <T> T record(
      String operation,
      VconId id,
      Supplier<T> call,
      Function<T, String> outcomeOf,
      ToIntFunction<T> bytesOf) {
    VconStorageObservationContext context =
        new VconStorageObservationContext(
            store, backend, operation, id == null ? null : id.value());
    Observation observation =
        Observation.createNotStarted(convention, DEFAULT_CONVENTION, () -> context, observations);
    // No live observation (no registry, no handler, or filtered out): no timer would come from it,
    // so time here.
    boolean ownTimer = observation.isNoop();
    observation.start();
    long start = clock.monotonicTime();
    try (Observation.Scope ignored = observation.openScope()) {
      T result = call.get();
      String outcome = outcomeOf.apply(result);
      int size = SUCCESS.equals(outcome) ? bytesOf.applyAsInt(result) : 0;
      context.outcome(outcome);
      finish(operation, outcome, clock.monotonicTime() - start, size, ownTimer);
      return result;
    } catch (RuntimeException | Error e) {
      String outcome = outcomeOf(e);
      context.outcome(outcome);
      finish(operation, outcome, clock.monotonicTime() - start, 0, ownTimer);
      observation.error(e);
      throw e;
    } finally {
      observation.stop();
    }
  }

  static String outcomeOf(Throwable e) {
    if (e instanceof InvalidVconException) {
      return INVALID;
    }
    if (e instanceof VconNotFoundException) {
      return NOT_FOUND;
    }
    return ERROR;
  }

  private void finish(String operation, String outcome, long nanos, int size, boolean ownTimer) {
    if (naming == MetricNaming.CONSERVER) {
      if (SAVE.equals(operation)) {
        // vcon-server knows two outcomes; anything but success is an error on its dashboards.
        String conserverOutcome = SUCCESS.equals(outcome) ? SUCCESS : ERROR;
        conserverCount.withTags("outcome", conserverOutcome).increment();
        conserverDuration.withTags("outcome", conserverOutcome).record(nanos / 1_000_000.0);
      }
      return;
    }
    if (ownTimer) {
      timers
          .withTags("operation", operation, "outcome", outcome)
          .record(nanos, TimeUnit.NANOSECONDS);
    }
    if (size > 0) {
      bytes.withTags("operation", operation, "outcome", outcome).record(size);
    }
  }
}
