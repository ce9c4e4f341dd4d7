package io.vcon.storage.fs;

import io.vcon.storage.api.VconStore;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.spi.Providers;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The whole TCK over a real directory: plain {@code .json} files, and gzip. */
class FsVconStoreContractTest extends FsStoreContract {

  @TempDir Path dir;

  @Override
  protected VconStore newStore(Clock clock) {
    return new FsVconStoreProvider()
        .create(ProviderOptions.of(Map.of("path", dir.toString())).withClock(clock));
  }

  /** {@code id_policy: token} set as users set it: an option given to the {@code file} provider. */
  @Override
  protected VconStore newTokenStore(Clock clock) {
    Map<String, String> options =
        Map.of("path", dir.resolve("tokens").toString(), "id_policy", "token");
    return Providers.createStore("storage.file", ProviderOptions.of(options).withClock(clock));
  }

  /** The store's documented default limit is vcon-server's max_file_size, 10 MiB. */
  @Override
  protected int largeDocumentBytes() {
    return FsVconStoreProvider.DEFAULT_MAX_FILE_SIZE - 1024;
  }

  @Nested
  class Gzip extends FsStoreContract {
    @TempDir Path gzDir;

    @Override
    protected VconStore newStore(Clock clock) {
      return new FsVconStoreProvider()
          .create(
              ProviderOptions.of(
                      Map.of("path", gzDir.toString(), "compression", "gzip", "max_file_size", 0))
                  .withClock(clock));
    }
  }
}
