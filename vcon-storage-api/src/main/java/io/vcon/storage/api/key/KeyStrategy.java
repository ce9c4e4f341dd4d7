package io.vcon.storage.api.key;

import io.vcon.storage.api.VconId;
import java.time.LocalDate;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a vCon and its lookup pointer live in a key space. The default, {@link #vconServer(String)}, is
 * vcon-server's layout, byte for byte, so buckets are shared with it both ways (ADR 0003).
 *
 * <p>Any strategy must be injective (two vCons or two days never share a key), keep every key under
 * {@link #root()}, and parse its keys back to the id and day that made them; the TCK's
 * {@code KeyStrategyContract} checks those properties.
 */
public interface KeyStrategy {

  /**
   * The vcon-server layout under {@code s3Path} (null or empty for none); only trailing slashes are removed.
   *
   * @throws io.vcon.storage.api.StorageConfigurationException when the prefix has a {@code .} or {@code ..}
   *     segment (ADR 0022)
   */
  static KeyStrategy vconServer(@Nullable String s3Path) {
    return new VconServerKeyStrategy(s3Path);
  }

  /** What every key of this strategy starts with: {@code ""} or {@code "<prefix>/"}. */
  String root();

  /** The object key of a vCon filed under {@code day}. */
  String objectKey(VconId id, LocalDate day);

  /** The key of the lookup pointer that records a vCon's day. */
  String pointerKey(VconId id);

  /** The pointer's body: the ASCII date path, no newline. */
  default String pointerBody(LocalDate day) {
    return DatePath.format(day);
  }

  /** Reads a pointer body back (surrounding whitespace ignored); empty when it is not a date path. */
  default Optional<LocalDate> parsePointerBody(String body) {
    return DatePath.parse(body);
  }

  /** The key prefix under which all objects of {@code day} live, ending with {@code /}. */
  String dayPrefix(LocalDate day);

  /** The key prefix under which all lookup pointers live, ending with {@code /}. */
  String pointerPrefix();

  /** The flat key {@code [prefix/]<id>.vcon} that vcon-server versions before date folders wrote. */
  String legacyFlatKey(VconId id);

  /** Parses an object key of this layout (dated or flat) back; empty for any other key. */
  Optional<StoredKey> parseObjectKey(String key);

  /** Parses a pointer key back to its vCon id; empty for any other key. */
  Optional<VconId> parsePointerKey(String key);
}
