package io.vcon.storage.inmemory;

import io.vcon.storage.api.Capability;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.spi.VconStoreProvider;
import java.util.Set;

/** Provider {@code memory}: options {@code prefix} (as {@code s3_path}) and {@code missing_created_at}. */
public final class InMemoryVconStoreProvider implements VconStoreProvider {

  private static final Set<String> OPTIONS = Set.of("prefix", "missing_created_at");

  @Override
  public String id() {
    return "memory";
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.LIST_BY_DATE, Capability.CONDITIONAL_WRITE, Capability.BATCH_DELETE, Capability.RAW_OBJECTS);
  }

  @Override
  public VconStore create(ProviderOptions options) {
    options.requireOnly(OPTIONS);
    return InMemoryVconStore.create(options.layout("prefix"));
  }
}
