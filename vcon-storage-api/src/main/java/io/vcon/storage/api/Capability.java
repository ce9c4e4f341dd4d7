package io.vcon.storage.api;

/**
 * Optional abilities a store may declare, as Commons VFS file systems do. A store that does not declare a
 * capability throws {@link UnsupportedCapabilityException} from the matching operation; the TCK skips the
 * capability's tests with a reason.
 */
public enum Capability {
  /** {@link VconStore#list(java.time.LocalDate, java.time.LocalDate)}: ids whose date path falls in a range. */
  LIST_BY_DATE("listing vCon ids by date"),
  /** {@link VconStore#putIfAbsent(Vcon)}: a write that refuses to replace an existing vCon. */
  CONDITIONAL_WRITE("write-once (conditional) puts"),
  /** {@link VconStore#deleteAll(java.util.Collection)}: many deletes in few requests. */
  BATCH_DELETE("batch delete"),
  /** {@link VconStore#rawObjects()}: the keys and bodies under the store's prefix, for verify and repair. */
  RAW_OBJECTS("raw access to stored objects and lookup pointers"),
  /**
   * A SHA-512 {@link ContentHash} is recorded beside every vCon written and checked on every read: altered bytes
   * end in {@link IntegrityException}, never in the caller's hands.
   */
  CONTENT_HASH("content hashes recorded on write and verified on read");

  private final String description;

  Capability(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
