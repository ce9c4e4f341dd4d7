package io.vcon.storage.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;

/**
 * The keys below a directory in ascending key order, walked lazily: one directory's names are held at a time (as
 * key segments, sorted), never the whole tree, so listing a store of millions of files takes memory for its
 * largest directory only. A directory sorts as its name plus {@code /}, a file as its key's last segment (
 * {@code x.json} and {@code x.json.gz} both as {@code x.vcon}, once), so the order is the keys' own.
 */
final class FsKeyWalk implements Iterator<String> {

  private final String keyPrefix;
  private final Function<Path, Optional<String>> keyOf;
  /** Per open directory: its key prefix and the sorted segments still to visit. */
  private final Deque<Level> stack = new ArrayDeque<>();
  private String next;

  private record Level(Path dir, String prefix, Iterator<String> segments) {}

  FsKeyWalk(Path root, Path start, String keyPrefix, Function<Path, Optional<String>> keyOf) {
    this.keyPrefix = keyPrefix;
    this.keyOf = keyOf;
    String prefix = start.equals(root) ? "" : root.relativize(start).toString().replace(
        start.getFileSystem().getSeparator(), "/") + "/";
    open(start, prefix);
    advance();
  }

  private void open(Path dir, String prefix) {
    List<String> segments = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          segments.add(name + "/");
        } else if (Files.isRegularFile(p)) {
          keyOf.apply(p).ifPresent(k -> segments.add(k.substring(k.lastIndexOf('/') + 1)));
        }
      }
    } catch (NoSuchFileException e) {
      return; // removed by a concurrent delete: nothing under it
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Collections.sort(segments);
    stack.push(new Level(dir, prefix, segments.iterator()));
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
