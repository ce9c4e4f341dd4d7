/** Micrometer metrics and observations for any VconStore or VconSource, as a decorator. */
module io.vcon.storage.micrometer {
  requires transitive io.vcon.storage.api;
  requires transitive micrometer.core;
  requires transitive micrometer.observation;
  requires transitive micrometer.commons;
  // Optional: only MeteredConfig and MeteringDecorator (the assembly's hook) need it.
  requires static io.vcon.storage.config;

  exports io.vcon.storage.micrometer;
}
