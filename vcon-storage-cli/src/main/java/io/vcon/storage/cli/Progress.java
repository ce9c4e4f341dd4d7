package io.vcon.storage.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Progress of a long operation on stderr: on a terminal one line rewritten in place (items, bytes, rate, ETA
 * when the total is known); otherwise a plain line every few seconds, which logs keep readably. Thread-safe.
 */
final class Progress implements AutoCloseable {
  private static final long TTY_INTERVAL_NANOS = 200_000_000L;
  private static final long PLAIN_INTERVAL_NANOS = 10_000_000_000L;

  private final String verb;
  private final PrintWriter err;
  private final boolean tty;
  private final LongSupplier clock;
  private final long started;
  private final AtomicLong items = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private volatile long total = -1;
  private long lastPrinted;
  private boolean printedOnTty;

  Progress(String verb, PrintWriter err, boolean tty) {
    this(verb, err, tty, System::nanoTime);
  }

  /** With the clock (nanoseconds) injected, so tests need not sleep. */
  Progress(String verb, PrintWriter err, boolean tty, LongSupplier clock) {
    this.verb = verb;
    this.err = err;
    this.tty = tty;
    this.clock = clock;
    this.started = clock.getAsLong();
    this.lastPrinted = started;
  }

  /** Sets the number of items expected, once known; the ETA needs it. */
  void total(long expected) {
    this.total = expected;
  }

  void item(long itemBytes) {
    items.incrementAndGet();
    bytes.addAndGet(Math.max(0, itemBytes));
    long now = clock.getAsLong();
    synchronized (this) {
      if (now - lastPrinted >= (tty ? TTY_INTERVAL_NANOS : PLAIN_INTERVAL_NANOS)) {
        lastPrinted = now;
        print(now);
      }
    }
  }

  long items() {
    return items.get();
  }

  long bytes() {
    return bytes.get();
  }

  double seconds() {
    return (clock.getAsLong() - started) / 1e9;
  }

  private void print(long now) {
    String line = line(now);
    if (tty) {
      err.print("\r" + line + "\u001b[K");
      err.flush();
      printedOnTty = true;
    } else {
      err.println(line);
    }
  }

  private String line(long now) {
    double secs = Math.max(1e-3, (now - started) / 1e9);
    long n = items.get();
    double rate = n / secs;
    StringBuilder b = new StringBuilder(verb).append(": ").append(n);
    long t = total;
    if (t >= 0) {
      b.append('/').append(t);
    }
    b.append(" items, ").append(Texts.bytes(bytes.get()));
    b.append(String.format(Locale.ROOT, ", %.1f items/s", rate));
    if (t > n && rate > 0) {
      b.append(", ETA ").append(Texts.duration((long) Math.ceil((t - n) / rate)));
    }
    return b.toString();
  }

  @Override
  public synchronized void close() {
    if (printedOnTty) {
      err.print("\r\u001b[K");
      err.flush();
    }
  }
}
