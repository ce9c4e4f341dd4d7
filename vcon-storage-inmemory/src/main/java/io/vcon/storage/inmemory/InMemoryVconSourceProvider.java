package io.vcon.storage.inmemory;

import io.vcon.storage.api.VconSource;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.spi.VconSourceProvider;
import java.util.Set;

/** Source provider {@code memory}: an empty in-memory source; options {@code max_document_bytes}, {@code id_policy}. */
public final class InMemoryVconSourceProvider implements VconSourceProvider {

  @Override
  public String id() {
    return "memory";
  }

  @Override
  public VconSource create(ProviderOptions options) {
    options.requireOnly(Set.of("max_document_bytes", "id_policy"));
    return InMemoryVconSource.create(options.parser());
  }
}
