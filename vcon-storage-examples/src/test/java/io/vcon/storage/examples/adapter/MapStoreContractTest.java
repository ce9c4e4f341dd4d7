package io.vcon.storage.examples.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.spi.Providers;
import io.vcon.storage.tck.BackendAccess;
import io.vcon.storage.tck.VconStoreContract;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.jupiter.api.Test;

/**
 * The whole kit against the sample adapter: three methods. Groups for capabilities it does not
 * declare (write-once, batch delete, content hashes) are reported as skipped with the reason.
 */
class MapStoreContractTest extends VconStoreContract {

  private ConcurrentSkipListMap<String, byte[]> bucket;

  /** A fresh store per test, configured as a user would, with the kit's clock for save times. */
  @Override
  protected VconStore newStore(Clock clock) {
    bucket = new ConcurrentSkipListMap<>();
    return MapStore.create(bucket, ProviderOptions.of(Map.of("prefix", "vcons/")).withClock(clock));
  }

  /** The same adapter taking path-safe token ids, set as users set it: {@code id_policy: token}. */
  @Override
  protected VconStore newTokenStore(Clock clock) {
    return MapStore.create(
        new ConcurrentSkipListMap<>(),
        ProviderOptions.of(Map.of("prefix", "vcons/", "id_policy", "token")).withClock(clock));
  }

  /**
   * The prefix the store was configured with; vcon-server drops the trailing slash, and so do we.
   */
  @Override
  protected KeyStrategy expectedLayout() {
    return KeyStrategy.vconServer("vcons");
  }

  /** The bucket itself, not the store: how the kit sees the keys vcon-server would see. */
  @Override
  protected BackendAccess backendAccess(VconStore store) {
    return new BackendAccess() {
      @Override
      public Optional<byte[]> read(String key) {
        return Optional.ofNullable(bucket.get(key));
      }

      @Override
      public void write(String key, byte[] body) {
        bucket.put(key, body.clone());
      }

      @Override
      public List<String> list(String keyPrefix) {
        return bucket.keySet().stream().filter(k -> k.startsWith(keyPrefix)).toList();
      }
    };
  }

  @Test
  void theProviderIsFoundByIdAndRefusesHashesItCannotRecord() {
    try (VconStore store = Providers.createStore("sample-map", ProviderOptions.empty())) {
      assertThat(store.name()).isEqualTo("sample-map:");
    }
    assertThatThrownBy(
            () ->
                Providers.createStore(
                    "sample-map", ProviderOptions.of(Map.of("content_hash", "record"))))
        .isInstanceOf(StorageConfigurationException.class)
        .hasMessageContaining(
            "options.content_hash: record is set, but store sample-map: (backend sample-map) cannot"
                + " record")
        .hasMessageContaining("set content_hash: off");
  }
}
