package io.vcon.storage.engine;

import io.vcon.storage.api.Capability;
import io.vcon.storage.api.IdPolicy;
import io.vcon.storage.api.RawObjects;
import io.vcon.storage.api.UnsupportedCapabilityException;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconConflictException;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconStore;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A store's write-once mode ({@code overwrite: false}): {@link #put} saves only what is not there yet, through
 * the store's conditional write. Saving the same bytes again succeeds (a retried save is idempotent); saving
 * other bytes under an existing id throws {@link VconConflictException} and leaves the stored copy alone.
 */
public final class WriteOnceVconStore implements VconStore {

  private final VconStore delegate;

  private WriteOnceVconStore(VconStore delegate) {
    this.delegate = delegate;
  }

  /**
   * {@code store} in write-once mode.
   *
   * @throws UnsupportedCapabilityException when it cannot write conditionally
   */
  public static VconStore of(VconStore store) {
    Objects.requireNonNull(store, "store");
    if (!store.capabilities().contains(Capability.CONDITIONAL_WRITE)) {
      throw new UnsupportedCapabilityException(Capability.CONDITIONAL_WRITE, store.name());
    }
    return new WriteOnceVconStore(store);
  }

  @Override
  public void put(Vcon vcon) {
    // Two rounds: between a refused write and our read, another writer may have deleted the copy.
    for (int round = 0; round < 2; round++) {
      if (delegate.putIfAbsent(vcon)) {
        return;
      }
      Optional<Vcon> existing = delegate.get(vcon.id());
      if (existing.isEmpty() && vcon.createdAt().isPresent()) {
        // What refused us may be an object without its pointer (a writer that stopped before
        // committing, or
        // one still writing), which get(id) cannot see: compare with the object where ours would
        // go.
        existing = delegate.get(vcon.id(), vcon.createdAt().get().localDate());
      }
      if (existing.isPresent()) {
        if (existing.get().sameContentAs(vcon)) {
          return;
        }
        throw new VconConflictException(
            vcon.id(),
            delegate.name(),
            "the store is write-once (overwrite: false): the stored copy has "
                + existing.get().size()
                + " bytes, this one "
                + vcon.size()
                + ". Nothing was written; delete the vCon first to replace it.");
      }
    }
    throw new VconConflictException(
        vcon.id(),
        delegate.name(),
        "another writer keeps saving and deleting it concurrently; nothing was written.");
  }

  @Override
  public boolean putIfAbsent(Vcon vcon) {
    return delegate.putIfAbsent(vcon);
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public Optional<Vcon> get(VconId id) {
    return delegate.get(id);
  }

  @Override
  public Optional<Vcon> get(VconId id, LocalDate day) {
    return delegate.get(id, day);
  }

  @Override
  public boolean delete(VconId id) {
    return delegate.delete(id);
  }

  @Override
  public boolean exists(VconId id) {
    return delegate.exists(id);
  }

  @Override
  public IdPolicy idPolicy() {
    return delegate.idPolicy();
  }

  @Override
  public Set<Capability> capabilities() {
    return delegate.capabilities();
  }

  @Override
  public Stream<VconId> list(LocalDate from, LocalDate to) {
    return delegate.list(from, to);
  }

  @Override
  public Set<VconId> deleteAll(Collection<VconId> ids) {
    return delegate.deleteAll(ids);
  }

  @Override
  public RawObjects rawObjects() {
    return delegate.rawObjects();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    return delegate + " (write-once)";
  }
}
