package io.vcon.storage.config;

import io.vcon.storage.api.StorageConfigurationException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${VAR}} and {@code ${VAR:-default}} in string values, as a shell and docker-compose expand them: the
 * default applies when the variable is unset or empty. {@code $$} is a literal {@code $}. Values are inserted
 * as they are, never expanded again, and never appear in an error.
 */
final class Interpolator {

  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

  private final Function<String, String> environment;

  Interpolator(Function<String, String> environment) {
    this.environment = environment;
  }

  String expand(String text, String yamlPath) {
    if (text.indexOf('$') < 0) {
      return text;
    }
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    int last = 0;
    while (m.find()) {
      out.append(text, last, m.start());
      last = m.end();
      if (m.group().equals("$$")) {
        out.append('$');
        continue;
      }
      String name = m.group(1);
      String value = environment.apply(name);
      if (value == null || value.isEmpty()) {
        value = m.group(2);
      }
      if (value == null) {
        throw new StorageConfigurationException(
            yamlPath
                + ": environment variable "
                + name
                + " is not set; set it, or write ${"
                + name
                + ":-default} to give a default.");
      }
      out.append(value);
    }
    String rest = text.substring(last);
    if (rest.contains("${")) {
      throw new StorageConfigurationException(
          yamlPath
              + ": malformed ${...} reference; write ${NAME} or ${NAME:-default} (NAME: letters,"
              + " digits, _), or $${ for a literal ${.");
    }
    return out.append(rest).toString();
  }
}
