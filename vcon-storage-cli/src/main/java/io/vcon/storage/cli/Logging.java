package io.vcon.storage.cli;

/**
 * Log level from {@code -v}: quiet (WARN) by default, INFO with {@code -v}, DEBUG with {@code -vv}. The jar's
 * {@code logback.xml} reads the level from a system property, so this works only before the first logger is
 * created, which is why it runs right after parsing and before any command touches a store.
 */
final class Logging {
  static final String LEVEL_PROPERTY = "vcon.storage.log.level";

  private Logging() {}

  static void configure(int verbosity) {
    if (System.getProperty(LEVEL_PROPERTY) != null) {
      return;
    }
    System.setProperty(LEVEL_PROPERTY, verbosity >= 2 ? "DEBUG" : verbosity == 1 ? "INFO" : "WARN");
  }
}
