package io.vcon.storage.spi;

import io.vcon.storage.internal.Texts;

/** Makes untrusted text (ids, keys, values read from a backend) safe to put into an error message or a log. */
public final class SafeText {

  private SafeText() {}

  /** Quoted, with quotes, backslashes, control and non-ASCII characters escaped, and long text cut. */
  public static String quote(String text) {
    return Texts.quote(text);
  }
}
