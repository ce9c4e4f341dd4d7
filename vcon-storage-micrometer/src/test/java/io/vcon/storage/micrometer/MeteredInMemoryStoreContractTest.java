package io.vcon.storage.micrometer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.vcon.storage.api.RawObjects;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.api.key.MissingCreatedAtPolicy;
import io.vcon.storage.engine.StoreLayout;
import io.vcon.storage.inmemory.InMemoryVconStore;
import io.vcon.storage.tck.BackendAccess;
import io.vcon.storage.tck.VconStoreContract;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The whole store kit through the decorator: metering changes no behaviour. */
class MeteredInMemoryStoreContractTest extends VconStoreContract {

  private VconStore inner;

  @Override
  protected VconStore newStore(Clock clock) {
    inner =
        InMemoryVconStore.create(
            StoreLayout.of(KeyStrategy.vconServer(null), MissingCreatedAtPolicy.SAVE_TIME, clock));
    return Metered.wrap(inner, new SimpleMeterRegistry(), TestObservationRegistry.create(), "mem");
  }

  /**
   * The undecorated store's raw objects: its map, by key. The decorator under test is bypassed, so
   * the kit sees what the metered store really wrote.
   */
  @Override
  protected BackendAccess backendAccess(VconStore store) {
    RawObjects raw = inner.rawObjects();
    return new BackendAccess() {
      @Override
      public Optional<byte[]> read(String key) {
        return raw.read(key);
      }

      @Override
      public void write(String key, byte[] body) {
        raw.write(key, body);
      }

      @Override
      public List<String> list(String keyPrefix) {
        try (Stream<String> keys = raw.list(keyPrefix)) {
          return keys.toList();
        }
      }
    };
  }
}
