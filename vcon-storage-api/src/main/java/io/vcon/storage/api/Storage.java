package io.vcon.storage.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library's front door, as vcon-server's {@code Storage} class: {@link #save(VconId)} reads a vCon from the
 * source and writes it to every store; {@link #get(VconId)} and {@link #delete(VconId)} work on the stores.
 *
 * <p>Unlike vcon-server, nothing is hidden: an invalid document is refused before any store is touched, each
 * store's outcome is reported, and {@code get} throws {@link VconNotFoundException} rather than returning null.
 */
public final class Storage implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Storage.class);

  private final VconSource source;
  private final Map<String, VconStore> stores;
  private final boolean readThrough;
  private final DeadLetters deadLetters;

  private Storage(Builder b) {
    this.deadLetters = b.deadLetters;
    this.source = b.source;
    // Insertion order matters: get() asks the stores in the order they were added.
    this.stores = Collections.unmodifiableMap(new LinkedHashMap<>(b.stores));
    this.readThrough = b.readThrough;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The stores by name, in the order they were added. */
  public Map<String, VconStore> stores() {
    return stores;
  }

  public Optional<VconSource> source() {
    return Optional.ofNullable(source);
  }

  /**
   * The widest id policy of the stores: {@link IdPolicy#TOKEN} when any store takes path-safe
   * tokens ({@code id_policy: token}), else {@link IdPolicy#UUID}. Parse ids a person typed under
   * it, see {@link #id(String)}; {@code get} and {@code delete} skip the stores whose policy does
   * not admit an id.
   */
  public IdPolicy idPolicy() {
    boolean anyTakesTokens = stores.values().stream().anyMatch(s -> s.idPolicy() == IdPolicy.TOKEN);
    return anyTakesTokens ? IdPolicy.TOKEN : IdPolicy.UUID;
  }

  /**
   * An id from text, under {@link #idPolicy()}: {@code storage.id("abc123")} works when a store is
   * configured with {@code id_policy: token}.
   *
   * @throws InvalidVconException ({@code INVALID_ID}) when no store would take it
   */
  public VconId id(String text) {
    return VconId.of(text, idPolicy());
  }

  /**
   * Reads the vCon from the source and writes it to every store.
   *
   * @throws VconNotFoundException when the source has no such vCon
   * @throws InvalidVconException when the source's document is not this vCon (nothing is written)
   * @return one outcome per store; a failing store does not stop the others
   */
  public SaveResult save(VconId id) {
    if (source == null) {
      throw new StorageConfigurationException(
          "Storage has no source, so save("
              + id
              + ") cannot read the vCon; configure a source or call save(Vcon).");
    }
    Vcon vcon =
        source.read(id).orElseThrow(() -> new VconNotFoundException(id, "source " + source.name()));
    return save(vcon);
  }

  /** Writes an already validated vCon to every store (import, copy). */
  public SaveResult save(Vcon vcon) {
    List<StoreOutcome> outcomes = new ArrayList<>(stores.size());
    for (Map.Entry<String, VconStore> store : stores.entrySet()) {
      String name = store.getKey();
      try {
        store.getValue().put(vcon);
        outcomes.add(StoreOutcome.success(name));
      } catch (VconStorageException e) {
        outcomes.add(failed(name, vcon.id(), e));
      }
    }
    return new SaveResult(vcon.id(), outcomes);
  }

  /** The failure's outcome; with dead letters configured, the id is queued for replay first. */
  private StoreOutcome failed(String store, VconId id, VconStorageException e) {
    if (deadLetters == null) {
      LOG.warn("Saving vCon {} to store {} failed: {}", id, store, e.getMessage());
      return StoreOutcome.failure(store, e);
    }
    try {
      if (deadLetters.deadLetter(store, id)) {
        LOG.error(
            "Saving vCon {} to store {} failed at {}, queued for replay: {}",
            id,
            store,
            Instant.now(),
            e.getMessage());
        return StoreOutcome.deadLettered(store, e);
      }
      LOG.error(
          "Saving vCon {} to store {} failed at {} and it was NOT queued for replay: the source no"
              + " longer holds its document: {}",
          id,
          store,
          Instant.now(),
          e.getMessage());
    } catch (RuntimeException queueFailure) {
      LOG.error(
          "Saving vCon {} to store {} failed at {} and queuing it for replay failed too ({}): {}",
          id,
          store,
          Instant.now(),
          queueFailure.getMessage(),
          e.getMessage());
      e.addSuppressed(queueFailure);
    }
    return StoreOutcome.failure(store, e);
  }

  /** The dead-letter queue failed saves go to, when one is configured. */
  public Optional<DeadLetters> deadLetters() {
    return Optional.ofNullable(deadLetters);
  }

  /**
   * The vCon from the first store that has it, in order; with read-through on, the source is asked first
   * (vcon-server's {@code VCON_STORAGE_FALLBACK_ENABLED} reads the other way round: Redis, then storages).
   *
   * @throws VconNotFoundException naming every place looked in
   */
  public Vcon get(VconId id) {
    return find(id).orElseThrow(() -> new VconNotFoundException(id, describeWhereLooked()));
  }

  /** As {@link #get(VconId)}, empty instead of throwing when nothing has it. */
  public Optional<Vcon> find(VconId id) {
    if (readThrough && source != null) {
      Optional<Vcon> cached = source.read(id);
      if (cached.isPresent()) {
        return cached;
      }
    }
    for (VconStore store : admitting(id)) {
      Optional<Vcon> found = store.get(id);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /**
   * The stores whose id policy admits {@code id} (a UUID-only store cannot hold {@code abc123});
   * when none does, the first store's refusal, which names the option to set.
   */
  private List<VconStore> admitting(VconId id) {
    List<VconStore> admitting = new ArrayList<>(stores.size());
    for (VconStore store : stores.values()) {
      if (store.idPolicy().admits(id)) {
        admitting.add(store);
      }
    }
    if (admitting.isEmpty()) {
      throw new InvalidVconException(
          InvalidVconException.Reason.INVALID_ID,
          "vCon id "
              + id
              + " is not a UUID, and no store of this storage takes other ids"
              + " (id_policy: uuid on "
              + stores.keySet()
              + "); set id_policy: token in a store's"
              + " options to store path-safe ids. Nothing was read or written.",
          id.value());
    }
    return admitting;
  }

  /** Deletes the vCon from every store; true when any store had it. Failures are thrown after all were tried. */
  public boolean delete(VconId id) {
    boolean any = false;
    VconStorageException failure = null;
    for (VconStore store : admitting(id)) {
      try {
        any |= store.delete(id);
      } catch (VconStorageException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return any;
  }

  private String describeWhereLooked() {
    List<String> places = new ArrayList<>();
    if (readThrough && source != null) {
      places.add("source " + source.name());
    }
    stores.keySet().forEach(n -> places.add("store " + n));
    return places.isEmpty() ? "no store (none configured)" : String.join(", ", places);
  }

  /** Closes the source and every store, even when one of them fails to close. */
  @Override
  public void close() {
    RuntimeException failure = null;
    List<AutoCloseable> all = new ArrayList<>();
    if (source != null) {
      all.add(source);
    }
    all.addAll(stores.values());
    for (AutoCloseable c : all) {
      try {
        c.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("closing storage failed", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public String toString() {
    return "Storage[source="
        + (source == null ? "none" : source.name())
        + ", stores="
        + stores.keySet()
        + "]";
  }

  /** Builds a {@link Storage}. At least one store is required; the source only for {@link #save(VconId)}. */
  public static final class Builder {
    private VconSource source;
    private final Map<String, VconStore> stores = new LinkedHashMap<>();
    private boolean readThrough;
    private DeadLetters deadLetters;
    private boolean deadLettersChosen;

    private Builder() {}

    /**
     * Where failed saves are queued for a later replay (after the store's own retries). By default, the
     * source's own dead letters ({@link VconSource#deadLetters()}: Redis with {@code dead_letter: true}), or
     * none; {@code null} turns them off even when the source keeps them.
     */
    public Builder deadLetters(@Nullable DeadLetters deadLetters) {
      this.deadLetters = deadLetters;
      this.deadLettersChosen = true;
      return this;
    }

    /**
     * The source {@link #save(VconId)} reads from. Its dead letters, when it keeps them, receive failed saves
     * unless {@link #deadLetters(DeadLetters)} chose otherwise: this is the one place they are connected, so
     * every way of assembling a {@code Storage} (code, configuration, Guice, metrics, the command line) honours
     * {@code dead_letter: true}.
     */
    public Builder source(@Nullable VconSource source) {
      this.source = source;
      return this;
    }

    /** Adds a store under its own {@link VconStore#name()}. */
    public Builder store(VconStore store) {
      return store(store.name(), store);
    }

    public Builder store(String name, VconStore store) {
      if (stores.containsKey(name)) {
        throw new StorageConfigurationException(
            "Two stores are named '" + name + "'; store names must be unique.");
      }
      stores.put(name, store);
      return this;
    }

    /** Whether {@code get} asks the source before the stores. Off by default. */
    public Builder readThrough(boolean readThrough) {
      this.readThrough = readThrough;
      return this;
    }

    public Storage build() {
      if (stores.isEmpty()) {
        throw new StorageConfigurationException(
            "Storage needs at least one store; add one with store(...).");
      }
      if (!deadLettersChosen && source != null) {
        deadLetters = source.deadLetters().orElse(null);
      }
      return new Storage(this);
    }
  }
}
