package io.vcon.storage.api;

import org.jspecify.annotations.Nullable;

/**
 * The backend (S3, Redis, a file system) failed or refused. The message names the vCon, the store and, when
 * the backend said so, why and what to do. {@link #retryable()} tells whether trying again may help, and
 * {@link #storeWide()} whether any other request to the same store can succeed.
 */
public final class BackendException extends VconStorageException {
  private static final long serialVersionUID = 1L;

  private final boolean retryable;
  private final boolean storeWide;

  public BackendException(
      String message,
      @Nullable String vconId,
      @Nullable String store,
      boolean retryable,
      @Nullable Throwable cause) {
    this(message, vconId, store, retryable, false, cause);
  }

  /**
   * With {@code storeWide}: the failure is the store's, not this request's (the bucket does not exist, the
   * credentials are rejected or denied, the region is wrong), so every other request would fail alike.
   */
  public BackendException(
      String message,
      @Nullable String vconId,
      @Nullable String store,
      boolean retryable,
      boolean storeWide,
      @Nullable Throwable cause) {
    super(message, vconId, store, cause);
    this.retryable = retryable;
    this.storeWide = storeWide;
  }

  public boolean retryable() {
    return retryable;
  }

  /**
   * Whether the whole store refuses (no such bucket, credentials rejected or denied, wrong region) rather than
   * this one request: a job over many vCons stops at the first such error instead of reporting each item.
   */
  public boolean storeWide() {
    return storeWide;
  }
}
