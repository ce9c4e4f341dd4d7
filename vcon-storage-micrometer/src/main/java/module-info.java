/** Micrometer metrics and observations for any VconStore or VconSource, as a decorator. */
module io.vcon.storage.micrometer {
  requires transitive io.vcon.storage.api;
  requires transitive micrometer.core;
  requires transitive micrometer.observation;
  requires transitive micrometer.commons;
  // Optional: only MeteredConfig (YAML) and MeteredStorageModule (Guice) need them.
  requires static io.vcon.storage.config;
  requires static io.vcon.storage.guice;
  requires static com.google.guice;
  requires static jakarta.inject;

  exports io.vcon.storage.micrometer;

  // Guice constructs the decorator reflectively.
  opens io.vcon.storage.micrometer to
      com.google.guice;
}
