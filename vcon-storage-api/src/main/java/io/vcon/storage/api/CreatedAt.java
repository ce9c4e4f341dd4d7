package io.vcon.storage.api;

import io.vcon.storage.internal.Texts;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * A vCon's {@code created_at}, parsed the way vcon-server reads it: with Python 3.11's {@code
 * datetime.fromisoformat}, then {@code strftime("%Y/%m/%d")} <em>without</em> converting to UTC. So
 * the date that files a vCon is the date written in the text, whatever its offset: {@code
 * 2024-01-15T23:30:00-05:00} is filed under {@code 2024/01/15}.
 *
 * <p>Accepted exactly as CPython 3.11's {@code fromisoformat} accepts them (a port of its C code,
 * checked against that Python on 2,500 texts): {@code YYYY-MM-DD}, {@code YYYYMMDD} and ISO week
 * dates; optionally followed by any one character (usually {@code T}, {@code t} or a space) and a
 * time {@code HH[:MM[:SS[.f+]]]} (basic form without colons too; any number of fraction digits,
 * {@code .} or {@code ,}); optionally followed by {@code Z} or {@code ±HH[:MM[:SS[.ffffff]]]}.
 * Naive and date-only forms keep their date. One addition (ADR 0023): a final lower-case {@code z},
 * which RFC 3339 allows, reads as {@code Z}.
 */
public final class CreatedAt {

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
   * @throws InvalidVconException (reason {@code INVALID_CREATED_AT}) naming the value and the
   *     accepted forms
   */
  public static CreatedAt parse(String text) {
    return parse(text, null);
  }

  /** As {@link #parse(String)}, naming the vCon in the error. */
  public static CreatedAt parse(String text, @Nullable String vconId) {
    PythonIsoFormat.Result r = PythonIsoFormat.parse(text);
    if (r == null && endsWithDigitAndLowerCaseZ(text)) {
      // RFC 3339 (§5.6) allows "z" for "Z". fromisoformat refuses it, but vcon-server's API reads
      // such a value
      // (pydantic) and keeps it as +00:00 with the date as written, so it is filed under that date
      // (ADR 0023).
      r = PythonIsoFormat.parse(text.substring(0, text.length() - 1) + "Z");
    }
    if (r == null) {
      throw invalid(text, vconId);
    }
    return new CreatedAt(text, r.dateTime(), r.offsetSeconds());
  }

  // RFC 3339 puts "z" right after the seconds (or their fraction); a "z" after anything else is no
  // offset.
  private static boolean endsWithDigitAndLowerCaseZ(String text) {
    int n = text.length();
    return n >= 2
        && text.charAt(n - 1) == 'z'
        && Character.isDigit(text.charAt(n - 2))
        && text.charAt(n - 2) < 128;
  }

  private static InvalidVconException invalid(String text, String vconId) {
    String subject = vconId == null ? "" : " of vCon " + vconId;
    return new InvalidVconException(
        InvalidVconException.Reason.INVALID_CREATED_AT,
        "created_at"
            + subject
            + " is "
            + Texts.quote(text)
            + ", which is not an ISO 8601 timestamp as Python's datetime.fromisoformat reads it"
            + " (vcon-server files vCons by that date); expected e.g. 2024-01-15T10:00:00Z,"
            + " 2024-01-15T10:00:00-05:00, 2024-01-15T10:00:00 or 2024-01-15. Nothing was written.",
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

  /**
   * The instant, when the text has an offset Java can represent (±18:00); empty for naive
   * timestamps.
   */
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
