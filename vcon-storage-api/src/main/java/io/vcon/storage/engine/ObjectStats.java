package io.vcon.storage.engine;

import io.vcon.storage.api.ObjectInfo;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An optional ability of an {@link ObjectBackend}: describing objects without reading their bodies. A backend
 * that implements it lets {@code copy} skip a vCon already identical at the destination with a HEAD instead of a
 * download; one that does not is described by reading its bodies. Nothing an adapter must implement.
 */
public interface ObjectStats {

  /** The object's size, recorded content hash and entity tag, where known; empty when there is no object. */
  Optional<ObjectInfo> stat(String key);

  /** As {@link ObjectBackend#list(String)}, with what the listing says about each object. Close the stream. */
  Stream<ObjectInfo> listInfo(String keyPrefix);
}
