package io.vcon.storage.fs;

import io.vcon.storage.api.BackendException;
import io.vcon.storage.api.Capability;
import io.vcon.storage.spi.ObjectBackend;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The vcon-server object key space ({@code YYYY/MM/DD/<uuid>.vcon}, {@code lookup/<uuid>.txt}) mapped onto a
 * directory laid out as vcon-server's {@code storage.file} lays it out (ADR 0007): an object key
 * {@code K.vcon} is the file {@code K.json}, or {@code K.json.gz} when compression is on; reads accept either.
 * Any other key is a file of that relative path.
 *
 * <p>Writes go to a temporary file in the target directory, are forced to disk, then renamed over the target,
 * and the directory is forced: a crash or a failed write never leaves a half-written file under a real name.
 */
final class FsObjectBackend implements ObjectBackend {

  static final String OBJECT_SUFFIX = ".vcon";
  static final String JSON = ".json";
  static final String JSON_GZ = ".json.gz";
  /** Temporary files start with this; listings skip them, so a crashed write leaves no visible object. */
  static final String TEMP_PREFIX = ".vcon-tmp-";

  private final Path root;
  private final String storeName;
  private final boolean gzip;
  private final Set<PosixFilePermission> filePermissions;
  private final Set<PosixFilePermission> dirPermissions;
  private final boolean posix;
  // Test seam: wraps the stream a write goes through, so a test can fail a write midway.
  private final UnaryOperator<OutputStream> streamWrapper;

  FsObjectBackend(
      Path root,
      String storeName,
      boolean gzip,
      Set<PosixFilePermission> filePermissions,
      Set<PosixFilePermission> dirPermissions,
      UnaryOperator<OutputStream> streamWrapper) {
    this.root = root.toAbsolutePath().normalize();
    this.storeName = storeName;
    this.gzip = gzip;
    this.filePermissions = filePermissions;
    this.dirPermissions = dirPermissions;
    this.streamWrapper = streamWrapper;
    try {
      createDirectories(this.root);
      this.posix = Files.getFileStore(this.root).supportsFileAttributeView("posix");
    } catch (IOException e) {
      throw failure("Cannot create the store directory " + this.root, e);
    }
  }

  Path root() {
    return root;
  }

  @Override
  public String describe() {
    return storeName;
  }

  /** The files a key may live in, the one this store writes first. */
  List<Path> candidates(String key) {
    if (key.endsWith(OBJECT_SUFFIX)) {
      String stem = key.substring(0, key.length() - OBJECT_SUFFIX.length());
      Path json = resolve(stem + JSON);
      Path gz = resolve(stem + JSON_GZ);
      return gzip ? List.of(gz, json) : List.of(json, gz);
    }
    return List.of(resolve(key));
  }

  /** The file of {@code key}; rejects any key that would leave the root (defence in depth: ids are path-safe). */
  Path resolve(String key) {
    if (key.isEmpty() || key.startsWith("/") || key.indexOf('\\') >= 0 || key.indexOf('\0') >= 0) {
      throw unsafe(key);
    }
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.startsWith(TEMP_PREFIX)) {
        throw unsafe(key);
      }
    }
    Path file = root.resolve(key).normalize();
    if (!file.startsWith(root) || file.equals(root)) {
      throw unsafe(key);
    }
    return file;
  }

  private BackendException unsafe(String key) {
    return new BackendException(
        "Key '" + key.replace("\0", "\\0") + "' does not name a file inside " + storeName + "; nothing was read or written.",
        null,
        storeName,
        false,
        null);
  }

  @Override
  public Optional<byte[]> read(String key) {
    for (Path file : candidates(key)) {
      try (InputStream in = Files.newInputStream(file)) {
        InputStream body = file.getFileName().toString().endsWith(JSON_GZ) ? new GZIPInputStream(in, 8192) : in;
        return Optional.of(body.readAllBytes());
      } catch (NoSuchFileException e) {
        // try the other extension
      } catch (IOException e) {
        throw failure("Cannot read " + file, e);
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean exists(String key) {
    return candidates(key).stream().anyMatch(Files::isRegularFile);
  }

  @Override
  public void write(String key, ByteBuffer body, ObjectKind kind) {
    List<Path> files = candidates(key);
    Path target = files.get(0);
    Path temp = writeTemp(target, body);
    try {
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      forceDirectory(target.getParent());
    } catch (IOException e) {
      deleteQuietly(temp);
      throw failure("Cannot write " + target, e);
    }
    // A copy under the other extension (compression switched on or off) would be stale now.
    for (Path other : files.subList(1, files.size())) {
      deleteQuietly(other);
    }
  }

  @Override
  public boolean writeIfAbsent(String key, ByteBuffer body, ObjectKind kind) {
    List<Path> files = candidates(key);
    if (files.stream().anyMatch(Files::exists)) {
      return false;
    }
    Path target = files.get(0);
    Path temp = writeTemp(target, body);
    try {
      // A hard link is created only if the name is free, and with the whole content: create-new semantics.
      Files.createLink(target, temp);
      forceDirectory(target.getParent());
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (UnsupportedOperationException | IOException e) {
      try {
        // No hard links here: a move without REPLACE_EXISTING still refuses an existing target.
        Files.move(temp, target);
        forceDirectory(target.getParent());
        return true;
      } catch (FileAlreadyExistsException exists) {
        return false;
      } catch (IOException moveFailed) {
        moveFailed.addSuppressed(e);
        throw failure("Cannot write " + target, moveFailed);
      }
    } finally {
      deleteQuietly(temp);
    }
  }

  /** Writes the body to a new temporary file beside {@code target}, forced to disk; returns its path. */
  private Path writeTemp(Path target, ByteBuffer body) {
    Path dir = target.getParent();
    Path temp = dir.resolve(TEMP_PREFIX + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "-" + target.getFileName());
    for (int attempt = 0; ; attempt++) {
      try {
        createDirectories(dir);
        writeFile(temp, body.duplicate(), target.getFileName().toString().endsWith(JSON_GZ));
        return temp;
      } catch (NoSuchFileException e) {
        // A concurrent delete removed the (then empty) directory between the two steps: create it again.
        if (attempt >= 3) {
          throw failure("Cannot write " + target, e);
        }
      } catch (IOException | RuntimeException e) {
        deleteQuietly(temp);
        throw failure("Cannot write " + target + "; the previous copy, if any, is intact", e);
      }
    }
  }

  private void writeFile(Path temp, ByteBuffer body, boolean compress) throws IOException {
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      OutputStream out = streamWrapper.apply(Channels.newOutputStream(channel));
      if (compress) {
        GZIPOutputStream gz = new GZIPOutputStream(out, 8192);
        writeAll(body, gz);
        gz.finish();
      } else {
        writeAll(body, out);
      }
      out.flush();
      channel.force(true);
    }
    if (posix && filePermissions != null) {
      Files.setPosixFilePermissions(temp, filePermissions);
    }
  }

  private static void writeAll(ByteBuffer body, OutputStream out) throws IOException {
    if (body.hasArray()) {
      out.write(body.array(), body.arrayOffset() + body.position(), body.remaining());
      return;
    }
    byte[] chunk = new byte[Math.min(64 * 1024, Math.max(1, body.remaining()))];
    while (body.hasRemaining()) {
      int n = Math.min(chunk.length, body.remaining());
      body.get(chunk, 0, n);
      out.write(chunk, 0, n);
    }
  }

  private void createDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.getParent();
    if (parent != null && !dir.equals(root) && dir.startsWith(root)) {
      createDirectories(parent);
    } else if (parent != null) {
      Files.createDirectories(parent);
    }
    for (int attempt = 1; ; attempt++) {
      try {
        Files.createDirectory(dir);
        if (dirPermissions != null && Files.getFileStore(dir).supportsFileAttributeView("posix")) {
          Files.setPosixFilePermissions(dir, dirPermissions);
        }
        return;
      } catch (FileAlreadyExistsException e) {
        if (Files.isDirectory(dir)) {
          return;
        }
        // Another writer created it and a delete removed it again as empty before we looked: create it anew.
        if (Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS) || attempt >= 5) {
          throw e;
        }
      }
    }
  }

  /** Makes a rename durable: on POSIX a directory's entries reach the disk only when the directory is forced. */
  private static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some platforms (Windows) cannot open a directory; the rename itself is still atomic there.
    }
  }

  @Override
  public void delete(String key) {
    for (Path file : candidates(key)) {
      try {
        if (Files.deleteIfExists(file)) {
          removeEmptyParents(file.getParent());
        }
      } catch (IOException e) {
        throw failure("Cannot delete " + file, e);
      }
    }
  }

  /** As vcon-server does, removes directories a delete left empty, up to (not including) the root. */
  private void removeEmptyParents(Path dir) {
    Path current = dir;
    while (current != null && current.startsWith(root) && !current.equals(root)) {
      try {
        Files.delete(current);
      } catch (DirectoryNotEmptyException | NoSuchFileException e) {
        return;
      } catch (IOException e) {
        return;
      }
      current = current.getParent();
    }
  }

  @Override
  public void deleteAll(Collection<String> keys) {
    keys.forEach(this::delete);
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.copyOf(
        EnumSet.of(Capability.LIST_BY_DATE, Capability.RAW_OBJECTS, Capability.CONDITIONAL_WRITE, Capability.BATCH_DELETE));
  }

  /** Keys under {@code keyPrefix}, by walking only the directory the prefix names. */
  @Override
  public Stream<String> list(String keyPrefix) {
    int slash = keyPrefix.lastIndexOf('/');
    Path start = root;
    if (slash > 0) {
      String dir = keyPrefix.substring(0, slash);
      try {
        start = resolve(dir);
      } catch (BackendException e) {
        return Stream.empty();
      }
    }
    if (!Files.isDirectory(start)) {
      return Stream.empty();
    }
    TreeSet<String> keys = new TreeSet<>();
    try (Stream<Path> files = Files.walk(start)) {
      files
          .filter(Files::isRegularFile)
          .map(this::keyOf)
          .flatMap(Optional::stream)
          .filter(k -> k.startsWith(keyPrefix))
          .forEach(keys::add);
    } catch (IOException | UncheckedIOException e) {
      // A directory removed by a concurrent delete is not a failure of the listing.
      if (!(rootCause(e) instanceof NoSuchFileException)) {
        throw failure("Cannot list " + start, e);
      }
    }
    return new ArrayList<>(keys).stream();
  }

  /** The key a file holds, or empty for temporary files. */
  Optional<String> keyOf(Path file) {
    String name = file.getFileName().toString();
    if (name.startsWith(TEMP_PREFIX)) {
      return Optional.empty();
    }
    String relative = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    if (relative.endsWith(JSON_GZ)) {
      return Optional.of(relative.substring(0, relative.length() - JSON_GZ.length()) + OBJECT_SUFFIX);
    }
    if (relative.endsWith(JSON)) {
      return Optional.of(relative.substring(0, relative.length() - JSON.length()) + OBJECT_SUFFIX);
    }
    return Optional.of(relative);
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Best effort: a leftover temporary file is skipped by listings and never read.
    }
  }

  private BackendException failure(String what, Exception cause) {
    Throwable root = rootCause(cause);
    return new BackendException(
        what + " in " + storeName + ": " + root.getClass().getSimpleName() + ": " + root.getMessage(),
        null,
        storeName,
        false,
        cause);
  }

  @Override
  public void close() {
    // Nothing held open between calls.
  }

  @Override
  public String toString() {
    return "FsObjectBackend[" + root + (gzip ? ", gzip" : "") + "]";
  }
}
