package io.vcon.storage.archive;

import java.util.Objects;

/**
 * The options every archive job takes the same way: who hears about progress, how it is cancelled,
 * which shard of the store it covers and where its listing comes from. {@link CopyJob.Builder},
 * {@link ExportJob.Builder} and {@link VerifyJob.Builder} add their own.
 *
 * @param <B> the job's own builder, returned by each setter so calls chain
 */
public abstract class JobBuilder<B extends JobBuilder<B>> {
  ArchiveListener listener = ArchiveListener.NONE;
  Cancellation cancellation = Cancellation.NEVER;
  Shard shard = Shard.ALL;
  S3Inventory inventory;

  JobBuilder() {}

  abstract B self();

  /** Hears progress, per-item failures and findings (default: nobody). */
  public B listener(ArchiveListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    return self();
  }

  /** Asked between items; once cancelled, no new item starts and items in flight finish. */
  public B cancellation(Cancellation cancellation) {
    this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
    return self();
  }

  /**
   * Only this part of the vCons (default: all), so that N processes cover the store once each.
   */
  public B shard(Shard shard) {
    this.shard = Objects.requireNonNull(shard, "shard");
    return self();
  }

  /**
   * Takes the store's keys from this S3 Inventory report instead of listing the bucket (for
   * buckets too large to LIST); objects written after the report are not seen.
   */
  public B inventory(S3Inventory inventory) {
    this.inventory = inventory;
    return self();
  }
}
