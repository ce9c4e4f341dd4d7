package io.vcon.storage.inmemory;

import io.vcon.storage.api.VconStore;
import io.vcon.storage.api.key.StoreLayout;
import io.vcon.storage.spi.ObjectVconStore;

/** Factory for in-memory stores, for tests and for trying the library without servers. */
public final class InMemoryVconStore {

  private InMemoryVconStore() {}

  /** An empty store with vcon-server's layout and no prefix. */
  public static VconStore create() {
    return create(StoreLayout.vconServer(null));
  }

  /** An empty store with the given layout (prefix, missing created_at policy, clock). */
  public static VconStore create(StoreLayout layout) {
    String name = "memory:" + layout.keys().root();
    return ObjectVconStore.create(name, new InMemoryObjectBackend(name), layout);
  }
}
