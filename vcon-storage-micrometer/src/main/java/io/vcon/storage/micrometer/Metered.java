package io.vcon.storage.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.vcon.storage.api.VconSource;
import io.vcon.storage.api.VconStore;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Meters any {@link VconStore} or {@link VconSource} with Micrometer; the adapters know nothing of it.
 *
 * <pre>{@code
 * VconStore store = Metered.wrap(s3Store, meterRegistry, "s3");
 * VconStore traced = Metered.builder(meterRegistry)
 *     .observations(observationRegistry)      // a span per operation with Micrometer Tracing
 *     .naming(MetricNaming.CONSERVER)         // vcon-server's meter names
 *     .backend("s3")
 *     .wrap(s3Store, "s3");
 * }</pre>
 *
 * The wrapper changes no behaviour: same capabilities, same results, the inner store's exceptions rethrown
 * unchanged. Closing it closes the inner store. See {@code docs/metrics.md} for the meters.
 */
public final class Metered {

  // The scheme of names such as "s3://bucket/prefix" or "memory:vcons", when the caller gives no
  // backend.
  private static final Pattern SCHEME = Pattern.compile("([a-z][a-z0-9+.-]*):.*", Pattern.DOTALL);
  static final String UNKNOWN_BACKEND = "unknown";

  private Metered() {}

  /** {@code store}, metered into {@code registry} with our meter names and tagged {@code store=name}. */
  public static VconStore wrap(VconStore store, MeterRegistry registry, String name) {
    return builder(registry).wrap(store, name);
  }

  /** As {@link #wrap(VconStore, MeterRegistry, String)}, with an {@code Observation} per operation. */
  public static VconStore wrap(
      VconStore store, MeterRegistry registry, ObservationRegistry observations, String name) {
    return builder(registry).observations(observations).wrap(store, name);
  }

  /** As {@link #wrap(VconStore, MeterRegistry, ObservationRegistry, String)}, under {@code naming}'s names. */
  public static VconStore wrap(
      VconStore store,
      MeterRegistry registry,
      ObservationRegistry observations,
      String name,
      MetricNaming naming) {
    return builder(registry).observations(observations).naming(naming).wrap(store, name);
  }

  /** {@code source}, metered: {@code read} as operation {@code get}, the id listings as {@code list}. */
  public static VconSource wrap(VconSource source, MeterRegistry registry, String name) {
    return builder(registry).wrap(source, name);
  }

  /** As {@link #wrap(VconSource, MeterRegistry, String)}, with an {@code Observation} per operation. */
  public static VconSource wrap(
      VconSource source, MeterRegistry registry, ObservationRegistry observations, String name) {
    return builder(registry).observations(observations).wrap(source, name);
  }

  /** For the other settings: observations, naming, backend tag. */
  public static Builder builder(MeterRegistry registry) {
    return new Builder(registry);
  }

  /** The backend tag for a store or source named {@code name}: its scheme ({@code s3}, {@code memory}), else unknown. */
  static String backendOf(String name) {
    var m = name == null ? null : SCHEME.matcher(name);
    return m != null && m.matches() ? m.group(1) : UNKNOWN_BACKEND;
  }

  /** Settings for metering; reusable, each {@code wrap} makes a new wrapper. */
  public static final class Builder {
    private final MeterRegistry registry;
    private ObservationRegistry observations = ObservationRegistry.NOOP;
    private MetricNaming naming = MetricNaming.VCON_STORAGE;
    private String backend;
    private VconStorageObservationConvention convention;

    private Builder(MeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Where observations go; {@link ObservationRegistry#NOOP} (none) by default. When the registry has handlers,
     * the timer {@code vcon.storage.operations} is the observation's (register Micrometer's
     * {@code DefaultMeterObservationHandler} on it, as Spring Boot does), so no call is timed twice.
     */
    public Builder observations(ObservationRegistry observations) {
      this.observations = Objects.requireNonNull(observations, "observations");
      return this;
    }

    /**
     * A convention that renames the observation (and so its timer) or adds key values; by default
     * {@link DefaultVconStorageObservationConvention}, or a matching {@code GlobalObservationConvention}
     * registered on the observation registry.
     */
    public Builder observationConvention(VconStorageObservationConvention convention) {
      this.convention = Objects.requireNonNull(convention, "convention");
      return this;
    }

    /** Our meter names (default) or vcon-server's. */
    public Builder naming(MetricNaming naming) {
      this.naming = Objects.requireNonNull(naming, "naming");
      return this;
    }

    /**
     * The {@code backend} tag, the provider id ({@code s3}, {@code file}, {@code redis}); by default the scheme
     * of the store's {@code name()}, or {@code unknown}.
     */
    public Builder backend(String backend) {
      this.backend = Objects.requireNonNull(backend, "backend");
      return this;
    }

    /** {@code store}, metered and tagged {@code store=name} (the name it has in your configuration). */
    public VconStore wrap(VconStore store, String name) {
      Objects.requireNonNull(store, "store");
      return new MeteredVconStore(store, recorder(name, store.name()));
    }

    /** {@code source}, metered and tagged {@code store=name}. */
    public VconSource wrap(VconSource source, String name) {
      Objects.requireNonNull(source, "source");
      return new MeteredVconSource(source, recorder(name, source.name()));
    }

    private Recorder recorder(String name, String innerName) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("name must not be blank: it is the 'store' tag");
      }
      return new Recorder(
          name,
          backend != null ? backend : backendOf(innerName),
          naming,
          registry,
          observations,
          convention);
    }

    @Override
    public String toString() {
      return "Metered.Builder[naming="
          + naming
          + ", backend="
          + (backend == null ? "from name" : backend)
          + "]";
    }
  }
}
