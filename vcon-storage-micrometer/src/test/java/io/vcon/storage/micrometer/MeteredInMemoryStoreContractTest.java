package io.vcon.storage.micrometer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.api.key.MissingCreatedAtPolicy;
import io.vcon.storage.engine.StoreLayout;
import io.vcon.storage.inmemory.InMemoryVconStore;
import io.vcon.storage.tck.VconStoreContract;
import java.time.Clock;

/** The whole store kit through the decorator: metering changes no behaviour. */
class MeteredInMemoryStoreContractTest extends VconStoreContract {

  @Override
  protected VconStore newStore(Clock clock) {
    VconStore inner =
        InMemoryVconStore.create(StoreLayout.of(KeyStrategy.vconServer(null), MissingCreatedAtPolicy.SAVE_TIME, clock));
    return Metered.wrap(inner, new SimpleMeterRegistry(), TestObservationRegistry.create(), "mem");
  }
}
