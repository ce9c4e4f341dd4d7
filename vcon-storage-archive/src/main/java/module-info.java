/** Archive jobs over any VconStore: copy, verify (and repair), export (ADR 0018). */
module io.vcon.storage.archive {
  requires transitive io.vcon.storage.api;

  exports io.vcon.storage.archive;
}
