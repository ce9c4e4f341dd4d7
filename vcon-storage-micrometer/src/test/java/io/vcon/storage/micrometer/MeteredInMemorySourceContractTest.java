package io.vcon.storage.micrometer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vcon.storage.api.VconSource;
import io.vcon.storage.inmemory.InMemoryVconSource;
import io.vcon.storage.tck.VconSourceContract;

/** The whole source kit through the decorator. */
class MeteredInMemorySourceContractTest extends VconSourceContract {

  private final InMemoryVconSource backing = InMemoryVconSource.create();

  @Override
  protected VconSource newSource() {
    return Metered.wrap(backing, new SimpleMeterRegistry(), "redis");
  }

  @Override
  protected void seed(String id, byte[] document) {
    backing.putRaw(id, document);
  }
}
