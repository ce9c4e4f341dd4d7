package io.vcon.storage.archive;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Lines sorted in bounded memory: up to {@code chunk} lines are held and sorted in memory; beyond
 * that each full chunk is written sorted to a temporary file, and {@link #sorted()} merges the
 * files. A store of N keys is thus grouped by vCon id with memory independent of N (the disk holds
 * about 100 bytes a key). Lines hold no newline.
 */
final class SortedSpill implements AutoCloseable {

  private final int chunk;
  private final List<String> buffer = new ArrayList<>();
  private final List<Path> runs = new ArrayList<>();
  private final List<BufferedReader> open = new ArrayList<>();
  private Path dir;
  private long size;

  SortedSpill(int chunk) {
    this.chunk = chunk;
  }

  void add(String line) {
    buffer.add(line);
    size++;
    if (buffer.size() >= chunk) {
      spill();
    }
  }

  long size() {
    return size;
  }

  private void spill() {
    Collections.sort(buffer);
    try {
      if (dir == null) {
        dir = Files.createTempDirectory("vcon-storage-verify");
      }
      Path run = dir.resolve("run-" + runs.size());
      try (BufferedWriter w = Files.newBufferedWriter(run, StandardCharsets.UTF_8)) {
        for (String line : buffer) {
          w.write(line);
          w.write('\n');
        }
      }
      runs.add(run);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot spill the listing to a temporary file: "
              + e.getMessage()
              + "; free space in "
              + System.getProperty("java.io.tmpdir")
              + " or set java.io.tmpdir",
          e);
    }
    buffer.clear();
  }

  /** Every line added, in ascending order. Call once, after the last {@link #add}. */
  Iterator<String> sorted() {
    Collections.sort(buffer);
    if (runs.isEmpty()) {
      return buffer.iterator();
    }
    List<Iterator<String>> sources = new ArrayList<>();
    sources.add(buffer.iterator());
    for (Path run : runs) {
      try {
        BufferedReader r = Files.newBufferedReader(run, StandardCharsets.UTF_8);
        open.add(r);
        sources.add(r.lines().iterator());
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot read back the spilled listing " + run + ": " + e.getMessage(), e);
      }
    }
    return merge(sources);
  }

  private record Head(String line, Iterator<String> rest) {}

  /** Merges iterators that are each in ascending order into one in ascending order. */
  static Iterator<String> merge(List<Iterator<String>> sources) {
    PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::line));
    for (Iterator<String> s : sources) {
      if (s.hasNext()) {
        heads.add(new Head(s.next(), s));
      }
    }
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return !heads.isEmpty();
      }

      @Override
      public String next() {
        Head head = heads.poll();
        if (head == null) {
          throw new NoSuchElementException();
        }
        if (head.rest().hasNext()) {
          heads.add(new Head(head.rest().next(), head.rest()));
        }
        return head.line();
      }
    };
  }

  @Override
  public void close() {
    for (BufferedReader r : open) {
      try {
        r.close();
      } catch (IOException e) {
        // read only; nothing to lose
      }
    }
    if (dir != null) {
      try (var files = Files.list(dir)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.deleteIfExists(f);
        }
        Files.deleteIfExists(dir);
      } catch (IOException e) {
        // a temporary directory left behind is harmless
      }
    }
  }
}
