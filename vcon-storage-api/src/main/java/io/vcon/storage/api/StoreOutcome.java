package io.vcon.storage.api;

import java.util.Optional;

/** What happened in one store during a save: success, or the error it raised. */
public final class StoreOutcome {
  private final String store;
  private final VconStorageException error;
  private final boolean deadLettered;

  private StoreOutcome(String store, VconStorageException error, boolean deadLettered) {
    this.store = store;
    this.error = error;
    this.deadLettered = deadLettered;
  }

  public static StoreOutcome success(String store) {
    return new StoreOutcome(store, null, false);
  }

  public static StoreOutcome failure(String store, VconStorageException error) {
    return new StoreOutcome(store, error, false);
  }

  /** A failure whose id was queued in the {@link DeadLetters} for a later replay. */
  public static StoreOutcome deadLettered(String store, VconStorageException error) {
    return new StoreOutcome(store, error, true);
  }

  /** Whether this failed save was queued for replay (always false for a success). */
  public boolean isDeadLettered() {
    return deadLettered;
  }

  /** The store's configured name in the facade. */
  public String store() {
    return store;
  }

  public boolean succeeded() {
    return error == null;
  }

  public Optional<VconStorageException> error() {
    return Optional.ofNullable(error);
  }

  @Override
  public String toString() {
    return store
        + ": "
        + (error == null
            ? "saved"
            : "failed (" + error.getMessage() + ")" + (deadLettered ? ", dead-lettered" : ""));
  }
}
