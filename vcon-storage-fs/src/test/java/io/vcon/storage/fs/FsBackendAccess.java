package io.vcon.storage.fs;

import io.vcon.storage.tck.BackendAccess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The kit's direct look at a store's directory, as vcon-server's {@code storage.file} sees it: the
 * object key {@code K.vcon} is the file {@code K.json} or {@code K.json.gz} (gunzipped here), any
 * other key the file of that path. Plain {@code java.nio.file}, no store.
 */
final class FsBackendAccess implements BackendAccess {

  private final Path root;

  FsBackendAccess(Path root) {
    this.root = root;
  }

  private static boolean isObject(String key) {
    return key.endsWith(FsObjectBackend.OBJECT_SUFFIX);
  }

  @Override
  public Optional<byte[]> read(String key) {
    Path file = isObject(key) ? FsFiles.fileOf(root, key) : root.resolve(key);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(file)) {
      boolean gzip = file.getFileName().toString().endsWith(FsObjectBackend.JSON_GZ);
      return Optional.of((gzip ? new GZIPInputStream(in) : in).readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A plain file without attributes, as vcon-server writes: {@code K.json} for an object key. */
  @Override
  public void write(String key, byte[] body) {
    if (isObject(key)) {
      FsFiles.writeLikeVconServer(root, key, body);
      return;
    }
    try {
      Path file = root.resolve(key);
      Files.createDirectories(file.getParent());
      Files.write(file, body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every file under the root as its key ({@code .json} and {@code .json.gz} as {@code .vcon}),
   * temp files left out.
   */
  @Override
  public List<String> list(String keyPrefix) {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().startsWith(FsObjectBackend.TEMP_PREFIX))
          .map(f -> keyOf(root.relativize(f).toString().replace('\\', '/')))
          .filter(k -> k.startsWith(keyPrefix))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String keyOf(String relative) {
    for (String suffix : List.of(FsObjectBackend.JSON_GZ, FsObjectBackend.JSON)) {
      if (relative.endsWith(suffix)) {
        return relative.substring(0, relative.length() - suffix.length())
            + FsObjectBackend.OBJECT_SUFFIX;
      }
    }
    return relative;
  }
}
