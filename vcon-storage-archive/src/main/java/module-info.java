/** Archive jobs over any VconStore: copy, verify (and repair), export (ADR 0018). */
module io.vcon.storage.archive {
  requires transitive io.vcon.storage.api;
  // manifest.json of an S3 Inventory report, read with the streaming parser the api already uses.
  requires com.fasterxml.jackson.core;

  exports io.vcon.storage.archive;
}
