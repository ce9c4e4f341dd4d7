package io.vcon.storage.api;

/** A write-once store already holds this vCon with different content, so the write was refused. */
public final class VconConflictException extends VconStorageException {
  private static final long serialVersionUID = 1L;

  public VconConflictException(VconId id, String store, String detail) {
    super(
        "vCon " + id + " already exists in " + store + " with different content; " + detail,
        id.value(),
        store,
        null);
  }
}
