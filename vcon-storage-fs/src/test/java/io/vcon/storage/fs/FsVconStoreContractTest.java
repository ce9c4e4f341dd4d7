package io.vcon.storage.fs;

import io.vcon.storage.api.VconStore;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.tck.VconStoreContract;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The whole TCK over a real directory: plain {@code .json} files, and gzip. */
class FsVconStoreContractTest extends VconStoreContract {

  @TempDir Path dir;

  @Override
  protected VconStore newStore(Clock clock) {
    return new FsVconStoreProvider().create(ProviderOptions.of(Map.of("path", dir.toString())).withClock(clock));
  }

  /** Rewrites the file in place (same inode), so its extended attribute keeps the old hash: flipped bytes. */
  @Override
  protected boolean alterAtRest(VconStore store, String key, byte[] body) {
    return FsFiles.overwriteInPlace(((FsVconStore) store).root(), key, body);
  }

  @Override
  protected boolean writeWithoutHash(VconStore store, String key, byte[] body) {
    return FsFiles.writeLikeVconServer(((FsVconStore) store).root(), key, body);
  }

  /** The store's documented default limit is vcon-server's max_file_size, 10 MiB. */
  @Override
  protected int largeDocumentBytes() {
    return FsVconStoreProvider.DEFAULT_MAX_FILE_SIZE - 1024;
  }

  @Nested
  class Gzip extends VconStoreContract {
    @TempDir Path gzDir;

    @Override
    protected VconStore newStore(Clock clock) {
      return new FsVconStoreProvider()
          .create(
              ProviderOptions.of(Map.of("path", gzDir.toString(), "compression", "gzip", "max_file_size", 0))
                  .withClock(clock));
    }

    @Override
    protected boolean alterAtRest(VconStore store, String key, byte[] body) {
      return FsFiles.overwriteInPlace(((FsVconStore) store).root(), key, body);
    }

    @Override
    protected boolean writeWithoutHash(VconStore store, String key, byte[] body) {
      return FsFiles.writeLikeVconServer(((FsVconStore) store).root(), key, body);
    }
  }
}
