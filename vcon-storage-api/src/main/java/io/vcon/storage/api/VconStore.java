package io.vcon.storage.api;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where vCons are kept: S3, a directory, memory. The port every storage adapter implements.
 *
 * <p>Absence is an empty {@code Optional} or {@code false}; failures are {@link VconStorageException}s.
 *
 * <p>An adapter implements six methods: {@link #name()}, {@link #put}, {@link #get(VconId)},
 * {@link #delete}, {@link #exists} and {@link #close()}. The optional operations at the bottom work only where
 * {@link #capabilities()} declares them, and throw {@link UnsupportedCapabilityException} otherwise, never
 * silently do nothing. They stay default methods rather than optional interfaces so that a decorator (metrics,
 * write-once) can pass on exactly the abilities of the store it wraps (ADR 0015). Most adapters implement
 * neither: they implement {@code io.vcon.storage.engine.ObjectBackend} and get all of it from the engine.
 */
public interface VconStore extends AutoCloseable {

  /** Describes this store for messages and logs, e.g. {@code s3://bucket/vcons}; never contains a secret. */
  String name();

  /**
   * Stores a vCon's bytes unchanged, replacing any earlier copy. When this throws, the earlier copy is intact
   * and still found by {@link #get(VconId)}.
   */
  void put(Vcon vcon);

  /** The stored vCon, or empty when this store has none under that id. */
  Optional<Vcon> get(VconId id);

  /**
   * As {@link #get(VconId)}, trying the object filed under {@code day} first: one request instead of two
   * when the caller knows the date path. Falls back to {@link #get(VconId)} when it is not there.
   */
  default Optional<Vcon> get(VconId id, LocalDate day) {
    return get(id);
  }

  /** Removes a vCon; true when anything (object or lookup pointer) was there. */
  boolean delete(VconId id);

  /** Whether {@link #get(VconId)} would find this vCon. */
  boolean exists(VconId id);

  /**
   * The ids this store takes (its {@code id_policy} option): {@link IdPolicy#UUID} unless
   * configured with {@code id_policy: token}. A store refuses, with {@link InvalidVconException}
   * ({@code INVALID_ID}), an id its policy does not admit, and lists only ids it admits; callers
   * parse ids typed by a person under it.
   */
  default IdPolicy idPolicy() {
    return IdPolicy.UUID;
  }

  /**
   * The optional operations this store supports; none unless it says so. Ask the store, not its provider: the
   * same provider makes stores with different abilities, depending on their options (ADR 0015).
   */
  default Set<Capability> capabilities() {
    return Set.of();
  }

  /** Ids of the vCons filed under the days {@code from} to {@code to}, inclusive. Close the stream. */
  default Stream<VconId> list(LocalDate from, LocalDate to) {
    throw new UnsupportedCapabilityException(Capability.LIST_BY_DATE, name());
  }

  /**
   * Stores the vCon only if this store has none under its id; false (and nothing written) otherwise. Of several
   * concurrent calls, even with identical bytes, exactly one answers true.
   */
  default boolean putIfAbsent(Vcon vcon) {
    throw new UnsupportedCapabilityException(Capability.CONDITIONAL_WRITE, name());
  }

  /** Deletes many vCons in few requests; returns the ids that were there. */
  default Set<VconId> deleteAll(Collection<VconId> ids) {
    throw new UnsupportedCapabilityException(Capability.BATCH_DELETE, name());
  }

  /** The raw keys and bodies under this store's prefix, for verify and repair tools. */
  default RawObjects rawObjects() {
    throw new UnsupportedCapabilityException(Capability.RAW_OBJECTS, name());
  }

  /** Releases connections and threads. Throws no checked exception. */
  @Override
  void close();
}
