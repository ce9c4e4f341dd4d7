package io.vcon.storage.api;

import io.vcon.storage.internal.Texts;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A vCon's {@code created_at}, parsed the way vcon-server reads it: with Python 3.11's
 * {@code datetime.fromisoformat}, then {@code strftime("%Y/%m/%d")} <em>without</em> converting to UTC. So the
 * date that files a vCon is the date written in the text, whatever its offset: {@code 2024-01-15T23:30:00-05:00}
 * is filed under {@code 2024/01/15}.
 *
 * <p>Accepted, as {@code fromisoformat} accepts them: {@code YYYY-MM-DD}, {@code YYYYMMDD} and ISO week dates;
 * optionally followed by {@code T}, {@code t} or a space and a time {@code HH[:MM[:SS[.f+]]]} (basic form
 * without colons too; any number of fraction digits, {@code .} or {@code ,}); optionally followed by {@code Z}
 * or {@code ±HH[:MM[:SS[.ffffff]]]} (with or without colons). Naive and date-only forms keep their date.
 */
public final class CreatedAt {

  private static final Pattern EXTENDED_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
  private static final Pattern BASIC_DATE = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
  private static final Pattern WEEK_DATE = Pattern.compile("(\\d{4})-?W(\\d{2})(?:-?(\\d))?");
  private static final Pattern TIME =
      Pattern.compile("(\\d{2})(?::?(\\d{2})(?::?(\\d{2})(?:[.,](\\d+))?)?)?");
  private static final Pattern OFFSET =
      Pattern.compile("([+-])(\\d{2})(?::?(\\d{2})(?::?(\\d{2})(?:\\.(\\d{1,6}))?)?)?");

  private final String text;
  private final LocalDateTime localDateTime;
  private final Integer offsetSeconds;

  private CreatedAt(String text, LocalDateTime localDateTime, Integer offsetSeconds) {
    this.text = text;
    this.localDateTime = localDateTime;
    this.offsetSeconds = offsetSeconds;
  }

  /**
   * Parses a {@code created_at} value.
   *
   * @throws InvalidVconException (reason {@code INVALID_CREATED_AT}) naming the value and the accepted forms
   */
  public static CreatedAt parse(String text) {
    return parse(text, null);
  }

  /** As {@link #parse(String)}, naming the vCon in the error. */
  public static CreatedAt parse(String text, @Nullable String vconId) {
    try {
      return parseOrNull(text);
    } catch (DateTimeException | IllegalArgumentException e) {
      throw invalid(text, vconId, e.getMessage());
    }
  }

  private static CreatedAt parseOrNull(String text) {
    int split = separatorIndex(text);
    String datePart = split < 0 ? text : text.substring(0, split);
    LocalDate date = parseDate(datePart);
    if (split < 0) {
      return new CreatedAt(text, date.atStartOfDay(), null);
    }
    String rest = text.substring(split + 1);
    int zone = zoneIndex(rest);
    String timePart = zone < 0 ? rest : rest.substring(0, zone);
    LocalTime time = parseTime(timePart);
    Integer offset = zone < 0 ? null : parseOffset(rest.substring(zone));
    return new CreatedAt(text, date.atTime(time), offset);
  }

  private static int separatorIndex(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 'T' || c == 't' || c == ' ') {
        return i;
      }
    }
    return -1;
  }

  private static int zoneIndex(String rest) {
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (c == 'Z' || c == '+' || c == '-') {
        return i;
      }
    }
    return -1;
  }

  private static LocalDate parseDate(String part) {
    Matcher m = EXTENDED_DATE.matcher(part);
    if (!m.matches()) {
      m = BASIC_DATE.matcher(part);
    }
    if (m.matches()) {
      return LocalDate.of(year(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }
    Matcher w = WEEK_DATE.matcher(part);
    if (w.matches()) {
      int year = year(w.group(1));
      int week = Integer.parseInt(w.group(2));
      int day = w.group(3) == null ? 1 : Integer.parseInt(w.group(3));
      LocalDate weekBased =
          LocalDate.of(year, 6, 1)
              .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, 1)
              .with(DayOfWeek.MONDAY);
      if (week < 1 || week > weekBased.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum() || day < 1 || day > 7) {
        throw new IllegalArgumentException("week date out of range");
      }
      return weekBased.plusWeeks(week - 1L).plusDays(day - 1L);
    }
    throw new IllegalArgumentException("the date is not YYYY-MM-DD");
  }

  // Python's datetime has no year 0.
  private static int year(String digits) {
    int year = Integer.parseInt(digits);
    if (year < 1) {
      throw new IllegalArgumentException("year 0 does not exist");
    }
    return year;
  }

  private static LocalTime parseTime(String part) {
    Matcher m = TIME.matcher(part);
    if (!m.matches()) {
      throw new IllegalArgumentException("the time is not HH[:MM[:SS[.fraction]]]");
    }
    int hour = Integer.parseInt(m.group(1));
    int minute = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
    int second = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    int nanos = 0;
    if (m.group(4) != null) {
      // Python keeps microseconds and drops further digits; only the date matters here, so nanoseconds are fine.
      String fraction = (m.group(4) + "000000000").substring(0, 9);
      nanos = Integer.parseInt(fraction);
    }
    return LocalTime.of(hour, minute, second, nanos);
  }

  private static Integer parseOffset(String part) {
    if (part.equals("Z")) {
      return 0;
    }
    Matcher m = OFFSET.matcher(part);
    if (!m.matches()) {
      throw new IllegalArgumentException("the offset is not Z or ±HH:MM");
    }
    int hours = Integer.parseInt(m.group(2));
    int minutes = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    int seconds = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
    if (hours > 23 || minutes > 59 || seconds > 59) {
      throw new IllegalArgumentException("the offset must be less than 24 hours");
    }
    int total = hours * 3600 + minutes * 60 + seconds;
    return m.group(1).equals("-") ? -total : total;
  }

  private static InvalidVconException invalid(String text, String vconId, String why) {
    String subject = vconId == null ? "" : " of vCon " + vconId;
    return new InvalidVconException(
        InvalidVconException.Reason.INVALID_CREATED_AT,
        "created_at" + subject + " is " + Texts.quote(text) + ", which is not an ISO 8601 timestamp ("
            + why + "); expected e.g. 2024-01-15T10:00:00Z, 2024-01-15T10:00:00-05:00, 2024-01-15T10:00:00 or "
            + "2024-01-15. Nothing was written.",
        vconId);
  }

  /** The text exactly as written in the document. */
  public String text() {
    return text;
  }

  /** The date as written, which is the date vcon-server files the vCon under. */
  public LocalDate localDate() {
    return localDateTime.toLocalDate();
  }

  public LocalDateTime localDateTime() {
    return localDateTime;
  }

  /** The written offset in seconds; empty for naive and date-only timestamps. */
  public OptionalInt offsetSeconds() {
    return offsetSeconds == null ? OptionalInt.empty() : OptionalInt.of(offsetSeconds);
  }

  /** The instant, when the text has an offset Java can represent (±18:00); empty for naive timestamps. */
  public Optional<Instant> instant() {
    if (offsetSeconds == null || Math.abs(offsetSeconds) > 18 * 3600) {
      return Optional.empty();
    }
    return Optional.of(localDateTime.toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds)));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CreatedAt c && c.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
