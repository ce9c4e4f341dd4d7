package io.vcon.storage.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.vcon.storage.api.Capability;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.api.key.MissingCreatedAtPolicy;
import io.vcon.storage.engine.ObjectBackend;
import io.vcon.storage.engine.ObjectVconStore;
import io.vcon.storage.engine.StoreLayout;
import io.vcon.storage.spi.ContentHashMode;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.spi.Providers;
import io.vcon.storage.tck.BackendAccess;
import io.vcon.storage.tck.SampleVcons;
import io.vcon.storage.tck.VconStoreContract;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InMemoryVconStoreTest extends VconStoreContract {

  private InMemoryObjectBackend map;

  private static StoreLayout layout(String prefix, Clock clock) {
    return StoreLayout.of(KeyStrategy.vconServer(prefix), MissingCreatedAtPolicy.SAVE_TIME, clock);
  }

  @Override
  protected VconStore newStore(Clock clock) {
    map = new InMemoryObjectBackend("memory:");
    return InMemoryVconStore.create(layout(null, clock), ContentHashMode.RECORD, map);
  }

  @Override
  protected BackendAccess backendAccess(VconStore store) {
    return new MemoryBackendAccess(map);
  }

  /** {@code id_policy: token} set as users set it: an option of the {@code memory} provider. */
  @Override
  protected VconStore newTokenStore(Clock clock) {
    ProviderOptions options = ProviderOptions.of(Map.of("id_policy", "token")).withClock(clock);
    return Providers.createStore("memory", options);
  }

  @Override
  protected boolean alterAtRest(VconStore store, String key, byte[] body) {
    return map.alterAtRest(key, body);
  }

  @Override
  protected boolean writeWithoutHash(VconStore store, String key, byte[] body) {
    map.write(key, ByteBuffer.wrap(body), ObjectBackend.ObjectKind.VCON);
    return true;
  }

  @Test
  void declaresEveryCapability() {
    assertThat(store.capabilities()).containsExactlyInAnyOrder(Capability.values());
  }

  /**
   * The kit over the same backend declaring no optional capability: every optional call must
   * refuse.
   */
  @Nested
  class WithoutOptionalCapabilities extends VconStoreContract {
    private InMemoryObjectBackend full;

    @Override
    protected VconStore newStore(Clock clock) {
      full = new InMemoryObjectBackend("bare");
      ObjectBackend bare =
          new ObjectBackend() {
            public String describe() {
              return full.describe();
            }

            public Optional<byte[]> read(String key) {
              return full.read(key);
            }

            public void write(String key, ByteBuffer body, ObjectKind kind) {
              full.write(key, body, kind);
            }

            public boolean exists(String key) {
              return full.exists(key);
            }

            public void delete(String key) {
              full.delete(key);
            }

            public Set<Capability> capabilities() {
              return Set.of();
            }

            public void close() {
              full.close();
            }
          };
      return ObjectVconStore.create("bare", bare, layout(null, clock));
    }

    /**
     * No raw access declared, and still the layout on the wire is checked: through the map below
     * the store.
     */
    @Override
    protected BackendAccess backendAccess(VconStore store) {
      return new MemoryBackendAccess(full);
    }
  }

  /**
   * The whole kit with {@code content_hash: off}: nothing recorded, nothing checked, everything
   * else the same.
   */
  @Nested
  class WithoutContentHashes extends VconStoreContract {
    private InMemoryObjectBackend plain;

    @Override
    protected VconStore newStore(Clock clock) {
      plain = new InMemoryObjectBackend("memory:");
      return InMemoryVconStore.create(layout(null, clock), ContentHashMode.OFF, plain);
    }

    @Override
    protected BackendAccess backendAccess(VconStore store) {
      return new MemoryBackendAccess(plain);
    }

    @Test
    void declaresNoContentHash() {
      assertThat(store.capabilities())
          .doesNotContain(Capability.CONTENT_HASH)
          .contains(Capability.CONDITIONAL_WRITE);
      Vcon v = SampleVcons.vcon("2024-01-15T10:00:00Z");
      assertThat(store.putIfAbsent(v)).isTrue();
      assertThat(store.putIfAbsent(v)).isFalse();
      try (Stream<String> keys = plain.list("")) {
        assertThat(keys)
            .allSatisfy(
                k -> assertThat(plain.readStored(k).flatMap(o -> o.contentHash())).isEmpty());
      }
    }
  }

  /** The same kit with a nested prefix that has a trailing slash, as a vcon-server s3_path may. */
  @Nested
  class WithPrefix extends VconStoreContract {
    private InMemoryObjectBackend prefixed;

    @Override
    protected VconStore newStore(Clock clock) {
      prefixed = new InMemoryObjectBackend("memory:a/b/c/");
      return InMemoryVconStore.create(layout("a/b/c/", clock), ContentHashMode.RECORD, prefixed);
    }

    @Override
    protected BackendAccess backendAccess(VconStore store) {
      return new MemoryBackendAccess(prefixed);
    }

    @Override
    protected KeyStrategy expectedLayout() {
      return KeyStrategy.vconServer("a/b/c");
    }
  }
}
