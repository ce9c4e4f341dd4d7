/** vcon-server style YAML configuration; store and source adapters are found at run time. */
module io.vcon.storage.config {
  requires transitive io.vcon.storage.api;
  requires org.yaml.snakeyaml;

  exports io.vcon.storage.config;

  uses io.vcon.storage.spi.VconStoreProvider;
  uses io.vcon.storage.spi.VconSourceProvider;
}
