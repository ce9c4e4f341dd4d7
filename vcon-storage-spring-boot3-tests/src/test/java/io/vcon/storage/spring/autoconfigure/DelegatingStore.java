package io.vcon.storage.spring.autoconfigure;

import io.vcon.storage.api.Capability;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconStore;
import java.util.Optional;
import java.util.Set;

/** A store that delegates every call, and says when it is closed. */
public class DelegatingStore implements VconStore {
  private final VconStore inner;
  private final Runnable onClose;

  public DelegatingStore(VconStore inner) {
    this(inner, () -> {});
  }

  public DelegatingStore(VconStore inner, Runnable onClose) {
    this.inner = inner;
    this.onClose = onClose;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public void put(Vcon vcon) {
    inner.put(vcon);
  }

  @Override
  public Optional<Vcon> get(VconId id) {
    return inner.get(id);
  }

  @Override
  public boolean delete(VconId id) {
    return inner.delete(id);
  }

  @Override
  public boolean exists(VconId id) {
    return inner.exists(id);
  }

  @Override
  public Set<Capability> capabilities() {
    return inner.capabilities();
  }

  @Override
  public void close() {
    onClose.run();
    inner.close();
  }
}
