package io.vcon.storage.api;

import org.jspecify.annotations.Nullable;

/**
 * The backend (S3, Redis, a file system) failed or refused. The message names the vCon, the store and, when
 * the backend said so, why and what to do. {@link #retryable()} tells whether trying again may help.
 */
public final class BackendException extends VconStorageException {
  private static final long serialVersionUID = 1L;

  private final boolean retryable;

  public BackendException(
      String message, @Nullable String vconId, @Nullable String store, boolean retryable, @Nullable Throwable cause) {
    super(message, vconId, store, cause);
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}
