/** In-memory store and source, provider id {@code memory}. */
module io.vcon.storage.inmemory {
  requires io.vcon.storage.api;

  exports io.vcon.storage.inmemory;

  provides io.vcon.storage.spi.VconStoreProvider with
      io.vcon.storage.inmemory.InMemoryVconStoreProvider;
  provides io.vcon.storage.spi.VconSourceProvider with
      io.vcon.storage.inmemory.InMemoryVconSourceProvider;
}
