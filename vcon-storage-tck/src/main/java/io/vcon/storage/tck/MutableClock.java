package io.vcon.storage.tck;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the kit sets and advances, so no test sleeps and "save time" is known exactly. */
public final class MutableClock extends Clock {
  private volatile Instant now;

  private MutableClock(Instant now) {
    this.now = now;
  }

  public static MutableClock at(Instant now) {
    return new MutableClock(now);
  }

  public void set(Instant instant) {
    this.now = instant;
  }

  public void advance(Duration duration) {
    this.now = now.plus(duration);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    // The kit only needs UTC; a view in another zone would not follow set() and advance().
    if (!ZoneOffset.UTC.equals(zone)) {
      throw new IllegalArgumentException("MutableClock is UTC only");
    }
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}
