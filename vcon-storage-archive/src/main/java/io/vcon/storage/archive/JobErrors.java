package io.vcon.storage.archive;

import io.vcon.storage.api.BackendException;
import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.UnsupportedCapabilityException;

/**
 * Tells errors no item can survive from errors of one item. Copying 2,000 vCons into a bucket that
 * does not exist fails every item alike; a job stops at the first such error and throws it, one
 * message instead of 2,000.
 */
public final class JobErrors {
  private JobErrors() {}

  /**
   * Whether {@code e} would end every other item the same way: a configuration error, a capability
   * the store lacks, or a backend refusing the whole store ({@link BackendException#storeWide()}:
   * no such bucket, credentials rejected or denied, another region).
   */
  public static boolean isFatal(Throwable e) {
    return e instanceof StorageConfigurationException
        || e instanceof UnsupportedCapabilityException
        || (e instanceof BackendException backend && backend.storeWide());
  }
}
