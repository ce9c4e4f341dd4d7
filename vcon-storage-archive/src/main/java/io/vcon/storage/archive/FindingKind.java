package io.vcon.storage.archive;

/**
 * What {@link VerifyJob} can find; {@link #defect()} tells a defect (fails the run unless repaired)
 * from a note.
 */
public enum FindingKind {
  /**
   * An object with no lookup pointer (every object of an old vcon-server bucket); repair writes the
   * pointer.
   */
  ORPHAN(true),
  /** A lookup pointer to nothing, or without a date path; repair removes it. */
  DANGLING_POINTER(true),
  /**
   * A lookup pointer naming another day than the vCon's object; repair rewrites it where that is
   * unambiguous.
   */
  WRONG_DATE_POINTER(true),
  /** A document whose uuid disagrees with its key: reported, never touched. */
  UUID_MISMATCH(true),
  /** An object that is not a vCon: reported, never touched. */
  UNPARSEABLE(true),
  /**
   * Bytes that do not hash to the content hash recorded when they were written: restore from a
   * backup.
   */
  HASH_MISMATCH(true),
  /** An object without a recorded content hash; {@code --repair --trust-current} records one. */
  MISSING_HASH(true),
  /** A flat key from an old vcon-server version (a note: get finds it). */
  LEGACY_FLAT_KEY(false),
  /** Another copy of a vCon than the one its pointer names (a note). */
  STALE_COPY(false),
  /** A key that is neither an object nor a pointer of this layout (a note; left alone). */
  UNKNOWN_KEY(false);

  private final boolean defect;

  FindingKind(boolean defect) {
    this.defect = defect;
  }

  /** Whether it is a defect (fails the run unless repaired) rather than a note. */
  public boolean defect() {
    return defect;
  }
}
