package io.vcon.storage.api;

import org.jspecify.annotations.Nullable;

/** The configuration is wrong: an unknown provider id, a missing or malformed option. Names the option and the fix. */
public final class StorageConfigurationException extends VconStorageException {
  private static final long serialVersionUID = 1L;

  public StorageConfigurationException(String message) {
    super(message, null, null, null);
  }

  public StorageConfigurationException(String message, @Nullable Throwable cause) {
    super(message, null, null, cause);
  }
}
