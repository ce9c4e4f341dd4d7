package io.vcon.storage.archive;

import java.time.LocalDate;
import java.util.Objects;

/** Days as written in key paths ({@code YYYY/MM/DD}), both ends inclusive. */
public record DayRange(LocalDate from, LocalDate to) {

  public DayRange {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException(
          "day range ends (" + to + ") before it starts (" + from + ")");
    }
  }

  /** One day. */
  public static DayRange of(LocalDate day) {
    return new DayRange(day, day);
  }

  public boolean contains(LocalDate day) {
    return !day.isBefore(from) && !day.isAfter(to);
  }
}
