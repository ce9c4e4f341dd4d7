package io.vcon.storage.engine;

import io.vcon.storage.api.ObjectInfo;

/**
 * An optional ability of an {@link ObjectBackend}: copying an object from another backend without the bytes
 * passing through this process (S3 CopyObject within one endpoint and account). Nothing an adapter must
 * implement; {@code copy} reads and writes the bytes where it is missing or declines.
 */
public interface ServerSideCopy {

  /**
   * Copies {@code source} from {@code from} to {@code key} here with its metadata (content type and recorded
   * content hash); when {@code source} names an entity tag, only that version. False, with nothing written, when
   * this backend cannot copy from {@code from} (another endpoint, other credentials, another kind of backend).
   */
  boolean copyFrom(ObjectBackend from, ObjectInfo source, String key);
}
