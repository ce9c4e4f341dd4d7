package io.vcon.storage.examples.adapter;

import io.vcon.storage.api.VconStore;
import io.vcon.storage.engine.ObjectVconStore;
import io.vcon.storage.engine.StoreLayout;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.spi.VconStoreProvider;
import java.util.Set;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Provider {@code sample-map}: the worked example of a store adapter. Options {@code prefix} (as
 * vcon-server's {@code s3_path}), {@code missing_created_at} and {@code content_hash}, the last two
 * handled by the library as in every store. Found through {@code META-INF/services}, so {@code
 * Providers.createStore("sample-map", options)} and a YAML {@code module: sample-map} both reach
 * it.
 */
public final class MapStore implements VconStoreProvider {

  private static final Set<String> OPTIONS =
      Set.of("prefix", "missing_created_at", "content_hash", "id_policy");

  @Override
  public String id() {
    return "sample-map";
  }

  @Override
  public VconStore create(ProviderOptions options) {
    return create(new ConcurrentSkipListMap<>(), options);
  }

  /** A store over {@code bucket}, which the caller keeps (a test reads it directly). */
  public static VconStore create(
      ConcurrentNavigableMap<String, byte[]> bucket, ProviderOptions options) {
    options.requireOnly(OPTIONS); // a typo such as "prefx" is an error naming it, never ignored
    StoreLayout layout = StoreLayout.fromOptions(options, "prefix");
    // content_hash unset: what the backend supports (here: off); record or require: an error saying
    // so.
    return ObjectVconStore.create(
        "sample-map:" + layout.keys().root(), new MapObjectBackend(bucket), layout, options);
  }
}
