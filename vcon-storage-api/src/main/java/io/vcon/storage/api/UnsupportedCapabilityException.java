package io.vcon.storage.api;

/** An optional operation was called on a store that does not declare the {@link Capability} it needs. */
public final class UnsupportedCapabilityException extends VconStorageException {
  private static final long serialVersionUID = 1L;

  private final Capability capability;

  public UnsupportedCapabilityException(Capability capability, String store) {
    super(
        "Store "
            + store
            + " does not support "
            + capability
            + " ("
            + capability.description()
            + "); check store.capabilities() before calling it, or use a store that declares it.",
        null,
        store,
        null);
    this.capability = capability;
  }

  public Capability capability() {
    return capability;
  }
}
