package io.vcon.storage.api.key;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code YYYY/MM/DD} folder of a day, written exactly as vcon-server's {@code strftime("%Y/%m/%d")} writes
 * it on Linux: month and day zero-padded, the year <em>not</em> padded ({@code 999/01/01}).
 */
public final class DatePath {

  private static final Pattern DATE_PATH = Pattern.compile("(\\d{1,4})/(\\d{2})/(\\d{2})");

  private DatePath() {}

  public static String format(LocalDate day) {
    int year = day.getYear();
    if (year < 1 || year > 9999) {
      throw new IllegalArgumentException(
          "year " + year + " is outside 1..9999, which Python's datetime allows");
    }
    StringBuilder out = new StringBuilder(10).append(year).append('/');
    pad2(out, day.getMonthValue()).append('/');
    return pad2(out, day.getDayOfMonth()).toString();
  }

  private static StringBuilder pad2(StringBuilder out, int value) {
    if (value < 10) {
      out.append('0');
    }
    return out.append(value);
  }

  /** Reads a date path back; readers strip surrounding whitespace first, as vcon-server does. */
  public static Optional<LocalDate> parse(String text) {
    Matcher m = DATE_PATH.matcher(text.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      int year = Integer.parseInt(m.group(1));
      if (year < 1) {
        return Optional.empty();
      }
      return Optional.of(
          LocalDate.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
