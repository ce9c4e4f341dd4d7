package io.vcon.storage.tck.sample;

import io.vcon.storage.api.IdPolicy;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.api.key.MissingCreatedAtPolicy;
import io.vcon.storage.engine.StoreLayout;
import io.vcon.storage.engine.ObjectVconStore;
import io.vcon.storage.tck.VconStoreContract;
import java.time.Clock;

/** A correct third-party adapter passes the kit; the undeclared capability groups are skipped with a reason. */
class SampleStoreContractTest extends VconStoreContract {
  @Override
  protected VconStore newStore(Clock clock) {
    return ObjectVconStore.create(
        "sample-map",
        new MapObjectBackend(),
        StoreLayout.of(KeyStrategy.vconServer("vcons/"), MissingCreatedAtPolicy.SAVE_TIME, clock));
  }

  /** The same adapter taking path-safe token ids: the layout says so ({@code id_policy: token}). */
  @Override
  protected VconStore newTokenStore(Clock clock) {
    return ObjectVconStore.create(
        "sample-map-tokens",
        new MapObjectBackend(),
        StoreLayout.of(KeyStrategy.vconServer("vcons/"), MissingCreatedAtPolicy.SAVE_TIME, clock)
            .withIdPolicy(IdPolicy.TOKEN));
  }

  @Override
  protected KeyStrategy expectedLayout() {
    return KeyStrategy.vconServer("vcons");
  }
}
