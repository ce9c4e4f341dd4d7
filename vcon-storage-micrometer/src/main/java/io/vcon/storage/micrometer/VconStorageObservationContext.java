package io.vcon.storage.micrometer;

import io.micrometer.observation.Observation;
import java.util.Objects;

/**
 * What one store or source operation carries to observation handlers and conventions: the
 * configured store name, the backend (provider id), the operation, the vCon id when there is one,
 * and, once the call returned, its outcome ({@code success}, {@code not_found}, {@code invalid},
 * {@code error}).
 */
public final class VconStorageObservationContext extends Observation.Context {

  private final String store;
  private final String backend;
  private final String operation;
  private final String vconId;
  private volatile String outcome;

  VconStorageObservationContext(String store, String backend, String operation, String vconId) {
    this.store = Objects.requireNonNull(store, "store");
    this.backend = Objects.requireNonNull(backend, "backend");
    this.operation = Objects.requireNonNull(operation, "operation");
    this.vconId = vconId;
  }

  /** The store's configured name (the {@code store} tag), {@code source} for the source. */
  public String store() {
    return store;
  }

  /** The provider id: {@code s3}, {@code file}, {@code redis}, ... */
  public String backend() {
    return backend;
  }

  /** {@code save}, {@code get}, {@code delete}, {@code exists} or {@code list}. */
  public String operation() {
    return operation;
  }

  /** The vCon id, or {@code null} for operations on many (a listing, a batch delete). */
  public String vconId() {
    return vconId;
  }

  /** The outcome once the call returned or threw; {@code null} while it runs. */
  public String outcome() {
    return outcome;
  }

  void outcome(String outcome) {
    this.outcome = outcome;
  }
}
