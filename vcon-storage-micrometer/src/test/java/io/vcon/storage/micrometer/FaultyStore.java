package io.vcon.storage.micrometer;

import io.vcon.storage.api.Capability;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconStore;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Fault injection: a store whose every operation throws what it is given; declares no optional capability. */
final class FaultyStore implements VconStore {

  private final Supplier<RuntimeException> fault;
  boolean closed;

  FaultyStore(Supplier<RuntimeException> fault) {
    this.fault = fault;
  }

  @Override
  public String name() {
    return "faulty://bucket";
  }

  @Override
  public void put(Vcon vcon) {
    throw fault.get();
  }

  @Override
  public Optional<Vcon> get(VconId id) {
    throw fault.get();
  }

  @Override
  public boolean delete(VconId id) {
    throw fault.get();
  }

  @Override
  public boolean exists(VconId id) {
    throw fault.get();
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of();
  }

  @Override
  public void close() {
    closed = true;
  }
}
