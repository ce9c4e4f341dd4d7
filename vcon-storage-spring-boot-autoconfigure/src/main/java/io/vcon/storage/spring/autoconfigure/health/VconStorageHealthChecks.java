package io.vcon.storage.spring.autoconfigure.health;

import io.vcon.storage.spi.Diagnosable;
import io.vcon.storage.spi.DiagnosticOptions;
import io.vcon.storage.spi.DiagnosticResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs the quick {@link Diagnosable} checks of one store or the source ({@link
 * DiagnosticOptions#quick()}: reachable, credentials accepted, bucket or directory there; never a
 * write) within a time limit, and turns them into a {@link ComponentHealth}. A check still running
 * from an earlier call is waited for rather than started again, so a hanging backend holds one
 * thread, not one per poll.
 */
public final class VconStorageHealthChecks implements AutoCloseable {

  private final Duration timeout;
  private final ExecutorService executor;

  /**
   * Checks limited to {@code timeout} each.
   *
   * @param timeout how long one component's checks may take before it is reported DOWN
   */
  public VconStorageHealthChecks(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "vcon.storage.health.timeout must be positive, was " + timeout);
    }
    this.timeout = timeout;
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "vcon-storage-health-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * A check of one component.
   *
   * @param name the store's configured name, or {@code source}
   * @param backend the provider id, e.g. {@code s3}
   * @param component supplies the store or source as its adapter made it (before metrics wrap it)
   * @return the check; call {@link Check#run()} on each poll
   */
  public Check check(String name, String backend, Supplier<Object> component) {
    return new Check(name, backend, component);
  }

  /**
   * How long one component's checks may take.
   *
   * @return the time limit ({@code vcon.storage.health.timeout})
   */
  public Duration timeout() {
    return timeout;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  /** The checks of one store or the source. */
  public final class Check {
    private final String name;
    private final String backend;
    private final Supplier<Object> component;
    private CompletableFuture<List<DiagnosticResult>> inFlight;

    private Check(String name, String backend, Supplier<Object> component) {
      this.name = Objects.requireNonNull(name, "name");
      this.backend = Objects.requireNonNull(backend, "backend");
      this.component = Objects.requireNonNull(component, "component");
    }

    /**
     * Runs the quick checks, or waits for the ones still running.
     *
     * @return the component's health
     */
    public ComponentHealth run() {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("store", name);
      details.put("backend", backend);
      if (!(component.get() instanceof Diagnosable diagnosable)) {
        details.put("reason", "this " + backend + " component offers no checks of its own");
        return new ComponentHealth(ComponentHealth.Status.UNKNOWN, details);
      }
      CompletableFuture<List<DiagnosticResult>> future = start(diagnosable);
      List<DiagnosticResult> results;
      try {
        results = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        details.put("reason", "the checks did not finish within " + timeout.toMillis() + " ms");
        details.put(
            "action",
            "check the network path to the "
                + backend
                + " endpoint, or raise"
                + " vcon.storage.health.timeout");
        return new ComponentHealth(ComponentHealth.Status.DOWN, details);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        details.put("reason", "interrupted");
        return new ComponentHealth(ComponentHealth.Status.DOWN, details);
      } catch (ExecutionException e) {
        // Diagnosable never throws by contract; a third-party one might. Its message could hold
        // anything.
        details.put("reason", "the checks threw " + e.getCause().getClass().getName());
        return new ComponentHealth(ComponentHealth.Status.DOWN, details);
      }
      return fromResults(results, details);
    }

    private synchronized CompletableFuture<List<DiagnosticResult>> start(Diagnosable diagnosable) {
      if (inFlight == null || inFlight.isDone()) {
        inFlight =
            CompletableFuture.supplyAsync(
                () -> diagnosable.diagnose(DiagnosticOptions.quick()), executor);
      }
      return inFlight;
    }
  }

  static ComponentHealth fromResults(List<DiagnosticResult> results, Map<String, Object> details) {
    boolean anyPassed =
        results.stream()
            .anyMatch(
                r ->
                    r.status() == DiagnosticResult.Status.OK
                        || r.status() == DiagnosticResult.Status.WARN);
    boolean anyFailed = results.stream().anyMatch(r -> r.status() == DiagnosticResult.Status.FAIL);
    if (!anyPassed && !anyFailed) {
      // Nothing checked (an in-memory store: "offers no checks of its own"): neither up nor down.
      details.put(
          "reason",
          results.isEmpty()
              ? "this " + details.get("backend") + " component offers no checks of its own"
              : results.get(0).message());
      return new ComponentHealth(ComponentHealth.Status.UNKNOWN, details);
    }
    Map<String, String> checks = new LinkedHashMap<>();
    DiagnosticResult failed = null;
    for (DiagnosticResult r : results) {
      checks.put(r.check(), r.status() + ": " + r.message());
      if (failed == null && r.status() == DiagnosticResult.Status.FAIL) {
        failed = r;
      }
    }
    details.put("checks", checks);
    if (failed == null) {
      return new ComponentHealth(ComponentHealth.Status.UP, details);
    }
    details.put("failedCheck", failed.check());
    details.put("reason", failed.message());
    if (!failed.advice().isEmpty()) {
      details.put("action", failed.advice());
    }
    return new ComponentHealth(ComponentHealth.Status.DOWN, details);
  }
}
