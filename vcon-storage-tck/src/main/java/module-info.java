/** The vcon-storage TCK: contract suites every VconStore and KeyStrategy must pass. */
module io.vcon.storage.tck {
  requires transitive io.vcon.storage.api;
  requires transitive org.junit.jupiter.api;
  requires transitive org.junit.jupiter.params;
  requires transitive org.assertj.core;
  requires transitive quicktheories;
  // @NullMarked in package-info: compile-time only, absent at run time (ADR 0011).
  requires static org.jspecify;

  exports io.vcon.storage.tck;

  opens io.vcon.storage.tck to
      org.junit.platform.commons;
}
