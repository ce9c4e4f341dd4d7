package io.vcon.storage.api;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.TemporalAdjusters;

/**
 * CPython 3.11's {@code datetime.fromisoformat}, ported step by step from {@code
 * Modules/_datetimemodule.c} ({@code datetime_fromisoformat} and the helpers it calls), because
 * vcon-server files a vCon under the date that function returns. It works, as the C code does, on
 * the UTF-8 bytes followed by a zero byte, and keeps its quirks: any single character separates
 * date and time, a stray character may stand before an offset ({@code 10:00:00x+01:00}), and a zero
 * byte ends the text. {@code CreatedAtPythonTest} holds it to what the Python on these machines
 * answers for 2,500 texts.
 */
final class PythonIsoFormat {

  /** A parsed timestamp; {@code offsetSeconds} is null for a naive one. */
  record Result(LocalDateTime dateTime, Integer offsetSeconds) {}

  private static final int[] SEPARATOR_POSITIONS = {7, 8, 10};
  private static final int[] FRACTION_SCALE = {100000, 10000, 1000, 100, 10};

  private final byte[] b;

  private PythonIsoFormat(byte[] utf8WithTerminator) {
    this.b = utf8WithTerminator;
  }

  /** The timestamp, or null where Python raises {@code ValueError}. */
  static Result parse(String text) {
    // Two zero bytes past the end: the C code reads the terminator, and at most one byte beyond a
    // digit check.
    byte[] terminated = ascii(text);
    if (terminated == null) {
      terminated = utf8(text);
      if (terminated == null) {
        return null;
      }
    }
    int length = terminated.length - 2;
    try {
      return new PythonIsoFormat(terminated).fromIsoFormat(length);
    } catch (DateTimeException | ArithmeticException e) {
      return null; // check_date_args / check_time_args: a field out of range
    }
  }

  // The common case, without a detour through code points: at least 7 ASCII characters.
  private static byte[] ascii(String text) {
    int n = text.length();
    if (n < 7) {
      return null;
    }
    byte[] b = new byte[n + 2];
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        return null;
      }
      b[i] = (byte) c;
    }
    return b;
  }

  // _sanitize_isoformat_str and the UTF-8 encoding: at least 7 characters (code points, as Python
  // counts); a lone
  // surrogate at 7, 8 or 10 (the only places a separator can be) stands for the separator, any
  // other one fails.
  private static byte[] utf8(String text) {
    int[] codePoints = text.codePoints().toArray();
    if (codePoints.length < 7) {
      return null;
    }
    for (int pos : SEPARATOR_POSITIONS) {
      if (pos >= codePoints.length) {
        break;
      }
      if (Character.getType(codePoints[pos]) == Character.SURROGATE) {
        codePoints[pos] = 'T';
        break;
      }
    }
    for (int cp : codePoints) {
      if (Character.getType(cp) == Character.SURROGATE) {
        return null;
      }
    }
    byte[] utf8 = new String(codePoints, 0, codePoints.length).getBytes(StandardCharsets.UTF_8);
    byte[] terminated = new byte[utf8.length + 2];
    System.arraycopy(utf8, 0, terminated, 0, utf8.length);
    return terminated;
  }

  // datetime_fromisoformat
  private Result fromIsoFormat(int len) {
    int separator = separatorLocation(len);
    int[] ymd = new int[3];
    if (!parseDate(separator, ymd)) {
      return null;
    }
    int[] time = new int[5]; // hour, minute, second, microsecond, nanoseconds beyond it
    int[] tz = new int[2]; // offset seconds, offset microseconds
    int rv = 0;
    if (len > separator) {
      int p = separator;
      int lead = b[p] & 0xff;
      if ((lead & 0x80) == 0) {
        p += 1;
      } else if ((lead & 0xf0) == 0xe0) {
        p += 3;
      } else if ((lead & 0xf0) == 0xf0) {
        p += 4;
      } else {
        p += 2;
      }
      rv = parseTime(p, len - p, time, tz);
    }
    if (rv < 0) {
      return null;
    }
    LocalDate date = date(ymd[0], ymd[1], ymd[2]);
    if (time[0] > 23 || time[1] > 59 || time[2] > 59) {
      return null;
    }
    LocalDateTime dateTime = date.atTime(time[0], time[1], time[2], time[3] * 1000 + time[4]);
    if (rv == 0) {
      return new Result(dateTime, null);
    }
    // timezone(timedelta(seconds=..., microseconds=...)) must lie strictly within ±24 hours.
    long micros = tz[0] * 1_000_000L + tz[1];
    if (Math.abs(micros) >= 86_400_000_000L) {
      return null;
    }
    return new Result(dateTime, (int) (micros / 1_000_000L));
  }

  private static LocalDate date(int year, int month, int day) {
    if (year < 1 || year > 9999) {
      throw new DateTimeException("year out of range");
    }
    return LocalDate.of(year, month, day);
  }

  // _find_isoformat_datetime_separator
  private int separatorLocation(int len) {
    if (len == 7) {
      return 7;
    }
    if (b[4] == '-') {
      if (b[5] == 'W') {
        if (len < 8) {
          return -1;
        }
        if (len > 8 && b[8] == '-') {
          if (len == 9) {
            return -1;
          }
          if (len > 10 && isDigit(b[10])) {
            return 8;
          }
          return 10;
        }
        return 8;
      }
      return 10;
    }
    if (b[4] == 'W') {
      int idx = 7;
      while (idx < len && isDigit(b[idx])) {
        idx++;
      }
      if (idx < 9) {
        return idx;
      }
      return idx % 2 == 0 ? 7 : 8;
    }
    return 8;
  }

  // parse_isoformat_date; fills year, month, day
  private boolean parseDate(int len, int[] ymd) {
    if (len < 0) {
      return false;
    }
    int[] p = {0};
    int year = digits(p, 4);
    if (year < 0) {
      return false;
    }
    boolean usesSeparator = b[p[0]] == '-';
    if (usesSeparator) {
      p[0]++;
    }
    if (b[p[0]] == 'W') {
      p[0]++;
      int week = digits(p, 2);
      if (week < 0) {
        return false;
      }
      int day = 1;
      if (p[0] < len) {
        if (usesSeparator && b[p[0]++] != '-') {
          return false;
        }
        day = digits(p, 1);
        if (day < 0) {
          return false;
        }
      }
      LocalDate monday = isoWeekDate(year, week, day);
      if (monday == null) {
        return false;
      }
      ymd[0] = monday.getYear();
      ymd[1] = monday.getMonthValue();
      ymd[2] = monday.getDayOfMonth();
      return true;
    }
    int month = digits(p, 2);
    if (month < 0) {
      return false;
    }
    if (usesSeparator && b[p[0]++] != '-') {
      return false;
    }
    int day = digits(p, 2);
    if (day < 0) {
      return false;
    }
    ymd[0] = year;
    ymd[1] = month;
    ymd[2] = day;
    return true;
  }

  // iso_to_ymd: week 53 only in years that have it, days 1 to 7
  private static LocalDate isoWeekDate(int year, int week, int day) {
    if (year < 1 || year > 9999) {
      return null;
    }
    if (week <= 0 || week >= 53) {
      DayOfWeek first = LocalDate.of(year, 1, 1).getDayOfWeek();
      boolean has53 =
          first == DayOfWeek.THURSDAY
              || first == DayOfWeek.WEDNESDAY && LocalDate.of(year, 1, 1).isLeapYear();
      if (week != 53 || !has53) {
        return null;
      }
    }
    if (day <= 0 || day >= 8) {
      return null;
    }
    // January 4th is always in week 1.
    LocalDate week1Monday =
        LocalDate.of(year, 1, 4).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    return week1Monday.plusDays((week - 1) * 7L + day - 1);
  }

  // parse_isoformat_time: 0 naive, 1 with an offset, negative on failure
  private int parseTime(int start, int len, int[] time, int[] tz) {
    int end = start + len;
    int tzPos = start;
    do {
      if (b[tzPos] == 'Z' || b[tzPos] == '+' || b[tzPos] == '-') {
        break;
      }
    } while (++tzPos < end);
    int rv = parseHhMmSsFf(start, tzPos, time);
    if (rv < 0) {
      return rv;
    } else if (tzPos == end) {
      return rv == 1 ? -5 : 0;
    }
    if (b[tzPos] == 'Z') {
      return b[tzPos + 1] != 0 ? -5 : 1;
    }
    int sign = b[tzPos] == '-' ? -1 : 1;
    int[] offset = new int[5];
    rv = parseHhMmSsFf(tzPos + 1, end, offset);
    tz[0] = sign * (offset[0] * 3600 + offset[1] * 60 + offset[2]);
    tz[1] = sign * offset[3];
    return rv != 0 ? -5 : 1;
  }

  // parse_hh_mm_ss_ff: 0 at the end of the text, 1 when more follows, negative on failure
  private int parseHhMmSsFf(int start, int end, int[] vals) {
    int[] p = {start};
    boolean hasSeparator = true;
    for (int i = 0; i < 3; i++) {
      int v = digits(p, 2);
      if (v < 0) {
        return -3;
      }
      vals[i] = v;
      byte c = b[p[0]++];
      if (i == 0) {
        hasSeparator = c == ':';
      }
      if (p[0] >= end) {
        return c != 0 ? 1 : 0;
      } else if (hasSeparator && c == ':') {
        continue;
      } else if (c == '.' || c == ',') {
        break;
      } else if (!hasSeparator) {
        p[0]--;
      } else {
        return -4;
      }
    }
    // Like the C code, the fraction is read also after three fields without a '.' (p then stands on
    // a digit).
    int toParse = Math.min(end - p[0], 6);
    int us = digits(p, toParse);
    if (us < 0) {
      return -3;
    }
    if (toParse < 6) {
      us *= FRACTION_SCALE[toParse - 1];
    }
    vals[3] = us;
    // Python drops the digits after the sixth; we keep three more as nanoseconds for
    // localDateTime(), which
    // changes no date and no refusal.
    int nanos = 0;
    for (int scale = 100; isDigit(b[p[0]]); p[0]++) {
      nanos += (b[p[0]] - '0') * scale;
      scale /= 10;
    }
    vals[4] = nanos;
    return b[p[0]] != 0 ? 1 : 0;
  }

  // parse_digits: the value of n digits at p (advancing p), or -1
  private int digits(int[] p, int n) {
    int value = 0;
    for (int i = 0; i < n; i++) {
      int d = b[p[0]++] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value;
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }
}
