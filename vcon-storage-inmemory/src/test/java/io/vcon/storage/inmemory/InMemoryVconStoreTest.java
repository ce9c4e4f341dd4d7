package io.vcon.storage.inmemory;

import io.vcon.storage.api.VconStore;
import io.vcon.storage.api.key.MissingCreatedAtPolicy;
import io.vcon.storage.api.key.StoreLayout;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.tck.VconStoreContract;
import java.time.Clock;
import org.junit.jupiter.api.Nested;

class InMemoryVconStoreTest extends VconStoreContract {

  @Override
  protected VconStore newStore(Clock clock) {
    return InMemoryVconStore.create(StoreLayout.of(KeyStrategy.vconServer(null), MissingCreatedAtPolicy.SAVE_TIME, clock));
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
