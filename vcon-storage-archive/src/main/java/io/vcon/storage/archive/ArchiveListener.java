package io.vcon.storage.archive;

/**
 * Hears what an archive job does, as it does it: the number of items once known, each item done,
 * each item that failed, and (for verify) each finding. Called from the job's worker threads, so
 * implementations are thread-safe; they should return quickly. Every method does nothing by
 * default.
 */
public interface ArchiveListener {

  /** A listener that hears nothing. */
  ArchiveListener NONE = new ArchiveListener() {};

  /** The number of items the job expects, once known (a listing counted alongside the work). */
  default void total(long items) {}

  /**
   * One item finished (done, skipped or failed); {@code bytes} read or written for it, 0 when none.
   */
  default void item(long bytes) {}

  /**
   * One item failed and the job goes on with the others; {@code item} names it (an id, a key, a
   * file). Errors no item can survive (see {@link JobErrors#isFatal}) are not reported here: the
   * job stops and throws them.
   */
  default void failed(String item, Exception error) {}

  /** A verify finding, after its repair (if any) was attempted. */
  default void finding(Finding finding) {}
}
