package io.vcon.storage.tck.sample;

import io.vcon.storage.api.Capability;
import io.vcon.storage.api.RawObjects;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.api.key.MissingCreatedAtPolicy;
import io.vcon.storage.api.key.StoredKey;
import io.vcon.storage.engine.ObjectVconStore;
import io.vcon.storage.engine.StoreLayout;
import io.vcon.storage.tck.BackendAccess;
import io.vcon.storage.tck.VconStoreContract;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * Adapters with the mistakes a real adapter could make, and one without. Their contract classes are
 * not named *Test, so Surefire does not run them; {@code BrokenAdaptersFailTheKitTest} runs them
 * and expects failures.
 */
final class BrokenAdapters {

  private BrokenAdapters() {}

  private static StoreLayout layout(String prefix, Clock clock) {
    return StoreLayout.of(KeyStrategy.vconServer(prefix), MissingCreatedAtPolicy.SAVE_TIME, clock);
  }

  /**
   * The kit over a store built on a {@link TestMapBackend}, whose map the layout group reads
   * directly.
   */
  abstract static class MapContract extends VconStoreContract {
    protected TestMapBackend map;

    @Override
    protected BackendAccess backendAccess(VconStore store) {
      return map.access();
    }
  }

  /** The control: a correct adapter, declaring listing but not raw access, passes. */
  static class CorrectContract extends MapContract {
    @Override
    protected VconStore newStore(Clock clock) {
      map = new TestMapBackend(Capability.LIST_BY_DATE);
      return ObjectVconStore.create("correct", map, layout("vcons/", clock));
    }

    @Override
    protected KeyStrategy expectedLayout() {
      return KeyStrategy.vconServer("vcons");
    }
  }

  /**
   * Re-serializes JSON on the way in (here: collapses whitespace), as a store built on a JSON tree
   * would.
   */
  static class ReserializingStore implements VconStore {
    private final VconStore delegate;

    ReserializingStore(VconStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public String name() {
      return "reserializing";
    }

    @Override
    public void put(Vcon vcon) {
      String compact = vcon.text().replaceAll("\\s*([{}\\[\\]:,])\\s*", "$1");
      delegate.put(Vcon.parse(compact.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public Optional<Vcon> get(VconId id) {
      return delegate.get(id);
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
    public Set<Capability> capabilities() {
      return delegate.capabilities();
    }

    @Override
    public RawObjects rawObjects() {
      return delegate.rawObjects();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  /** Kit run over the re-serializing store. */
  static class ReserializingContract extends MapContract {
    @Override
    protected VconStore newStore(Clock clock) {
      map = new TestMapBackend(Capability.LIST_BY_DATE, Capability.RAW_OBJECTS);
      return new ReserializingStore(ObjectVconStore.create("inner", map, layout(null, clock)));
    }
  }

  /** Configured with s3_path "vcons" but writes at the bucket root: the classic ignored prefix. */
  static class PrefixIgnoringContract extends MapContract {
    @Override
    protected VconStore newStore(Clock clock) {
      map = new TestMapBackend(Capability.LIST_BY_DATE, Capability.RAW_OBJECTS);
      return ObjectVconStore.create("prefix-ignoring", map, layout(null, clock));
    }

    @Override
    protected KeyStrategy expectedLayout() {
      return KeyStrategy.vconServer("vcons");
    }
  }

  /**
   * Converts created_at to UTC before filing, unlike vcon-server: 23:30-05:00 lands on the next
   * day.
   */
  static class UtcDateContract extends MapContract {
    @Override
    protected VconStore newStore(Clock clock) {
      map = new TestMapBackend(Capability.LIST_BY_DATE, Capability.RAW_OBJECTS);
      VconStore inner = ObjectVconStore.create("utc", map, layout(null, clock));
      return new ReserializingStore(inner) {
        @Override
        public String name() {
          return "utc-dating";
        }

        @Override
        public void put(Vcon vcon) {
          String text = vcon.text();
          Optional<Instant> instant = vcon.createdAt().flatMap(c -> c.instant());
          if (instant.isPresent()) {
            text = text.replace(vcon.createdAt().get().text(), instant.get().toString());
          }
          inner.put(Vcon.parse(text.getBytes(StandardCharsets.UTF_8)));
        }
      };
    }
  }

  /**
   * Files every object a day late, and reads and lists it there too: consistent, so every test
   * through the store passes. It declares no raw access; only the kit's direct look at the backend
   * catches it.
   */
  static class DayLateContract extends MapContract {
    @Override
    protected VconStore newStore(Clock clock) {
      map = new TestMapBackend(Capability.LIST_BY_DATE);
      StoreLayout dayLate =
          StoreLayout.of(
              new DayLateKeys(KeyStrategy.vconServer(null)),
              MissingCreatedAtPolicy.SAVE_TIME,
              clock);
      return ObjectVconStore.create("day-late", map, dayLate);
    }
  }

  /** Declares a capability it silently does not honour: putIfAbsent that overwrites. */
  static class LyingCapabilityContract extends MapContract {
    @Override
    protected VconStore newStore(Clock clock) {
      map = new TestMapBackend(Capability.LIST_BY_DATE, Capability.RAW_OBJECTS);
      VconStore inner = ObjectVconStore.create("liar", map, layout(null, clock));
      return new ReserializingStore(inner) {
        @Override
        public String name() {
          return "liar";
        }

        @Override
        public void put(Vcon vcon) {
          inner.put(vcon);
        }

        @Override
        public Set<Capability> capabilities() {
          return Set.of(
              Capability.CONDITIONAL_WRITE, Capability.LIST_BY_DATE, Capability.RAW_OBJECTS);
        }

        @Override
        public boolean putIfAbsent(Vcon vcon) {
          inner.put(vcon);
          return true;
        }
      };
    }
  }

  /**
   * Says, with a reason, that it keeps no vcon-server layout: the layout group is skipped, not
   * failed.
   */
  static class NotLayoutCompatibleContract extends VconStoreContract {
    static final String BECAUSE = "rows of a table keyed by uuid, not objects keyed by date path";

    @Override
    protected VconStore newStore(Clock clock) {
      return ObjectVconStore.create("table", new TestMapBackend(), layout(null, clock));
    }

    @Override
    protected BackendAccess backendAccess(VconStore store) {
      return BackendAccess.notLayoutCompatible(BECAUSE);
    }
  }

  /** vcon-server's keys with every date folder one day later than the vCon's date. */
  private record DayLateKeys(KeyStrategy keys) implements KeyStrategy {
    @Override
    public String root() {
      return keys.root();
    }

    @Override
    public String objectKey(VconId id, LocalDate day) {
      return keys.objectKey(id, day.plusDays(1));
    }

    @Override
    public String pointerKey(VconId id) {
      return keys.pointerKey(id);
    }

    @Override
    public String dayPrefix(LocalDate day) {
      return keys.dayPrefix(day.plusDays(1));
    }

    @Override
    public String pointerPrefix() {
      return keys.pointerPrefix();
    }

    @Override
    public String legacyFlatKey(VconId id) {
      return keys.legacyFlatKey(id);
    }

    @Override
    public Optional<StoredKey> parseObjectKey(String key) {
      return keys.parseObjectKey(key)
          .map(k -> k.day().map(d -> StoredKey.dated(k.id(), d.minusDays(1))).orElse(k));
    }

    @Override
    public Optional<VconId> parsePointerKey(String key) {
      return keys.parsePointerKey(key);
    }
  }
}
