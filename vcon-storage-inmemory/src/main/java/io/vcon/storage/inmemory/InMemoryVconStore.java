package io.vcon.storage.inmemory;

import io.vcon.storage.api.VconStore;
import io.vcon.storage.engine.ObjectVconStore;
import io.vcon.storage.engine.StoreLayout;
import io.vcon.storage.spi.ContentHashMode;

/** Factory for in-memory stores, for tests and for trying the library without servers. */
public final class InMemoryVconStore {

  private InMemoryVconStore() {}

  /** An empty store with vcon-server's layout and no prefix. */
  public static VconStore create() {
    return create(StoreLayout.vconServer(null));
  }

  /**
   * An empty store with the given layout (prefix, missing created_at policy, clock, id policy: e.g.
   * {@code StoreLayout.vconServer(null).withIdPolicy(IdPolicy.TOKEN)} for ids such as {@code
   * abc123}).
   */
  public static VconStore create(StoreLayout layout) {
    return create(layout, ContentHashMode.RECORD);
  }

  /** An empty store with the given layout and {@code content_hash} mode. */
  public static VconStore create(StoreLayout layout, ContentHashMode hashMode) {
    return create(layout, hashMode, new InMemoryObjectBackend(nameOf(layout)));
  }

  /** {@code memory:} and the layout's root, e.g. {@code memory:vcons/}. */
  static String nameOf(StoreLayout layout) {
    return "memory:" + layout.keys().root();
  }

  /** Over a backend the caller keeps, so tests can alter objects behind the store's back. */
  static VconStore create(
      StoreLayout layout, ContentHashMode hashMode, InMemoryObjectBackend backend) {
    return ObjectVconStore.create(backend.describe(), backend, layout, hashMode);
  }
}
