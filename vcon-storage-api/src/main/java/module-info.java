/** vCon storage: domain, ports, SPI and the Storage facade. */
module io.vcon.storage.api {
  requires transitive org.slf4j;
  requires com.fasterxml.jackson.core;
  // @NullMarked in package-info: compile-time only, absent at run time (ADR 0011).
  requires static org.jspecify;

  exports io.vcon.storage.api;
  exports io.vcon.storage.api.key;
  exports io.vcon.storage.spi;
  exports io.vcon.storage.engine;

  uses io.vcon.storage.spi.VconStoreProvider;
  uses io.vcon.storage.spi.VconSourceProvider;
}
