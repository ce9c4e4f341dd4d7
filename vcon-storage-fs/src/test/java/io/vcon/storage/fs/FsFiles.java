package io.vcon.storage.fs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPOutputStream;

/** Changes a store's files behind its back, as a failing disk, an operator or vcon-server would. */
final class FsFiles {

  private FsFiles() {}

  /** The file an object key lives in: {@code K.vcon} is {@code K.json} or {@code K.json.gz}, whichever exists. */
  static Path fileOf(Path root, String key) {
    String stem = key.substring(0, key.length() - FsObjectBackend.OBJECT_SUFFIX.length());
    Path gz = root.resolve(stem + FsObjectBackend.JSON_GZ);
    return Files.exists(gz) ? gz : root.resolve(stem + FsObjectBackend.JSON);
  }

  /**
   * Rewrites an existing object's file in place: the same inode, so its extended attributes (the recorded hash)
   * stay while the bytes change. False when there is no such file.
   */
  static boolean overwriteInPlace(Path root, String key, byte[] body) {
    Path file = fileOf(root, key);
    if (!Files.exists(file)) {
      return false;
    }
    try (FileChannel channel =
            FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        OutputStream out = Channels.newOutputStream(channel)) {
      if (file.toString().endsWith(FsObjectBackend.JSON_GZ)) {
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
          gz.write(body);
        }
      } else {
        out.write(body);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return true;
  }

  /** Flips one bit of the file's {@code index}-th byte in place, leaving its attributes alone. */
  static void flipByte(Path file, long index) {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      channel.read(one, index);
      one.put(0, (byte) (one.get(0) ^ 0x01)).rewind();
      channel.write(one, index);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A plain {@code K.json} file with no attributes, as vcon-server's storage.file writes it. */
  static boolean writeLikeVconServer(Path root, String key, byte[] body) {
    String stem = key.substring(0, key.length() - FsObjectBackend.OBJECT_SUFFIX.length());
    Path file = root.resolve(stem + FsObjectBackend.JSON);
    try {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(root.resolve(stem + FsObjectBackend.JSON_GZ));
      Files.write(file, body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return true;
  }
}
