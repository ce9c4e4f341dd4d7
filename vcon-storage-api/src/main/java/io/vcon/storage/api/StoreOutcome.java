package io.vcon.storage.api;

import java.util.Optional;

/** What happened in one store during a save: success, or the error it raised. */
public final class StoreOutcome {
  private final String store;
  private final VconStorageException error;

  private StoreOutcome(String store, VconStorageException error) {
    this.store = store;
    this.error = error;
  }

  public static StoreOutcome success(String store) {
    return new StoreOutcome(store, null);
  }

  public static StoreOutcome failure(String store, VconStorageException error) {
    return new StoreOutcome(store, error);
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
    return store + ": " + (error == null ? "saved" : "failed (" + error.getMessage() + ")");
  }
}
