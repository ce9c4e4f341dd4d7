package io.vcon.storage.micrometer;

import io.vcon.storage.api.Capability;
import io.vcon.storage.api.IdPolicy;
import io.vcon.storage.api.RawObjects;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconStore;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A {@link VconStore} that meters another. It changes nothing: same capabilities, same results, and every
 * exception (including {@code UnsupportedCapabilityException} from an optional operation) is the inner store's.
 */
final class MeteredVconStore implements VconStore {

  private final VconStore inner;
  private final Recorder recorder;

  MeteredVconStore(VconStore inner, Recorder recorder) {
    this.inner = inner;
    this.recorder = recorder;
  }

  VconStore inner() {
    return inner;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public void put(Vcon vcon) {
    recorder.record(
        Recorder.SAVE,
        vcon.id(),
        () -> {
          inner.put(vcon);
          return vcon;
        },
        v -> Recorder.SUCCESS,
        Vcon::size);
  }

  @Override
  public boolean putIfAbsent(Vcon vcon) {
    // Nothing written is still a successful call; only written bytes are counted.
    return recorder.record(
        Recorder.SAVE,
        vcon.id(),
        () -> inner.putIfAbsent(vcon),
        written -> Recorder.SUCCESS,
        w -> w ? vcon.size() : 0);
  }

  @Override
  public Optional<Vcon> get(VconId id) {
    return recorder.record(
        Recorder.GET, id, () -> inner.get(id), MeteredVconStore::present, MeteredVconStore::size);
  }

  @Override
  public Optional<Vcon> get(VconId id, LocalDate day) {
    return recorder.record(
        Recorder.GET,
        id,
        () -> inner.get(id, day),
        MeteredVconStore::present,
        MeteredVconStore::size);
  }

  @Override
  public boolean delete(VconId id) {
    return recorder.record(
        Recorder.DELETE, id, () -> inner.delete(id), MeteredVconStore::found, b -> 0);
  }

  @Override
  public boolean exists(VconId id) {
    return recorder.record(
        Recorder.EXISTS, id, () -> inner.exists(id), MeteredVconStore::found, b -> 0);
  }

  @Override
  public IdPolicy idPolicy() {
    return inner.idPolicy();
  }

  @Override
  public Set<Capability> capabilities() {
    return inner.capabilities();
  }

  /** Times the call that opens the listing, not the consumption of the (lazy) stream. */
  @Override
  public Stream<VconId> list(LocalDate from, LocalDate to) {
    return recorder.record(
        Recorder.LIST, null, () -> inner.list(from, to), s -> Recorder.SUCCESS, s -> 0);
  }

  @Override
  public Set<VconId> deleteAll(Collection<VconId> ids) {
    return recorder.record(
        Recorder.DELETE, null, () -> inner.deleteAll(ids), s -> Recorder.SUCCESS, s -> 0);
  }

  /** Not metered: raw access is for verify and repair tools, and bypasses the store's operations. */
  @Override
  public RawObjects rawObjects() {
    return inner.rawObjects();
  }

  @Override
  public void close() {
    inner.close();
  }

  @Override
  public String toString() {
    return "Metered[" + recorder.store() + ": " + inner.name() + "]";
  }

  static String present(Optional<?> result) {
    return result.isPresent() ? Recorder.SUCCESS : Recorder.NOT_FOUND;
  }

  static String found(boolean result) {
    return result ? Recorder.SUCCESS : Recorder.NOT_FOUND;
  }

  static int size(Optional<Vcon> result) {
    return result.map(Vcon::size).orElse(0);
  }
}
