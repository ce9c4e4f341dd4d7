package io.vcon.storage.internal;

/** Helpers that make untrusted text safe to put in a message. Not part of the public API. */
public final class Texts {
  private static final int SHOWN = 80;

  private Texts() {}

  /** Quotes text for an error message: control and non-ASCII characters escaped, long text cut. */
  public static String quote(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), SHOWN) + 16).append('"');
    int limit = Math.min(text.length(), SHOWN);
    for (int i = 0; i < limit; i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
    if (text.length() > SHOWN) {
      out.append("... (").append(text.length()).append(" characters)");
    }
    return out.toString();
  }

  /** Cuts text that goes into an exception field, so a 1 MB id does not become a 1 MB field. */
  public static String truncate(String text) {
    return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "...";
  }
}
