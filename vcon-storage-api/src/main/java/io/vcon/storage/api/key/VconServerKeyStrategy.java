package io.vcon.storage.api.key;

import io.vcon.storage.api.IdPolicy;
import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.VconId;
import io.vcon.storage.internal.Texts;
import java.time.LocalDate;
import java.util.Optional;

/**
 * vcon-server's {@code storage.s3} layout: {@code [s3_path/]YYYY/MM/DD/<uuid>.vcon} and {@code
 * [s3_path/]lookup/<uuid>.txt}.
 */
final class VconServerKeyStrategy implements KeyStrategy {

  private static final String OBJECT_SUFFIX = ".vcon";
  private static final String POINTER_SUFFIX = ".txt";
  private static final String POINTER_FOLDER = "lookup/";

  private final String root;

  VconServerKeyStrategy(String s3Path) {
    // vcon-server: `if not s3_path: key` else `f"{s3_path.rstrip('/')}/{key}"` — so "/" yields a
    // leading "/".
    this.root =
        s3Path == null || s3Path.isEmpty()
            ? ""
            : stripTrailingSlashes(requireNoDotSegments(s3Path)) + "/";
  }

  /**
   * Refuses a prefix with a {@code .} or {@code ..} segment (ADR 0022). S3 stores such a key
   * literally, but whatever resolves it as a path does not: an HTTP layer that removes dot segments
   * (RFC 3986 §5.2.4) turns {@code /bucket/../other/...} into another bucket under path-style
   * addressing, and a directory copy or {@code aws s3 sync} to disk files it elsewhere. Empty
   * segments stay allowed: vcon-server's {@code "/"} prefix and doubled slashes are real, if odd,
   * layouts of old buckets.
   */
  private static String requireNoDotSegments(String prefix) {
    for (String segment : prefix.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        throw new StorageConfigurationException(
            "the key prefix "
                + Texts.quote(prefix)
                + " has a \""
                + segment
                + "\" segment, which S3 keeps as text but HTTP clients, proxies and file copies"
                + " resolve as a path, so vCons could land outside the prefix or the bucket; write"
                + " the prefix without \".\" and \"..\" segments (e.g. vcons/archive)");
      }
    }
    return prefix;
  }

  private static String stripTrailingSlashes(String path) {
    int end = path.length();
    while (end > 0 && path.charAt(end - 1) == '/') {
      end--;
    }
    return path.substring(0, end);
  }

  @Override
  public String root() {
    return root;
  }

  @Override
  public String objectKey(VconId id, LocalDate day) {
    return root + DatePath.format(day) + "/" + id.value() + OBJECT_SUFFIX;
  }

  @Override
  public String pointerKey(VconId id) {
    return root + POINTER_FOLDER + id.value() + POINTER_SUFFIX;
  }

  @Override
  public String dayPrefix(LocalDate day) {
    return root + DatePath.format(day) + "/";
  }

  @Override
  public String pointerPrefix() {
    return root + POINTER_FOLDER;
  }

  @Override
  public String legacyFlatKey(VconId id) {
    return root + id.value() + OBJECT_SUFFIX;
  }

  @Override
  public Optional<StoredKey> parseObjectKey(String key) {
    if (!key.startsWith(root) || !key.endsWith(OBJECT_SUFFIX)) {
      return Optional.empty();
    }
    String rest = key.substring(root.length(), key.length() - OBJECT_SUFFIX.length());
    int lastSlash = rest.lastIndexOf('/');
    Optional<VconId> id = id(rest.substring(lastSlash + 1));
    if (id.isEmpty()) {
      return Optional.empty();
    }
    if (lastSlash < 0) {
      return Optional.of(StoredKey.flat(id.get()));
    }
    String folder = rest.substring(0, lastSlash);
    // DatePath.parse strips whitespace; a key with spaces around its date is not ours.
    if (!folder.equals(folder.strip())) {
      return Optional.empty();
    }
    return DatePath.parse(folder)
        .filter(day -> DatePath.format(day).equals(folder))
        .map(day -> StoredKey.dated(id.get(), day));
  }

  @Override
  public Optional<VconId> parsePointerKey(String key) {
    String prefix = pointerPrefix();
    if (!key.startsWith(prefix) || !key.endsWith(POINTER_SUFFIX)) {
      return Optional.empty();
    }
    return id(key.substring(prefix.length(), key.length() - POINTER_SUFFIX.length()));
  }

  private static Optional<VconId> id(String text) {
    return VconId.isValid(text, IdPolicy.TOKEN)
        ? Optional.of(VconId.of(text, IdPolicy.TOKEN))
        : Optional.empty();
  }

  @Override
  public String toString() {
    return "vcon-server layout under '" + root + "'";
  }
}
