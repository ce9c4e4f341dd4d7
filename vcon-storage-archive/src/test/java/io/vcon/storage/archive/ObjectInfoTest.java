package io.vcon.storage.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.vcon.storage.api.ContentHash;
import io.vcon.storage.api.ObjectInfo;
import io.vcon.storage.api.ObjectInfo.Sameness;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What copy may conclude from descriptions alone, and when it must read the bytes. */
class ObjectInfoTest {

  static ObjectInfo info(Long size, String hashOf, String etag) {
    return new ObjectInfo(
        "k",
        size == null ? OptionalLong.empty() : OptionalLong.of(size),
        Optional.ofNullable(hashOf)
            .map(t -> ContentHash.sha512(t.getBytes(StandardCharsets.UTF_8))),
        Optional.ofNullable(etag));
  }

  static final String MD5_A = "\"0cc175b9c0f1b6a831c399e269772661\"";
  static final String MD5_B = "\"92eb5ffee6ae2fec3ad71c777531578f\"";

  @Test
  @DisplayName(
      "recorded hashes decide; sizes that differ decide; plain MD5 ETags decide; else the bytes"
          + " must")
  void rules() {
    assertThat(info(1L, "a", null).compareTo(info(1L, "a", null))).isEqualTo(Sameness.SAME);
    assertThat(info(1L, "a", null).compareTo(info(1L, "b", null))).isEqualTo(Sameness.DIFFERENT);
    assertThat(info(1L, null, null).compareTo(info(2L, null, null))).isEqualTo(Sameness.DIFFERENT);
    assertThat(info(1L, null, MD5_A).compareTo(info(1L, null, MD5_A.replace("\"", ""))))
        .isEqualTo(Sameness.SAME);
    assertThat(info(1L, null, MD5_A).compareTo(info(1L, null, MD5_B)))
        .isEqualTo(Sameness.DIFFERENT);
    assertThat(info(1L, null, null).compareTo(info(1L, null, null))).isEqualTo(Sameness.UNKNOWN);
    assertThat(info(1L, null, "\"abc-2\"").compareTo(info(1L, null, "\"abc-2\"")))
        .as("multipart / SSE-KMS ETags are not MD5s of the bytes")
        .isEqualTo(Sameness.UNKNOWN);
    assertThat(info(1L, "a", MD5_A).compareTo(info(1L, null, MD5_B))).isEqualTo(Sameness.DIFFERENT);
  }
}
