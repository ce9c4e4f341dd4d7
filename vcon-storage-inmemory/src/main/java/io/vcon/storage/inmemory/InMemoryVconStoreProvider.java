package io.vcon.storage.inmemory;

import io.vcon.storage.api.VconStore;
import io.vcon.storage.engine.StoreLayout;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.spi.VconStoreProvider;
import java.util.Set;

/**
 * Provider {@code memory}: options {@code prefix} (as {@code s3_path}), {@code missing_created_at} and
 * {@code content_hash}.
 */
public final class InMemoryVconStoreProvider implements VconStoreProvider {

  private static final Set<String> OPTIONS = Set.of("prefix", "missing_created_at", "content_hash");

  @Override
  public String id() {
    return "memory";
  }

  @Override
  public VconStore create(ProviderOptions options) {
    options.requireOnly(OPTIONS);
    return InMemoryVconStore.create(StoreLayout.fromOptions(options, "prefix"), options.contentHashMode());
  }
}
