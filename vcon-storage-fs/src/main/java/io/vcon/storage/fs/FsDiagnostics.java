package io.vcon.storage.fs;

import io.vcon.storage.api.BackendException;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.engine.ObjectBackend.ObjectKind;
import io.vcon.storage.spi.DiagnosticOptions;
import io.vcon.storage.spi.DiagnosticResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The checks behind {@code vcon-storage doctor} for a directory store: the directory is there and writable, how
 * much space is left, and (with the write probe) a put, get and delete under {@code _doctor/} plus a
 * create-only write, as S3's conditional put is checked.
 */
final class FsDiagnostics {

  /** Below this, doctor warns: a few hundred thousand typical vCons. */
  static final long LOW_SPACE_BYTES = 1L << 30;

  private static final byte[] PROBE_BODY =
      "vcon-storage doctor probe; safe to delete".getBytes(StandardCharsets.US_ASCII);

  private FsDiagnostics() {}

  static List<DiagnosticResult> run(
      FsObjectBackend backend, KeyStrategy keys, DiagnosticOptions options) {
    List<DiagnosticResult> out = new ArrayList<>();
    Path root = backend.root();
    if (!Files.isDirectory(root)) {
      out.add(
          DiagnosticResult.fail(
              "directory",
              root + " does not exist or is not a directory",
              "create it or fix the path option"));
      return out;
    }
    out.add(DiagnosticResult.ok("directory", root + " exists"));
    if (!Files.isWritable(root)) {
      out.add(
          DiagnosticResult.fail(
              "writable",
              root + " is not writable by this user",
              "grant write permission (chmod u+w) or run as the directory's owner"));
    } else {
      out.add(DiagnosticResult.ok("writable", root + " is writable"));
    }
    out.add(freeSpace(root));
    if (options.cheapOnly()) {
      return out;
    }
    if (!options.writeProbe()) {
      out.add(
          DiagnosticResult.skipped(
              "write-probe",
              "nothing written; add --write-probe to test put/get/delete under "
                  + keys.root()
                  + "_doctor/"));
      return out;
    }
    String name = keys.root() + "_doctor/probe-" + UUID.randomUUID();
    String key = name + ".txt";
    try {
      backend.write(key, ByteBuffer.wrap(PROBE_BODY).asReadOnlyBuffer(), ObjectKind.POINTER);
      Optional<byte[]> read = backend.read(key);
      backend.delete(key);
      if (read.isPresent() && Arrays.equals(read.get(), PROBE_BODY) && !backend.exists(key)) {
        out.add(DiagnosticResult.ok("write-probe", "put, get and delete of " + key + " work"));
      } else {
        out.add(
            DiagnosticResult.fail(
                "write-probe",
                "the probe " + key + " did not read back as written",
                "check the file system"));
      }
      String once = name + "-once.txt";
      try {
        boolean first =
            backend.writeIfAbsent(
                once, ByteBuffer.wrap(PROBE_BODY).asReadOnlyBuffer(), ObjectKind.POINTER);
        boolean second =
            backend.writeIfAbsent(
                once, ByteBuffer.wrap(PROBE_BODY).asReadOnlyBuffer(), ObjectKind.POINTER);
        out.add(
            first && !second
                ? DiagnosticResult.ok(
                    "conditional-write", "create-only writes work: write-once supported")
                : DiagnosticResult.warn(
                    "conditional-write",
                    "a second create-only write of " + once + " succeeded",
                    "the file system does not honour exclusive creation; avoid putIfAbsent here"));
      } finally {
        backend.delete(once);
      }
    } catch (BackendException e) {
      out.add(
          DiagnosticResult.fail(
              "write-probe", e.getMessage(), "check permissions and free space of " + root));
    }
    return out;
  }

  private static DiagnosticResult freeSpace(Path root) {
    try {
      long usable = Files.getFileStore(root).getUsableSpace();
      String text = human(usable) + " free on the file system of " + root;
      return usable < LOW_SPACE_BYTES
          ? DiagnosticResult.warn(
              "free-space", "only " + text, "free space or move the store (path option)")
          : DiagnosticResult.ok("free-space", text);
    } catch (IOException e) {
      return DiagnosticResult.warn(
          "free-space", "cannot read the free space of " + root + ": " + e.getMessage(), "");
    }
  }

  static String human(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    double v = bytes;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
