package io.vcon.storage.cli;

import io.vcon.storage.archive.Cancellation;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Asks a long operation to stop after the items in flight: set by the Ctrl-C shutdown hook, read between items.
 * Tests stop an operation after a number of items instead of sending a signal. The archive jobs read it as their
 * {@link Cancellation}.
 */
final class StopSignal implements Cancellation {
  private final AtomicBoolean requested = new AtomicBoolean();
  private final AtomicLong done = new AtomicLong();
  private final long stopAfterItems;

  private StopSignal(long stopAfterItems) {
    this.stopAfterItems = stopAfterItems;
  }

  static StopSignal create() {
    return new StopSignal(0);
  }

  /** A signal that requests a stop once {@code items} items have completed, as a Ctrl-C at that moment would. */
  static StopSignal afterItems(long items) {
    return new StopSignal(items);
  }

  void request() {
    requested.set(true);
  }

  boolean requested() {
    return requested.get();
  }

  @Override
  public boolean isCancelled() {
    return requested();
  }

  /** Called by operations after each completed item. */
  @Override
  public void itemDone() {
    if (stopAfterItems > 0 && done.incrementAndGet() >= stopAfterItems) {
      request();
    }
  }
}
