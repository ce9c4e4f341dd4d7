package io.vcon.storage.micrometer;

import io.vcon.storage.api.DeadLetters;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconSource;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/** A {@link VconSource} that meters another: {@code read} as {@code get}, the id listings as {@code list}. */
final class MeteredVconSource implements VconSource {

  private final VconSource inner;
  private final Recorder recorder;

  MeteredVconSource(VconSource inner, Recorder recorder) {
    this.inner = inner;
    this.recorder = recorder;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public Optional<Vcon> read(VconId id) {
    return recorder.record(
        Recorder.GET, id, () -> inner.read(id), MeteredVconStore::present, MeteredVconStore::size);
  }

  /** Times the call that opens the listing, not the consumption of the (lazy) stream. */
  @Override
  public Stream<VconId> ids() {
    return recorder.record(Recorder.LIST, null, inner::ids, s -> Recorder.SUCCESS, s -> 0);
  }

  @Override
  public Stream<VconId> idsCreatedBetween(Instant from, Instant to) {
    return recorder.record(
        Recorder.LIST,
        null,
        () -> inner.idsCreatedBetween(from, to),
        s -> Recorder.SUCCESS,
        s -> 0);
  }

  /** The inner source's dead letters, unmetered: metering must not hide them from the facade. */
  @Override
  public Optional<DeadLetters> deadLetters() {
    return inner.deadLetters();
  }

  @Override
  public void close() {
    inner.close();
  }

  @Override
  public String toString() {
    return "Metered[" + recorder.store() + ": " + inner.name() + "]";
  }
}
