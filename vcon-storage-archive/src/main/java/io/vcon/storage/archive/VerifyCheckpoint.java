package io.vcon.storage.archive;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code verify --checkpoint FILE} has read so far, one line per object or pointer, appended
 * as each read completes. A run that is stopped (Ctrl-C, a crash) and started again with the same
 * file reads only what is not in it; a run that finishes removes it. Reading is the slow part of a
 * verify; the listing and the analysis are redone.
 *
 * <p>Lines are tab-separated, with tabs, newlines and backslashes in the detail escaped: {@code O
 * key valid created-day digest finding detail} and {@code P key body}, {@code -} for none.
 */
final class VerifyCheckpoint implements AutoCloseable {

  /** One object as a previous run read it. */
  record ObjectRead(
      boolean valid, String createdDay, String digest, String finding, String detail) {}

  private final Path file;
  private final Map<String, ObjectRead> objects = new HashMap<>();
  private final Map<String, String> pointers = new HashMap<>();
  private final BufferedWriter out;

  private VerifyCheckpoint(Path file) {
    this.file = file;
    try {
      if (Files.exists(file)) {
        load(Files.readAllLines(file, StandardCharsets.UTF_8));
      }
      out =
          Files.newBufferedWriter(
              file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot open the checkpoint " + file + ": " + e.getMessage(), e);
    }
  }

  static VerifyCheckpoint open(Path file) {
    return new VerifyCheckpoint(file);
  }

  private void load(List<String> lines) {
    for (String line : lines) {
      String[] f = line.split("\t", -1);
      // A line cut short by a crash mid-write is simply read again.
      if (f.length == 7 && f[0].equals("O")) {
        objects.put(
            unescape(f[1]),
            new ObjectRead(f[2].equals("1"), none(f[3]), none(f[4]), none(f[5]), text(f[6])));
      } else if (f.length == 3 && f[0].equals("P")) {
        pointers.put(unescape(f[1]), text(f[2]));
      }
    }
  }

  int size() {
    return objects.size() + pointers.size();
  }

  Optional<ObjectRead> object(String key) {
    return Optional.ofNullable(objects.get(key));
  }

  /**
   * The pointer body a previous run read; empty when it did not read that key (null inside: it was
   * absent).
   */
  Optional<Optional<String>> pointer(String key) {
    return pointers.containsKey(key)
        ? Optional.of(Optional.ofNullable(pointers.get(key)))
        : Optional.empty();
  }

  synchronized void objectRead(String key, ObjectRead read) {
    append(
        String.join(
            "\t",
            "O",
            escape(key),
            read.valid() ? "1" : "0",
            dash(read.createdDay()),
            dash(read.digest()),
            dash(read.finding()),
            read.detail() == null ? "-" : escape(read.detail())));
  }

  synchronized void pointerRead(String key, String body) {
    append(String.join("\t", "P", escape(key), body == null ? "-" : escape(body)));
  }

  private void append(String line) {
    try {
      out.write(line);
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the checkpoint " + file + ": " + e.getMessage(), e);
    }
  }

  /** The run finished: nothing to resume. */
  void finished() {
    close();
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot remove the checkpoint " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      // Every line was flushed as it was written.
    }
  }

  private static String dash(String s) {
    return s == null ? "-" : s;
  }

  /**
   * An escaped field, or null for the bare {@code -} (an escaped text "-" is written {@code \-}).
   */
  private static String text(String field) {
    return field.equals("-") ? null : unescape(field);
  }

  private static String none(String s) {
    return s.equals("-") ? null : s;
  }

  static String escape(String s) {
    return s.replace("\\", "\\\\")
        .replace("\t", "\\t")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replaceAll("^-$", "\\\\-");
  }

  static String unescape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        b.append(
            switch (n) {
              case 't' -> '\t';
              case 'n' -> '\n';
              case 'r' -> '\r';
              default -> n;
            });
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
