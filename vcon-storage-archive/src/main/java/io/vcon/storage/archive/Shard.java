package io.vcon.storage.archive;

import io.vcon.storage.api.VconId;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Function;
import java.util.zip.CRC32C;

/**
 * One of {@code count} parts of a store's vCons, so that {@code count} processes on as many
 * machines cover every vCon exactly once: the part of a vCon is a hash of its id, so all its
 * objects (every day it is filed under) and its lookup pointer fall in the same part, and verify's
 * per-vCon rules hold within one process. Parts are even whatever the days: a uuid's hash is
 * uniform.
 *
 * <p>Written {@code i/N} (0-based: {@code 0/4} to {@code 3/4}), or {@code auto/N}: the index from
 * the environment of a Kubernetes Indexed Job ({@code JOB_COMPLETION_INDEX}) or an AWS Batch array
 * job ({@code AWS_BATCH_JOB_ARRAY_INDEX}).
 */
public record Shard(int index, int count) {

  /** The whole store: one part. */
  public static final Shard ALL = new Shard(0, 1);

  public Shard {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException(
          "shard "
              + index
              + "/"
              + count
              + " is not one of "
              + count
              + " parts: write i/N with 0 <= i < N");
    }
  }

  /** Parses {@code i/N} or {@code auto/N}, reading {@code auto}'s index from {@code env}. */
  public static Shard parse(String text, Function<String, String> env) {
    String[] parts = text.strip().split("/", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a shard: write i/N (e.g. 0/4) or auto/N");
    }
    int count;
    try {
      count = Integer.parseInt(parts[1].strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a shard: N must be a number");
    }
    String index = parts[0].strip();
    if (index.equals("auto")) {
      index = env.apply("JOB_COMPLETION_INDEX");
      if (index == null || index.isBlank()) {
        index = env.apply("AWS_BATCH_JOB_ARRAY_INDEX");
      }
      if (index == null || index.isBlank()) {
        throw new IllegalArgumentException(
            "shard auto/"
                + count
                + " needs JOB_COMPLETION_INDEX (Kubernetes Indexed Job) or"
                + " AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch array job) in the environment; neither is"
                + " set");
      }
    }
    try {
      return new Shard(Integer.parseInt(index.strip()), count);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a shard: the index '" + index + "' is not a number");
    }
  }

  /** Whether this part holds the vCon {@code id}. */
  public boolean covers(VconId id) {
    return covers(id.value());
  }

  /** Whether this part holds {@code text} (an id, or a key that belongs to no vCon). */
  public boolean covers(String text) {
    if (count == 1) {
      return true;
    }
    CRC32C crc = new CRC32C();
    crc.update(text.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    return Long.remainderUnsigned(crc.getValue(), count) == index;
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
