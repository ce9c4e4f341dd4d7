/** Directory store, provider id {@code file} (alias {@code storage.file}). */
module io.vcon.storage.fs {
  requires io.vcon.storage.api;

  exports io.vcon.storage.fs;

  provides io.vcon.storage.spi.VconStoreProvider with
      io.vcon.storage.fs.FsVconStoreProvider;
}
