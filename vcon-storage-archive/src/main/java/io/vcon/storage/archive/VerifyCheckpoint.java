package io.vcon.storage.archive;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Iterator;
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
 *
 * <p>On resume the journal is not held in memory: its lines are sorted by vCon id through a {@link
 * SortedSpill}, as the job sorts its listing, and {@link #earlier} walks them in step with the job,
 * holding one vCon's reads at a time. The file itself is only ever appended to, in the format
 * above, so a checkpoint written by an earlier version resumes as it did.
 */
final class VerifyCheckpoint implements AutoCloseable {

  /** One object as a previous run read it. */
  record ObjectRead(
      boolean valid, String createdDay, String digest, String finding, String detail) {}

  /** The vCon id a journalled key belongs to, as the job's listing groups it; empty if none. */
  @FunctionalInterface
  interface IdOfKey {
    /**
     * @param pointer whether the key was journalled as a pointer ({@code P}) or an object
     */
    Optional<String> idOf(boolean pointer, String key);
  }

  /** What a previous run read of one vCon. */
  static final class Earlier {
    static final Earlier NONE = new Earlier();

    private final Map<String, ObjectRead> objects = new HashMap<>();
    private final Map<String, String> pointers = new HashMap<>();

    Optional<ObjectRead> object(String key) {
      return Optional.ofNullable(objects.get(key));
    }

    /**
     * The pointer body a previous run read; empty when it did not read that key (null inside: it
     * was absent).
     */
    Optional<Optional<String>> pointer(String key) {
      return pointers.containsKey(key)
          ? Optional.of(Optional.ofNullable(pointers.get(key)))
          : Optional.empty();
    }
  }

  private final Path file;
  private final SortedSpill journal;
  private final Iterator<String> sorted;
  private String[] head;
  private final BufferedWriter out;

  private VerifyCheckpoint(Path file, IdOfKey ids, int chunk) {
    this.file = file;
    this.journal = new SortedSpill(chunk);
    try {
      if (Files.exists(file)) {
        load(ids);
        endLastLine();
      }
      sorted = journal.sorted();
      head = nextHead();
      out =
          Files.newBufferedWriter(
              file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      journal.close();
      throw new UncheckedIOException(
          "Cannot open the checkpoint " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      journal.close();
      throw e;
    }
  }

  /**
   * Opens {@code file} (created when absent) for a run whose listing groups keys by {@code ids};
   * up to {@code chunk} journal lines are sorted in memory at a time.
   */
  static VerifyCheckpoint open(Path file, IdOfKey ids, int chunk) {
    return new VerifyCheckpoint(file, ids, chunk);
  }

  /**
   * Sorts the journal by id, each line prefixed with its id and its line number (so where a key
   * was journalled twice, the later line wins, as it always has).
   */
  private void load(IdOfKey ids) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      long number = 0;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        number++;
        String[] f = line.split("\t", -1);
        // A line cut short by a crash mid-write is simply read again.
        boolean object = f.length == 7 && f[0].equals("O");
        boolean pointer = f.length == 3 && f[0].equals("P");
        if (object || pointer) {
          Optional<String> id = ids.idOf(pointer, unescape(f[1]));
          if (id.isPresent()) {
            journal.add(id.get() + "\t" + lineNumber(number) + "\t" + line);
          }
        }
      }
    }
  }

  /** Fixed width, so that the text order of the prefixed lines is the order of the journal. */
  private static String lineNumber(long n) {
    String hex = Long.toHexString(n);
    return "0".repeat(16 - hex.length()) + hex;
  }

  /**
   * A crash mid-write leaves a line without its newline: end it, so the next line appended is a
   * line of its own (the cut line is dropped on reading, and its key read again).
   */
  private void endLastLine() throws IOException {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = channel.size();
      if (size == 0) {
        return;
      }
      ByteBuffer last = ByteBuffer.allocate(1);
      channel.read(last, size - 1);
      if (last.get(0) != '\n') {
        channel.write(ByteBuffer.wrap(new byte[] {'\n'}), size);
      }
    }
  }

  private String[] nextHead() {
    // id, line number, then the journal line's own fields.
    return sorted.hasNext() ? sorted.next().split("\t", -1) : null;
  }

  /**
   * What a previous run read of the vCon {@code id}. Ids must be asked in the order the job's
   * sorted listing yields them (ascending, as {@code id + "\t"} sorts); the journal lines of ids
   * passed over are skipped. Called from one thread (the job's producer).
   */
  Earlier earlier(String id) {
    String wanted = id + "\t";
    while (head != null && (head[0] + "\t").compareTo(wanted) < 0) {
      head = nextHead();
    }
    if (head == null || !head[0].equals(id)) {
      return Earlier.NONE;
    }
    Earlier e = new Earlier();
    while (head != null && head[0].equals(id)) {
      String[] f = head;
      if (f[2].equals("O")) {
        e.objects.put(
            unescape(f[3]),
            new ObjectRead(f[4].equals("1"), none(f[5]), none(f[6]), none(f[7]), text(f[8])));
      } else {
        e.pointers.put(unescape(f[3]), text(f[4]));
      }
      head = nextHead();
    }
    return e;
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
    journal.close();
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
