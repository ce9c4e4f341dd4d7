/** Guice bindings for named vCon stores, the source and the Storage facade. */
module io.vcon.storage.guice {
  requires transitive io.vcon.storage.api;
  requires transitive io.vcon.storage.config;
  requires transitive com.google.guice;
  requires jakarta.inject;

  exports io.vcon.storage.guice;

  // Guice calls the module's provider methods and constructors reflectively.
  opens io.vcon.storage.guice to
      com.google.guice;
}
