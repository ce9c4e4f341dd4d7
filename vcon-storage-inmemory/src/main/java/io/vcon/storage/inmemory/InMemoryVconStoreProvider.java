package io.vcon.storage.inmemory;

import io.vcon.storage.api.VconStore;
import io.vcon.storage.engine.ObjectVconStore;
import io.vcon.storage.engine.StoreLayout;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.spi.VconStoreProvider;
import java.util.Set;

/**
 * Provider {@code memory}: options {@code prefix} (as {@code s3_path}), {@code missing_created_at},
 * {@code content_hash} and {@code id_policy} ({@code uuid} or {@code token}).
 */
public final class InMemoryVconStoreProvider implements VconStoreProvider {

  private static final Set<String> OPTIONS =
      Set.of("prefix", "missing_created_at", "content_hash", "id_policy");

  @Override
  public String id() {
    return "memory";
  }

  @Override
  public VconStore create(ProviderOptions options) {
    options.requireOnly(OPTIONS);
    StoreLayout layout = StoreLayout.fromOptions(options, "prefix");
    InMemoryObjectBackend backend = new InMemoryObjectBackend(InMemoryVconStore.nameOf(layout));
    return ObjectVconStore.create(backend.describe(), backend, layout, options);
  }
}
