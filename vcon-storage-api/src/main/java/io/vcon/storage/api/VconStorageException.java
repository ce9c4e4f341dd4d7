package io.vcon.storage.api;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Root of every error this library throws. Unchecked, like the AWS SDK's {@code SdkException}, so that
 * callers catch the kind they can act on and let the rest travel.
 *
 * <p>The kinds are closed on purpose: a caller can tell "not found" from "invalid input" from "the backend
 * failed" from "the configuration is wrong" without parsing messages. Every message names the vCon (when
 * there is one), the store and what to do; none contains a secret.
 */
public abstract sealed class VconStorageException extends RuntimeException
    permits VconNotFoundException,
        InvalidVconException,
        BackendException,
        StorageConfigurationException,
        UnsupportedCapabilityException,
        VconConflictException,
        IntegrityException {

  private static final long serialVersionUID = 1L;

  private final String vconId;
  private final String store;

  VconStorageException(
      String message, @Nullable String vconId, @Nullable String store, @Nullable Throwable cause) {
    super(message, cause);
    this.vconId = vconId;
    this.store = store;
  }

  /** The vCon concerned, as given by the caller (it may be the invalid text that was rejected). */
  public Optional<String> vconId() {
    return Optional.ofNullable(vconId);
  }

  /** The store or source concerned, as described by {@link VconStore#name()}. */
  public Optional<String> store() {
    return Optional.ofNullable(store);
  }
}
