package io.vcon.storage.api;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/** Where vCons are read from before they are stored: Redis, as vcon-server keeps them, or memory. */
public interface VconSource extends AutoCloseable {

  /** Describes this source for messages, e.g. {@code redis://host:6379/0}; never contains a secret. */
  String name();

  /**
   * The vCon under this id, validated (its {@code uuid} equals the id); empty when the source has none.
   *
   * @throws InvalidVconException when the source holds something that is not this vCon
   */
  Optional<Vcon> read(VconId id);

  /** Every id the source holds. Close the stream. */
  Stream<VconId> ids();

  /** Ids of vCons created in {@code [from, to)}, from the source's index. Close the stream. */
  Stream<VconId> idsCreatedBetween(Instant from, Instant to);

  /**
   * The dead-letter queue this source keeps, when it keeps one and it is switched on (the Redis source's
   * {@code dead_letter} option); the facade built from configuration uses it. Empty by default.
   */
  default Optional<DeadLetters> deadLetters() {
    return Optional.empty();
  }

  @Override
  void close();
}
