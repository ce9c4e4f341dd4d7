package io.vcon.storage.guice;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the stores and source that {@link VconStorageModule} created (or was given) and closes them, newest
 * first, once. Inject it and call {@link #close()} when the application stops, or build the module with
 * {@code closeOnShutdown(true)} to have a JVM shutdown hook do it.
 *
 * <p>Do not also close the injected {@code Storage} facade: it would close the same stores a second time.
 */
public final class StorageLifecycle implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StorageLifecycle.class);

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final Set<AutoCloseable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
  private boolean closed;

  StorageLifecycle() {}

  /** Registers {@code resource} to be closed; returns it. After {@link #close()}, closes it at once. */
  synchronized <T extends AutoCloseable> T manage(T resource) {
    if (closed) {
      closeOne(resource, null);
      throw new IllegalStateException("StorageLifecycle is closed; cannot hand out " + resource);
    }
    if (seen.add(resource)) {
      resources.push(resource);
    }
    return resource;
  }

  /** How many resources are open and owned. */
  public synchronized int size() {
    return resources.size();
  }

  public synchronized boolean isClosed() {
    return closed;
  }

  /** Closes every owned store and source, newest first; a failure does not stop the others. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<Exception> failures = new ArrayList<>();
    while (!resources.isEmpty()) {
      closeOne(resources.pop(), failures);
    }
    if (!failures.isEmpty()) {
      IllegalStateException e =
          new IllegalStateException(
              "closing " + failures.size() + " vCon storage resource(s) failed");
      failures.forEach(e::addSuppressed);
      throw e;
    }
  }

  private static void closeOne(AutoCloseable resource, List<Exception> failures) {
    try {
      resource.close();
    } catch (Exception e) {
      if (failures != null) {
        failures.add(e);
      } else {
        LOG.warn("Closing {} failed: {}", resource, e.toString());
      }
    }
  }

  @Override
  public synchronized String toString() {
    return "StorageLifecycle[" + (closed ? "closed" : resources.size() + " open") + "]";
  }
}
