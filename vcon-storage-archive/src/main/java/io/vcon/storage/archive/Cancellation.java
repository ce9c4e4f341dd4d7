package io.vcon.storage.archive;

/**
 * Asks a running job to stop: the job reads it between items, takes no new ones once it answers
 * true, and lets those in flight finish. A job stopped this way reports {@code stopped}; run it
 * again to resume (copy skips what is already there, verify resumes from its checkpoint).
 */
@FunctionalInterface
public interface Cancellation {

  /** Never cancels. */
  Cancellation NEVER = () -> false;

  boolean isCancelled();

  /**
   * Called after each item; a cancellation that counts items (stop after n, as tests do) uses it.
   */
  default void itemDone() {}
}
