package io.vcon.storage.cli;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --date DAY} or {@code --since DAY [--until DAY]}: days as written in key paths, both ends inclusive. */
final class DateRange {

  @Option(
      names = "--date",
      paramLabel = "YYYY/MM/DD",
      converter = DayConverter.class,
      description = "One day.")
  LocalDate date;

  @Option(
      names = "--since",
      paramLabel = "YYYY/MM/DD",
      converter = DayConverter.class,
      description = "First day (inclusive).")
  LocalDate since;

  @Option(
      names = "--until",
      paramLabel = "YYYY/MM/DD",
      converter = DayConverter.class,
      description =
          "Last day (inclusive; default: tomorrow in UTC, as dates are written in their own"
              + " offset).")
  LocalDate until;

  /** The range asked for, or empty when no date option was given. */
  Optional<Days> days(CommandLine.Model.CommandSpec spec) {
    if (date != null && (since != null || until != null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--date cannot be combined with --since/--until");
    }
    if (date != null) {
      return Optional.of(new Days(date, date));
    }
    if (until != null && since == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--until needs --since");
    }
    if (since == null) {
      return Optional.empty();
    }
    LocalDate last = until != null ? until : LocalDate.now(ZoneOffset.UTC).plusDays(1);
    if (last.isBefore(since)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--until " + last + " is before --since " + since);
    }
    return Optional.of(new Days(since, last));
  }

  record Days(LocalDate from, LocalDate to) {
    boolean contains(LocalDate day) {
      return !day.isBefore(from) && !day.isAfter(to);
    }
  }

  /** Accepts {@code 2024/01/15} (the key path form) and {@code 2024-01-15}. */
  static final class DayConverter implements CommandLine.ITypeConverter<LocalDate> {
    @Override
    public LocalDate convert(String value) {
      try {
        return LocalDate.parse(value.strip().replace('/', '-'));
      } catch (DateTimeParseException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not a date; write YYYY/MM/DD or YYYY-MM-DD");
      }
    }
  }
}
