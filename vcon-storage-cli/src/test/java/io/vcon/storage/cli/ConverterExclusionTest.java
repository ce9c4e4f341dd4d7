package io.vcon.storage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

/**
 * The command line tells picocli to skip its {@code java.time} and {@code java.sql} converters
 * (start-up, ADR 0030). That is only right while no option needs one: an option of such a type
 * must bring its own converter, as the date options do.
 */
class ConverterExclusionTest {

  @Test
  @DisplayName("no option or parameter of any command relies on a java.time or java.sql converter")
  void noOptionNeedsAnExcludedConverter() {
    List<String> needing = new ArrayList<>();
    collect(VconStorageCli.commandModel(), needing);
    assertThat(needing)
        .as("give these options a converter, or drop the exclusion in VconStorageCli.main")
        .isEmpty();
  }

  private static void collect(CommandLine command, List<String> needing) {
    for (ArgSpec arg : command.getCommandSpec().args()) {
      boolean excludedType =
          Stream.concat(Stream.of(arg.type()), Stream.of(arg.auxiliaryTypes()))
              .map(Class::getName)
              .anyMatch(n -> n.startsWith("java.time.") || n.startsWith("java.sql."));
      if (excludedType && arg.converters().length == 0) {
        needing.add(command.getCommandName() + " " + arg.paramLabel() + " (" + arg.type() + ")");
      }
    }
    command.getSubcommands().values().forEach(sub -> collect(sub, needing));
  }

  @Test
  @DisplayName("main's exclusion keeps a value the user set")
  void keepsTheUsersValue() {
    String before = System.getProperty(VconStorageCli.CONVERTER_EXCLUDES);
    try {
      System.setProperty(VconStorageCli.CONVERTER_EXCLUDES, "java.sql.*");
      VconStorageCli.excludeUnusedConverters();
      assertThat(System.getProperty(VconStorageCli.CONVERTER_EXCLUDES)).isEqualTo("java.sql.*");
      System.clearProperty(VconStorageCli.CONVERTER_EXCLUDES);
      VconStorageCli.excludeUnusedConverters();
      assertThat(System.getProperty(VconStorageCli.CONVERTER_EXCLUDES))
          .isEqualTo("java.time.*,java.sql.*");
    } finally {
      if (before == null) {
        System.clearProperty(VconStorageCli.CONVERTER_EXCLUDES);
      } else {
        System.setProperty(VconStorageCli.CONVERTER_EXCLUDES, before);
      }
    }
  }
}
