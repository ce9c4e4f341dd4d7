package io.vcon.storage.fs;

import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.api.key.MissingCreatedAtPolicy;
import io.vcon.storage.engine.StoreLayout;
import io.vcon.storage.engine.WriteOnceVconStore;
import io.vcon.storage.spi.ContentHashMode;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.spi.VconStoreProvider;
import java.io.OutputStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provider {@code file} (alias {@code storage.file}, vcon-server's module name): a directory store.
 *
 * <p>Options, named as vcon-server's {@code storage.file} names them:
 *
 * <ul>
 *   <li>{@code path}: the directory (default {@code /data/vcons}, vcon-server's default);
 *   <li>{@code organize_by_date}: {@code YYYY/MM/DD} folders (default true) or a flat directory;
 *   <li>{@code compression}: {@code gzip} (or {@code true}) writes {@code .json.gz}; {@code none}/{@code false}
 *       (default) writes {@code .json}; reads accept both;
 *   <li>{@code max_file_size}: largest vCon accepted, in bytes (default 10485760 as vcon-server; 0 = no limit);
 *   <li>{@code file_permissions}, {@code dir_permissions}: POSIX modes as {@code 0644}, {@code 0o644},
 *       {@code rw-r--r--} or a YAML octal integer; unset means the process umask decides;
 *   <li>{@code missing_created_at}: {@code save_time} (default) or {@code reject};
 *   <li>{@code scan_fallback}: search the tree when no pointer, flat file or id date finds a vCon, as
 *       vcon-server's get does (default true; turn off for large archives whose pointers are complete);
 *   <li>{@code content_hash}: {@code record} (default) keeps the SHA-512 of each vCon in the file's extended
 *       attribute {@code user.vcon.content-hash} and checks it on read; {@code require} also refuses files without
 *       one; {@code off} does neither (ADR 0013);
 *   <li>{@code overwrite}: false makes the store write-once: a different copy under an existing id is a
 * {@code VconConflictException}, the same copy again succeeds (default true); <li>{@code
 * id_policy}: {@code uuid} (default) takes canonical UUID ids only; {@code token} also path-safe
 * ids such as {@code abc123} ({@code [A-Za-z0-9][A-Za-z0-9._-]{0,127}}), file names {@code
 * <id>.json}.
 * </ul>
 */
public final class FsVconStoreProvider implements VconStoreProvider {

  private static final Logger LOG = LoggerFactory.getLogger(FsVconStoreProvider.class);

  static final String DEFAULT_PATH = "/data/vcons";
  static final int DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

  private static final Set<String> OPTIONS =
      Set.of(
          "path",
          "organize_by_date",
          "compression",
          "max_file_size",
          "file_permissions",
          "dir_permissions",
          "missing_created_at",
          "scan_fallback",
          "overwrite",
          "content_hash",
          "id_policy");

  @Override
  public String id() {
    return "file";
  }

  @Override
  public Set<String> aliases() {
    return Set.of("storage.file");
  }

  @Override
  public VconStore create(ProviderOptions options) {
    FsVconStore store = create(options, UnaryOperator.identity());
    return options.bool("overwrite", true) ? store : WriteOnceVconStore.of(store);
  }

  /** As {@link #create(ProviderOptions)}, every write's stream wrapped: the fault-injection seam for tests. */
  static FsVconStore create(ProviderOptions options, UnaryOperator<OutputStream> streamWrapper) {
    options.requireOnly(OPTIONS);
    Path root;
    String pathText = options.string("path").orElse(DEFAULT_PATH);
    try {
      root = Path.of(pathText);
    } catch (InvalidPathException e) {
      throw options.error("path", "not a valid path: " + e.getMessage());
    }
    boolean gzip = compression(options);
    boolean organizeByDate = options.bool("organize_by_date", true);
    boolean scanFallback = options.bool("scan_fallback", true);
    int maxFileSize = options.integer("max_file_size", DEFAULT_MAX_FILE_SIZE, 0, Integer.MAX_VALUE);
    Set<PosixFilePermission> filePermissions =
        permissions(options, "file_permissions").orElse(null);
    Set<PosixFilePermission> dirPermissions = permissions(options, "dir_permissions").orElse(null);
    MissingCreatedAtPolicy missing = MissingCreatedAtPolicy.SAVE_TIME;
    Optional<String> missingText = options.string("missing_created_at");
    if (missingText.isPresent()) {
      try {
        missing = MissingCreatedAtPolicy.fromOption(missingText.get());
      } catch (StorageConfigurationException e) {
        throw options.error(
            "missing_created_at", "must be save_time or reject, was '" + missingText.get() + "'");
      }
    }
    StoreLayout dated =
        StoreLayout.of(KeyStrategy.vconServer(null), missing, options.clock())
            .withIdPolicy(options.idPolicy());
    StoreLayout layout = organizeByDate ? dated : dated.flat();
    String name = "file:" + root.toAbsolutePath().normalize();
    FsObjectBackend backend =
        new FsObjectBackend(
            root, name, gzip, filePermissions, dirPermissions, streamWrapper, scanFallback);
    return new FsVconStore(backend, layout, hashMode(options, backend), maxFileSize);
  }

  /**
   * {@code content_hash} as set; unset means {@code record} where the directory takes extended attributes, and off
   * (with a warning) where it does not, so a store on such a file system still opens. Set explicitly, a mode the
   * directory cannot honour is a configuration error.
   */
  private static ContentHashMode hashMode(ProviderOptions options, FsObjectBackend backend) {
    Optional<ContentHashMode> set = options.contentHash();
    if (!backend.recordsHashes()) {
      if (set.isEmpty()) {
        LOG.warn(
            "{} is on a file system without user extended attributes: content hashes are not"
                + " recorded or checked (set content_hash: off to silence this, or use a file"
                + " system with user xattrs)",
            backend.describe());
      } else if (set.get() != ContentHashMode.OFF) {
        throw options.error(
            "content_hash",
            set.get().option()
                + " needs user extended attributes,"
                + " which the file system of "
                + backend.root()
                + " does not support; use a file system"
                + " that does (ext4, xfs, btrfs) or set content_hash: off");
      }
    }
    return options.contentHashMode(backend.describe(), backend.recordsHashes());
  }

  private static boolean compression(ProviderOptions options) {
    Optional<String> value = options.string("compression");
    if (value.isEmpty()) {
      return false;
    }
    return switch (value.get().toLowerCase(Locale.ROOT)) {
      case "gzip", "gz", "true", "yes", "on" -> true;
      case "none", "false", "no", "off" -> false;
      default ->
          throw options.error("compression", "must be gzip or none, was '" + value.get() + "'");
    };
  }

  /** A POSIX mode: {@code 0644}, {@code 0o644}, {@code rw-r--r--}, or a YAML octal integer such as 420. */
  static Optional<Set<PosixFilePermission>> permissions(ProviderOptions options, String name) {
    Optional<String> value = options.string(name);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    String text = value.get().trim();
    if (text.length() == 9 && text.matches("[r-][w-][x-][r-][w-][x-][r-][w-][x-]")) {
      return Optional.of(PosixFilePermissions.fromString(text));
    }
    int mode;
    try {
      if (text.startsWith("0o") || text.startsWith("0O")) {
        mode = Integer.parseInt(text.substring(2), 8);
      } else if (text.startsWith("0") && text.length() > 1) {
        mode = Integer.parseInt(text.substring(1), 8);
      } else {
        // YAML 1.1 reads 0644 as the integer 420: a plain number is the mode's value, as os.chmod
        // takes it.
        mode = Integer.parseInt(text);
      }
    } catch (NumberFormatException e) {
      throw options.error(
          name, "must be a mode such as 0644, 0o644 or rw-r--r--, was '" + text + "'");
    }
    if (mode < 0 || mode > 0777) {
      throw options.error(
          name,
          "must be a mode between 0000 and 0777 such as 0644 (write the leading 0), was '"
              + text
              + "'");
    }
    Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {
      PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_READ
    };
    for (int bit = 0; bit < 9; bit++) {
      if ((mode & (1 << bit)) != 0) {
        perms.add(order[bit]);
      }
    }
    return Optional.of(perms);
  }
}
