package io.vcon.storage.fs;

import io.vcon.storage.api.BackendException;
import io.vcon.storage.api.Capability;
import io.vcon.storage.api.ContentHash;
import io.vcon.storage.api.ObjectInfo;
import io.vcon.storage.api.StoredObject;
import io.vcon.storage.api.UnsupportedCapabilityException;
import io.vcon.storage.api.VconId;
import io.vcon.storage.engine.ObjectBackend;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
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
 *
 * <p>A content hash is the file's extended attribute {@code user.vcon.content-hash} (ADR 0013), set on the
 * temporary file before the rename, so the bytes and their hash appear together or not at all.
 */
final class FsObjectBackend implements ObjectBackend {

  static final String OBJECT_SUFFIX = ".vcon";
  static final String JSON = ".json";
  static final String JSON_GZ = ".json.gz";

  /** Temporary files start with this; listings skip them, so a crashed write leaves no visible object. */
  static final String TEMP_PREFIX = ".vcon-tmp-";

  /** The user extended attribute holding an object's content hash ({@code user.vcon.content-hash} on Linux). */
  static final String HASH_ATTRIBUTE = "vcon.content-hash";

  private final Path root;
  private final String storeName;
  private final boolean gzip;
  private final Set<PosixFilePermission> filePermissions;
  private final Set<PosixFilePermission> dirPermissions;
  private final boolean posix;
  private final boolean extendedAttributes;
  // Test seam: wraps the stream a write goes through, so a test can fail a write midway.
  private final UnaryOperator<OutputStream> streamWrapper;
  // Option scan_fallback: whether search() walks the tree for files a layout does not predict.
  private final boolean scanFallback;

  FsObjectBackend(
      Path root,
      String storeName,
      boolean gzip,
      Set<PosixFilePermission> filePermissions,
      Set<PosixFilePermission> dirPermissions,
      UnaryOperator<OutputStream> streamWrapper,
      boolean scanFallback) {
    this.root = root.toAbsolutePath().normalize();
    this.scanFallback = scanFallback;
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
    this.extendedAttributes = probeExtendedAttributes();
  }

  /**
   * Whether files under the root take user extended attributes: the file store's answer is not enough (ext4 mounted
   * without user_xattr, old tmpfs say yes and then fail), so write one on a temporary file.
   */
  private boolean probeExtendedAttributes() {
    Path probe =
        root.resolve(
            TEMP_PREFIX + "probe-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    try {
      Files.createFile(probe);
      UserDefinedFileAttributeView view =
          Files.getFileAttributeView(probe, UserDefinedFileAttributeView.class);
      if (view == null) {
        return false;
      }
      view.write(HASH_ATTRIBUTE, ByteBuffer.wrap(new byte[] {'x'}));
      return view.size(HASH_ATTRIBUTE) == 1;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    } finally {
      deleteQuietly(probe);
    }
  }

  /** Whether this directory can record content hashes (user extended attributes work here). */
  boolean recordsHashes() {
    return extendedAttributes;
  }

  Path root() {
    return root;
  }

  /**
   * The keys of files named {@code <id>.json} or {@code <id>.json.gz} anywhere under the root, as vcon-server's
   * {@code glob("**}{@code /<uuid>.json")} finds them: a directory vcon-server filed has no lookup pointers.
   * Empty when {@code scan_fallback: false}.
   */
  @Override
  public List<String> search(VconId id) {
    if (!scanFallback) {
      return List.of();
    }
    String json = id.value() + JSON;
    String gz = id.value() + JSON_GZ;
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(
              f -> {
                String n = f.getFileName().toString();
                return n.equals(json) || n.equals(gz);
              })
          .filter(Files::isRegularFile)
          .map(this::keyOf)
          .flatMap(Optional::stream)
          .distinct()
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException | UncheckedIOException e) {
      if (e.getCause() instanceof NoSuchFileException || e instanceof NoSuchFileException) {
        return List.of();
      }
      throw new BackendException(
          "Cannot search " + storeName + " for vCon " + id + ": " + e.getMessage(),
          id.value(),
          storeName,
          true,
          e);
    }
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
      if (segment.isEmpty()
          || segment.equals(".")
          || segment.equals("..")
          || segment.startsWith(TEMP_PREFIX)) {
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
        "Key '"
            + key.replace("\0", "\\0")
            + "' does not name a file inside "
            + storeName
            + "; nothing was read or written.",
        null,
        storeName,
        false,
        null);
  }

  @Override
  public Optional<byte[]> read(String key) {
    return readFile(key, false).map(StoredObject::body);
  }

  @Override
  public Optional<StoredObject> readStored(String key) {
    return readFile(key, extendedAttributes);
  }

  private Optional<StoredObject> readFile(String key, boolean withHash) {
    for (Path file : candidates(key)) {
      try {
        return Optional.of(
            withHash ? readWithHash(file, key) : StoredObject.unhashed(readBody(file)));
      } catch (NoSuchFileException e) {
        // try the other extension
      } catch (IOException e) {
        throw failure("Cannot read " + file, e);
      }
    }
    return Optional.empty();
  }

  private static byte[] readBody(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      InputStream body =
          file.getFileName().toString().endsWith(JSON_GZ) ? new GZIPInputStream(in, 8192) : in;
      return body.readAllBytes();
    }
  }

  /**
   * The body and the hash beside it, read from one file. Java reads attributes by path, not by open file, so a
   * concurrent save could swap the file between the two reads and pair one copy's bytes with another's hash (a
   * false alarm). Every save installs a new file (a new inode), so an unchanged file key before and after means
   * both reads saw the same file; otherwise read again.
   */
  private StoredObject readWithHash(Path file, String key) throws IOException {
    for (int attempt = 1; ; attempt++) {
      Object before = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
      String recorded = recordedHash(file);
      byte[] body = readBody(file);
      Object after = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
      if (before != null && !before.equals(after) && attempt < 5) {
        continue;
      }
      if (recorded == null) {
        return StoredObject.unhashed(
            body); // written by vcon-server, or copied without extended attributes
      }
      // Not checked here: the store compares (a malformed value included) and reads again.
      return new StoredObject(body, Optional.of(ContentHash.recorded(recorded)));
    }
  }

  /** The attribute's text, or null when the file has none. */
  private static String recordedHash(Path file) throws IOException {
    UserDefinedFileAttributeView view =
        Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
    if (view == null || !view.list().contains(HASH_ATTRIBUTE)) {
      return null;
    }
    ByteBuffer value = ByteBuffer.allocate(Math.min(view.size(HASH_ATTRIBUTE), 1024));
    view.read(HASH_ATTRIBUTE, value);
    return new String(value.array(), 0, value.position(), StandardCharsets.US_ASCII);
  }

  /**
   * The file's size (of a plain file: a gzip file's size is not the vCon's) and the hash in its extended attribute,
   * without reading the body.
   */
  @Override
  public Optional<ObjectInfo> stat(String key) {
    for (Path file : candidates(key)) {
      try {
        long size = Files.size(file);
        String recorded = extendedAttributes ? recordedHash(file) : null;
        boolean plain = !file.getFileName().toString().endsWith(JSON_GZ);
        return Optional.of(
            new ObjectInfo(
                key,
                plain ? OptionalLong.of(size) : OptionalLong.empty(),
                Optional.ofNullable(recorded).flatMap(ContentHash::parse),
                Optional.empty()));
      } catch (NoSuchFileException e) {
        // try the other extension
      } catch (IOException e) {
        throw failure("Cannot read the attributes of " + file, e);
      }
    }
    return Optional.empty();
  }

  /** A directory listing says nothing but names; {@link #stat} describes each object. */
  @Override
  public Stream<ObjectInfo> listInfo(String keyPrefix) {
    return list(keyPrefix).map(ObjectInfo::keyOnly);
  }

  @Override
  public boolean exists(String key) {
    return candidates(key).stream().anyMatch(Files::isRegularFile);
  }

  @Override
  public void write(String key, ByteBuffer body, ObjectKind kind) {
    write(key, body, (ContentHash) null);
  }

  @Override
  public void write(String key, ByteBuffer body, ObjectKind kind, ContentHash hash) {
    requireHashes();
    write(key, body, hash);
  }

  private void requireHashes() {
    if (!extendedAttributes) {
      throw new UnsupportedCapabilityException(Capability.CONTENT_HASH, storeName);
    }
  }

  private void write(String key, ByteBuffer body, ContentHash hash) {
    List<Path> files = candidates(key);
    Path target = files.get(0);
    Path temp = writeTemp(target, body, hash);
    try {
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
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
    return writeIfAbsent(key, body, (ContentHash) null);
  }

  @Override
  public boolean writeIfAbsent(String key, ByteBuffer body, ObjectKind kind, ContentHash hash) {
    requireHashes();
    return writeIfAbsent(key, body, hash);
  }

  private boolean writeIfAbsent(String key, ByteBuffer body, ContentHash hash) {
    List<Path> files = candidates(key);
    if (files.stream().anyMatch(Files::exists)) {
      return false;
    }
    Path target = files.get(0);
    Path temp = writeTemp(target, body, hash);
    try {
      // A hard link is created only if the name is free, and with the whole content: create-new
      // semantics.
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

  /**
   * Writes the body (and its hash, when not null) to a new temporary file beside {@code target}, forced to disk;
   * returns its path.
   */
  private Path writeTemp(Path target, ByteBuffer body, ContentHash hash) {
    Path dir = target.getParent();
    Path temp =
        dir.resolve(
            TEMP_PREFIX
                + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + "-"
                + target.getFileName());
    for (int attempt = 0; ; attempt++) {
      try {
        createDirectories(dir);
        writeFile(temp, body.duplicate(), target.getFileName().toString().endsWith(JSON_GZ), hash);
        return temp;
      } catch (NoSuchFileException e) {
        // A concurrent delete removed the (then empty) directory between the two steps: create it
        // again.
        if (attempt >= 3) {
          throw failure("Cannot write " + target, e);
        }
      } catch (IOException | RuntimeException e) {
        deleteQuietly(temp);
        throw failure("Cannot write " + target + "; the previous copy, if any, is intact", e);
      }
    }
  }

  private void writeFile(Path temp, ByteBuffer body, boolean compress, ContentHash hash)
      throws IOException {
    try (FileChannel channel =
        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      OutputStream out = streamWrapper.apply(Channels.newOutputStream(channel));
      if (compress) {
        GZIPOutputStream gz = new GZIPOutputStream(out, 8192);
        writeAll(body, gz);
        gz.finish();
      } else {
        writeAll(body, out);
      }
      out.flush();
      if (hash != null) {
        // Before the force, so the attribute is as durable as the bytes; the rename then publishes
        // both at once.
        Files.getFileAttributeView(temp, UserDefinedFileAttributeView.class)
            .write(
                HASH_ATTRIBUTE, ByteBuffer.wrap(hash.value().getBytes(StandardCharsets.US_ASCII)));
      }
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
        // Another writer created it and a delete removed it again as empty before we looked: create
        // it anew.
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) || attempt >= 5) {
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
    EnumSet<Capability> caps =
        EnumSet.of(
            Capability.LIST_BY_DATE,
            Capability.RAW_OBJECTS,
            Capability.CONDITIONAL_WRITE,
            Capability.BATCH_DELETE);
    if (extendedAttributes) {
      caps.add(Capability.CONTENT_HASH);
    }
    return Set.copyOf(caps);
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
    // Lazily, one directory at a time: a store of millions of files is listed in bounded memory.
    FsKeyWalk walk;
    try {
      walk = new FsKeyWalk(root, start, keyPrefix, this::keyOf);
    } catch (UncheckedIOException e) {
      throw failure("Cannot list " + start, e);
    }
    Path listed = start;
    Iterator<String> keys =
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            try {
              return walk.hasNext();
            } catch (UncheckedIOException e) {
              throw failure("Cannot list " + listed, e);
            }
          }

          @Override
          public String next() {
            try {
              return walk.next();
            } catch (UncheckedIOException e) {
              throw failure("Cannot list " + listed, e);
            }
          }
        };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(keys, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  /** The key a file holds, or empty for temporary files. */
  Optional<String> keyOf(Path file) {
    String name = file.getFileName().toString();
    if (name.startsWith(TEMP_PREFIX)) {
      return Optional.empty();
    }
    String relative =
        root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    if (relative.endsWith(JSON_GZ)) {
      return Optional.of(
          relative.substring(0, relative.length() - JSON_GZ.length()) + OBJECT_SUFFIX);
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
        what
            + " in "
            + storeName
            + ": "
            + root.getClass().getSimpleName()
            + ": "
            + root.getMessage(),
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
