package io.vcon.storage.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough JSON for the harness's own flat outputs (no tree library needed). */
final class Json {

  private Json() {}

  /** The raw text of a top-level number field of a one-line flat JSON object. */
  static String field(String line, String name) {
    Matcher m =
        Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*([-0-9.eE+]+)").matcher(line);
    if (!m.find()) {
      throw new IllegalArgumentException("no numeric field " + name + " in " + line);
    }
    return m.group(1);
  }

  static String value(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Double d) {
      return d.isNaN() || d.isInfinite() ? "null" : String.format(Locale.ROOT, "%.3f", d);
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    if (v instanceof Map<?, ?> m) {
      StringBuilder out = new StringBuilder("{");
      m.forEach(
          (k, x) ->
              out.append(out.length() > 1 ? "," : "")
                  .append(value(k.toString()))
                  .append(':')
                  .append(value(x)));
      return out.append('}').toString();
    }
    if (v instanceof List<?> l) {
      StringBuilder out = new StringBuilder("[");
      l.forEach(x -> out.append(out.length() > 1 ? "," : "").append(value(x)));
      return out.append(']').toString();
    }
    String s = v.toString();
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
