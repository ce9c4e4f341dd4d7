package io.vcon.storage.cli;

import java.util.Locale;

/**
 * Log level from {@code -v}: quiet (WARN) by default, INFO with {@code -v}, DEBUG with {@code -vv}; the system
 * property {@code vcon.storage.log.level} overrides both. The command line logs through slf4j-simple (a dozen
 * classes, no XML parser: start-up time, issue 22), which reads its level once, when the first logger is created;
 * that is why this runs right after parsing and before any command touches a store.
 */
final class Logging {
  static final String LEVEL_PROPERTY = "vcon.storage.log.level";
  static final String SIMPLE_LOGGER_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

  private Logging() {}

  static void configure(int verbosity) {
    if (System.getProperty(SIMPLE_LOGGER_LEVEL) != null) {
      return;
    }
    String level = System.getProperty(LEVEL_PROPERTY);
    if (level == null) {
      level = verbosity >= 2 ? "debug" : verbosity == 1 ? "info" : "warn";
    }
    System.setProperty(SIMPLE_LOGGER_LEVEL, level.toLowerCase(Locale.ROOT));
  }
}
