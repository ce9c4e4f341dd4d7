package io.vcon.storage.reliability;

import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.api.key.StoredKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/** What is really in the bucket under a prefix, read past any fault proxy with a plain SDK client. */
final class RawBucket {

  private final S3Client raw;
  private final String prefix;
  private final KeyStrategy keys;

  RawBucket(S3Client raw, String prefix) {
    this.raw = raw;
    this.prefix = prefix;
    this.keys = KeyStrategy.vconServer(prefix);
  }

  KeyStrategy strategy() {
    return keys;
  }

  /** Every key under the prefix, sorted. */
  List<String> listKeys() {
    List<String> out = new ArrayList<>();
    raw
        .listObjectsV2Paginator(b -> b.bucket(S3Server.BUCKET).prefix(prefix + "/"))
        .contents()
        .stream()
        .map(S3Object::key)
        .forEach(out::add);
    return out;
  }

  Optional<byte[]> read(String key) {
    try {
      return Optional.of(
          raw.getObjectAsBytes(b -> b.bucket(S3Server.BUCKET).key(key)).asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    }
  }

  /**
   * Problems with the commit-marker invariant: a pointer whose object is missing, an object whose body is not
   * the vCon its key names. Empty when every pointer points to an existing object with the right uuid.
   */
  List<String> pointerProblems() {
    return pointerProblems(Set.of());
  }

  /** As {@link #pointerProblems()}, not counting dangling pointers of the ids in {@code deleting}. */
  List<String> pointerProblems(Set<VconId> deleting) {
    List<String> all = listKeys();
    Set<String> existing = Set.copyOf(all);
    List<String> problems = new ArrayList<>();
    for (String key : all) {
      Optional<VconId> pointed = keys.parsePointerKey(key);
      if (pointed.isPresent()) {
        VconId id = pointed.get();
        String body = read(key).map(b -> new String(b, StandardCharsets.US_ASCII)).orElse(null);
        if (body == null) {
          continue; // deleted while we listed
        }
        Optional<String> objectKey =
            keys.parsePointerBody(body).map(day -> keys.objectKey(id, day));
        if (objectKey.isEmpty()) {
          problems.add(key + " holds '" + body + "', not a date path");
        } else if (!existing.contains(objectKey.get()) && !deleting.contains(id)) {
          problems.add(key + " points to " + objectKey.get() + ", which does not exist");
        } else if (existing.contains(objectKey.get())) {
          Optional<byte[]> object = read(objectKey.get());
          if (object.isPresent() && !Vcon.parse(object.get()).id().equals(id)) {
            problems.add(objectKey.get() + " holds another vCon than " + id);
          }
        }
      }
    }
    return problems;
  }

  /**
   * Every key under the prefix, relative to it, with the length and SHA-256 of its bytes: two prefixes hold the same
   * archive exactly when these maps are equal.
   */
  TreeMap<String, String> contents() {
    TreeMap<String, String> out = new TreeMap<>();
    for (String key : listKeys()) {
      read(key)
          .ifPresent(
              b ->
                  out.put(
                      key.substring(prefix.length() + 1), b.length + " bytes sha256:" + sha256(b)));
    }
    return out;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Objects per id (an id may have orphans under other days), for explaining final states. */
  TreeMap<VconId, List<String>> objectsById() {
    return listKeys().stream()
        .map(k -> keys.parseObjectKey(k).map(s -> new Object[] {s, k}))
        .flatMap(Optional::stream)
        .collect(
            Collectors.groupingBy(
                a -> ((StoredKey) a[0]).id(),
                TreeMap::new,
                Collectors.mapping(a -> (String) a[1], Collectors.toList())));
  }
}
