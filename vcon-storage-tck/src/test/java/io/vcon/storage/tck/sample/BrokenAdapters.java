package io.vcon.storage.tck.sample;

import io.vcon.storage.api.Capability;
import io.vcon.storage.api.RawObjects;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.api.key.MissingCreatedAtPolicy;
import io.vcon.storage.engine.StoreLayout;
import io.vcon.storage.engine.ObjectVconStore;
import io.vcon.storage.tck.VconStoreContract;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * Adapters with the mistakes a real adapter could make. Their contract classes are not named *Test, so
 * Surefire does not run them; {@code BrokenAdaptersFailTheKitTest} runs them and expects failures.
 */
final class BrokenAdapters {

  private BrokenAdapters() {}

  private static StoreLayout layout(String prefix, Clock clock) {
    return StoreLayout.of(KeyStrategy.vconServer(prefix), MissingCreatedAtPolicy.SAVE_TIME, clock);
  }

  /** Re-serializes JSON on the way in (here: collapses whitespace), as a store built on a JSON tree would. */
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
  static class ReserializingContract extends VconStoreContract {
    @Override
    protected VconStore newStore(Clock clock) {
      return new ReserializingStore(ObjectVconStore.create("inner", new MapObjectBackend(), layout(null, clock)));
    }
  }

  /** Configured with s3_path "vcons" but writes at the bucket root: the classic ignored prefix. */
  static class PrefixIgnoringContract extends VconStoreContract {
    @Override
    protected VconStore newStore(Clock clock) {
      return ObjectVconStore.create("prefix-ignoring", new MapObjectBackend(), layout(null, clock));
    }

    @Override
    protected KeyStrategy expectedLayout() {
      return KeyStrategy.vconServer("vcons");
    }
  }

  /** Converts created_at to UTC before filing, unlike vcon-server: 23:30-05:00 lands on the next day. */
  static class UtcDateContract extends VconStoreContract {
    @Override
    protected VconStore newStore(Clock clock) {
      VconStore inner = ObjectVconStore.create("utc", new MapObjectBackend(), layout(null, clock));
      return new ReserializingStore(inner) {
        @Override
        public String name() {
          return "utc-dating";
        }

        @Override
        public void put(Vcon vcon) {
          String text = vcon.text();
          Optional<java.time.Instant> instant = vcon.createdAt().flatMap(c -> c.instant());
          if (instant.isPresent()) {
            text = text.replace(vcon.createdAt().get().text(), instant.get().toString());
          }
          inner.put(Vcon.parse(text.getBytes(StandardCharsets.UTF_8)));
        }
      };
    }
  }

  /** Declares a capability it silently does not honour: putIfAbsent that overwrites. */
  static class LyingCapabilityContract extends VconStoreContract {
    @Override
    protected VconStore newStore(Clock clock) {
      VconStore inner = ObjectVconStore.create("liar", new MapObjectBackend(), layout(null, clock));
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
          return Set.of(Capability.CONDITIONAL_WRITE, Capability.LIST_BY_DATE, Capability.RAW_OBJECTS);
        }

        @Override
        public boolean putIfAbsent(Vcon vcon) {
          inner.put(vcon);
          return true;
        }
      };
    }
  }
}
