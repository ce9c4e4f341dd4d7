package io.vcon.storage.inmemory;

import io.vcon.storage.api.VconStore;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.api.key.MissingCreatedAtPolicy;
import io.vcon.storage.engine.StoreLayout;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.spi.Providers;
import io.vcon.storage.tck.VconStoreContract;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Nested;

class InMemoryVconStoreTest extends VconStoreContract {

  private InMemoryObjectBackend backend;

  @Override
  protected VconStore newStore(Clock clock) {
    backend = new InMemoryObjectBackend("memory:");
    return InMemoryVconStore.create(
        StoreLayout.of(KeyStrategy.vconServer(null), MissingCreatedAtPolicy.SAVE_TIME, clock),
        io.vcon.storage.spi.ContentHashMode.RECORD,
        backend);
  }

  /** {@code id_policy: token} set as users set it: an option of the {@code memory} provider. */
  @Override
  protected VconStore newTokenStore(Clock clock) {
    ProviderOptions options = ProviderOptions.of(Map.of("id_policy", "token")).withClock(clock);
    return Providers.createStore("memory", options);
  }

  @Override
  protected boolean alterAtRest(VconStore store, String key, byte[] body) {
    return backend.alterAtRest(key, body);
  }

  @Override
  protected boolean writeWithoutHash(VconStore store, String key, byte[] body) {
    backend.write(key, java.nio.ByteBuffer.wrap(body), io.vcon.storage.engine.ObjectBackend.ObjectKind.VCON);
    return true;
  }

  @org.junit.jupiter.api.Test
  void declaresEveryCapability() {
    org.assertj.core.api.Assertions.assertThat(store.capabilities())
        .containsExactlyInAnyOrder(io.vcon.storage.api.Capability.values());
  }

  /** The kit over the same backend declaring no optional capability: every optional call must refuse. */
  @Nested
  class WithoutOptionalCapabilities extends VconStoreContract {
    @Override
    protected VconStore newStore(Clock clock) {
      InMemoryObjectBackend full = new InMemoryObjectBackend("bare");
      io.vcon.storage.engine.ObjectBackend bare =
          new io.vcon.storage.engine.ObjectBackend() {
            public String describe() { return full.describe(); }
            public java.util.Optional<byte[]> read(String key) { return full.read(key); }
            public void write(String key, java.nio.ByteBuffer body, ObjectKind kind) { full.write(key, body, kind); }
            public boolean exists(String key) { return full.exists(key); }
            public void delete(String key) { full.delete(key); }
            public java.util.Set<io.vcon.storage.api.Capability> capabilities() { return java.util.Set.of(); }
            public void close() { full.close(); }
          };
      return io.vcon.storage.engine.ObjectVconStore.create(
          "bare", bare, StoreLayout.of(KeyStrategy.vconServer(null), MissingCreatedAtPolicy.SAVE_TIME, clock));
    }
  }

  /** The whole kit with {@code content_hash: off}: nothing recorded, nothing checked, everything else the same. */
  @Nested
  class WithoutContentHashes extends VconStoreContract {
    @Override
    protected VconStore newStore(Clock clock) {
      return InMemoryVconStore.create(
          StoreLayout.of(KeyStrategy.vconServer(null), MissingCreatedAtPolicy.SAVE_TIME, clock),
          io.vcon.storage.spi.ContentHashMode.OFF);
    }

    @org.junit.jupiter.api.Test
    void declaresNoContentHash() {
      org.assertj.core.api.Assertions.assertThat(store.capabilities())
          .doesNotContain(io.vcon.storage.api.Capability.CONTENT_HASH)
          .contains(io.vcon.storage.api.Capability.CONDITIONAL_WRITE);
      io.vcon.storage.api.Vcon v = io.vcon.storage.tck.SampleVcons.vcon("2024-01-15T10:00:00Z");
      org.assertj.core.api.Assertions.assertThat(store.putIfAbsent(v)).isTrue();
      org.assertj.core.api.Assertions.assertThat(store.putIfAbsent(v)).isFalse();
    }
  }

  /** The same kit with a nested prefix that has a trailing slash, as a vcon-server s3_path may. */
  @Nested
  class WithPrefix extends VconStoreContract {
    @Override
    protected VconStore newStore(Clock clock) {
      return InMemoryVconStore.create(
          StoreLayout.of(KeyStrategy.vconServer("a/b/c/"), MissingCreatedAtPolicy.SAVE_TIME, clock));
    }

    @Override
    protected KeyStrategy expectedLayout() {
      return KeyStrategy.vconServer("a/b/c");
    }
  }
}
