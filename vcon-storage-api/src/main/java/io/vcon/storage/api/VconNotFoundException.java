package io.vcon.storage.api;

/** No vCon with this id exists where it was looked for. Ports return {@code Optional}; only the facade throws this. */
public final class VconNotFoundException extends VconStorageException {
  private static final long serialVersionUID = 1L;

  public VconNotFoundException(VconId id, String where) {
    super("vCon " + id + " was not found in " + where + ".", id.value(), where, null);
  }
}
