package io.vcon.storage.fs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * The keys below a directory in ascending key order, walked lazily: one directory's names at a
 * time, sorted in memory up to {@link #RUN} names and through temporary files beyond, so listing a
 * store of millions of files takes memory independent of its size. A directory sorts as its name
 * plus {@code /}, a file as its key's last segment ( {@code x.json} and {@code x.json.gz} both as
 * {@code x.vcon}, once), so the order is the keys' own.
 */
final class FsKeyWalk implements Iterator<String> {

  private final int run;
  private final String keyPrefix;
  private final Function<Path, Optional<String>> keyOf;

  /** Per open directory: its key prefix and the sorted segments still to visit. */
  private final Deque<Level> stack = new ArrayDeque<>();

  private String next;

  private record Level(Path dir, String prefix, Iterator<String> segments) {}

  FsKeyWalk(Path root, Path start, String keyPrefix, Function<Path, Optional<String>> keyOf) {
    this(root, start, keyPrefix, keyOf, RUN);
  }

  /** With {@code run} names per sorted run, so tests cover the merge with a few files. */
  FsKeyWalk(
      Path root, Path start, String keyPrefix, Function<Path, Optional<String>> keyOf, int run) {
    this.run = run;
    this.keyPrefix = keyPrefix;
    this.keyOf = keyOf;
    String prefix =
        start.equals(root)
            ? ""
            : root.relativize(start).toString().replace(start.getFileSystem().getSeparator(), "/")
                + "/";
    open(start, prefix);
    advance();
  }

  private void open(Path dir, String prefix) {
    List<String> segments = new ArrayList<>();
    List<Path> runs = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          segments.add(name + "/");
        } else if (Files.isRegularFile(p)) {
          keyOf.apply(p).ifPresent(k -> segments.add(k.substring(k.lastIndexOf('/') + 1)));
        }
        if (segments.size() >= run) {
          runs.add(spill(segments));
        }
      }
    } catch (NoSuchFileException e) {
      return; // removed by a concurrent delete: nothing under it
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Collections.sort(segments);
    try {
      stack.push(
          new Level(dir, prefix, runs.isEmpty() ? segments.iterator() : merge(segments, runs)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Names per sorted run: a directory larger than this (vcon-server's {@code lookup/} holds one
   * file per vCon) is sorted through temporary files, so its names are never all in memory.
   */
  static final int RUN = 50_000;

  private static Path spill(List<String> segments) throws IOException {
    Collections.sort(segments);
    Path run = Files.createTempFile("vcon-storage-list", ".run");
    run.toFile().deleteOnExit();
    Files.write(run, segments, StandardCharsets.UTF_8);
    segments.clear();
    return run;
  }

  /** The sorted runs and the sorted rest, merged; each run file is removed once read to its end. */
  private static Iterator<String> merge(List<String> rest, List<Path> runs) throws IOException {
    record Head(String line, Iterator<String> more, BufferedReader reader, Path file) {}
    PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::line));
    Iterator<String> memory = rest.iterator();
    if (memory.hasNext()) {
      heads.add(new Head(memory.next(), memory, null, null));
    }
    for (Path run : runs) {
      BufferedReader reader = Files.newBufferedReader(run, StandardCharsets.UTF_8);
      Iterator<String> lines = reader.lines().iterator();
      if (lines.hasNext()) {
        heads.add(new Head(lines.next(), lines, reader, run));
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
        if (head.more().hasNext()) {
          heads.add(new Head(head.more().next(), head.more(), head.reader(), head.file()));
        } else if (head.reader() != null) {
          try {
            head.reader().close();
            Files.deleteIfExists(head.file());
          } catch (IOException e) {
            // a temporary file left behind is removed at exit
          }
        }
        return head.line();
      }
    };
  }

  private void advance() {
    next = null;
    while (!stack.isEmpty()) {
      Level level = stack.peek();
      if (!level.segments().hasNext()) {
        stack.pop();
        continue;
      }
      String segment = level.segments().next();
      String key = level.prefix() + segment;
      if (segment.endsWith("/")) {
        if (key.startsWith(keyPrefix) || keyPrefix.startsWith(key)) {
          open(level.dir().resolve(segment.substring(0, segment.length() - 1)), key);
        }
        continue;
      }
      if (!key.startsWith(keyPrefix)) {
        continue;
      }
      next = key;
      return;
    }
  }

  @Override
  public boolean hasNext() {
    return next != null;
  }

  @Override
  public String next() {
    if (next == null) {
      throw new NoSuchElementException();
    }
    String key = next;
    String after;
    // A plain and a gzip file of one key sit side by side in the sorted segments: skip the twin.
    do {
      advance();
      after = next;
    } while (after != null && after.equals(key));
    return key;
  }
}
