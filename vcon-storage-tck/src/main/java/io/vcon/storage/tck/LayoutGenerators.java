package io.vcon.storage.tck;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.vcon.storage.api.IdPolicy;
import io.vcon.storage.api.VconId;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators for the key-layout properties: vCon ids, days, prefixes and {@code created_at}
 * texts in every form vcon-server's {@code datetime.fromisoformat} reads.
 */
public final class LayoutGenerators {

  private static final LocalDate FIRST_DAY = LocalDate.of(1, 1, 1);
  private static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);
  private static final String PREFIX_CHARS = "abcxyz019/-_.";
  private static final String TOKEN_CHARS = "abcXYZ0189._-";

  private LayoutGenerators() {}

  /** Canonical UUIDs of every version, in lower and upper case. */
  public static Gen<VconId> uuids() {
    return longs()
        .all()
        .zip(
            longs().all(),
            Generate.booleans(),
            (msb, lsb, upper) -> {
              String text = new UUID(msb, lsb).toString();
              return VconId.of(upper ? text.toUpperCase(Locale.ROOT) : text);
            });
  }

  /** UUIDs mixed with path-safe tokens ({@code id_policy: token}). */
  public static Gen<VconId> ids() {
    Gen<VconId> tokens =
        integers()
            .between(0, 9)
            .zip(
                Generate.intArrays(
                    integers().between(0, 40), integers().between(0, TOKEN_CHARS.length() - 1)),
                (first, rest) -> {
                  StringBuilder out = new StringBuilder().append((char) ('0' + first));
                  for (int i : rest) {
                    out.append(TOKEN_CHARS.charAt(i));
                  }
                  return VconId.of(out.toString(), IdPolicy.TOKEN);
                });
    return uuids().mix(tokens, 30);
  }

  /** Any day from 0001-01-01 to 9999-12-31, with leap days, year ends and years below 1000 favoured. */
  public static Gen<LocalDate> days() {
    Gen<LocalDate> any =
        longs().between(FIRST_DAY.toEpochDay(), LAST_DAY.toEpochDay()).map(LocalDate::ofEpochDay);
    List<LocalDate> special = new ArrayList<>();
    for (int year : new int[] {1, 9, 10, 99, 100, 999, 1000, 1600, 1900, 2000, 2024, 2100, 9999}) {
      special.add(LocalDate.of(year, 1, 1));
      special.add(LocalDate.of(year, 12, 31));
      if (LocalDate.of(year, 1, 1).isLeapYear()) {
        special.add(LocalDate.of(year, 2, 29));
      }
    }
    Gen<LocalDate> early =
        longs()
            .between(FIRST_DAY.toEpochDay(), LocalDate.of(999, 12, 31).toEpochDay())
            .map(LocalDate::ofEpochDay);
    return any.mix(Generate.pick(special), 25).mix(early, 15);
  }

  /**
   * {@code s3_path} values: none, empty, nested, with trailing (and only trailing) slashes, or just "/"; never
   * with a {@code .} or {@code ..} segment (ADR 0022).
   */
  public static Gen<String> prefixes() {
    Gen<String> random =
        Generate.intArrays(
                integers().between(1, 16), integers().between(0, PREFIX_CHARS.length() - 1))
            .map(
                chars -> {
                  StringBuilder out = new StringBuilder();
                  for (int i : chars) {
                    out.append(PREFIX_CHARS.charAt(i));
                  }
                  // A "." or ".." segment is refused as a prefix (ADR 0022): make it a name.
                  return out.toString().replaceAll("(^|/)(\\.\\.?)(?=/|$)", "$1$2_");
                });
    Gen<String> typical =
        Generate.pick(List.of("", "vcons", "vcons/", "vcons//", "a/b/c", "a/b/c/", "/", "/x"));
    Gen<String> withNull = Generate.constant(() -> (String) null);
    return random.mix(typical, 40).mix(withNull, 5);
  }

  /** A {@code created_at} text and the date it is written with (which is the date it must be filed under). */
  public static final class Timestamp {
    private final String text;
    private final LocalDateTime written;
    private final Integer offsetSeconds;

    Timestamp(String text, LocalDateTime written, Integer offsetSeconds) {
      this.text = text;
      this.written = written;
      this.offsetSeconds = offsetSeconds;
    }

    /** The date and time as written (no conversion to UTC). */
    public LocalDateTime written() {
      return written;
    }

    /** The written offset in seconds; null for naive and date-only texts. */
    public Integer offsetSeconds() {
      return offsetSeconds;
    }

    public String text() {
      return text;
    }

    public LocalDate writtenDate() {
      return written.toLocalDate();
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /**
   * Timestamps in every accepted form: offsets from -12:00 to +14:00 (with and without colon), {@code Z},
   * naive, date-only, 0 to 9 fraction digits, {@code T} or space separators, basic (compact) forms.
   */
  public static Gen<Timestamp> timestamps() {
    Gen<LocalTime> times = integers().between(0, 86_399).map(s -> LocalTime.ofSecondOfDay(s));
    Gen<Integer> offsetsMinutes = integers().between(-12 * 60, 14 * 60);
    Gen<Integer> styles = integers().between(0, 9);
    Gen<Integer> fractionDigits = integers().between(0, 9);
    return days()
        .zip(
            times,
            offsetsMinutes,
            styles.zip(fractionDigits, (s, f) -> s * 10 + f),
            (day, time, offset, sf) -> timestamp(day, time, offset, sf / 10, sf % 10));
  }

  private static Timestamp timestamp(
      LocalDate day, LocalTime time, int offsetMinutes, int style, int digits) {
    String text = format(day, time, offsetMinutes, style, digits);
    if (style == 9) {
      return new Timestamp(text, day.atStartOfDay(), null);
    }
    LocalTime withFraction =
        digits == 0
            ? time
            : time.withNano(
                Integer.parseInt(
                    ("123456789").substring(0, digits) + "000000000".substring(digits)));
    Integer offset;
    switch (style) {
      case 3, 4 -> offset = 0;
      case 5, 6 -> offset = null;
      default -> offset = offsetMinutes * 60;
    }
    return new Timestamp(text, day.atTime(withFraction), offset);
  }

  private static String format(
      LocalDate day, LocalTime time, int offsetMinutes, int style, int fractionDigits) {
    String date =
        String.format(
            Locale.ROOT, "%04d-%02d-%02d", day.getYear(), day.getMonthValue(), day.getDayOfMonth());
    if (style == 9) {
      return date;
    }
    boolean basic = style == 8;
    String clock =
        basic
            ? String.format(
                Locale.ROOT, "%02d%02d%02d", time.getHour(), time.getMinute(), time.getSecond())
            : String.format(
                Locale.ROOT, "%02d:%02d:%02d", time.getHour(), time.getMinute(), time.getSecond());
    if (fractionDigits > 0) {
      clock += "." + "123456789".substring(0, fractionDigits);
    }
    String separator = style == 7 ? " " : "T";
    String dateText = basic ? date.replace("-", "") : date;
    String zone;
    switch (style) {
      case 0, 1 -> zone = offset(offsetMinutes, true);
      case 2 -> zone = offset(offsetMinutes, false);
      case 3 -> zone = "Z";
      case 4 -> zone = "+00:00";
      case 5, 6 -> zone = "";
      default -> zone = offset(offsetMinutes, !basic);
    }
    return dateText + separator + clock + zone;
  }

  private static String offset(int minutes, boolean colon) {
    char sign = minutes < 0 ? '-' : '+';
    int abs = Math.abs(minutes);
    return String.format(Locale.ROOT, "%c%02d%s%02d", sign, abs / 60, colon ? ":" : "", abs % 60);
  }
}
