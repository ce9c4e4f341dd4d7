package io.vcon.storage.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentHashTest {

  @Test
  void knownVectorsInTheDraftsForm() {
    // sha512sum of "" and "abc", base64url without padding (computed independently with Python's
    // hashlib).
    assertThat(ContentHash.sha512(new byte[0]).value())
        .isEqualTo(
            "sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg_SpIdNs6c5H0NE8XYXysP-DGNKHfuwvY7kxvUdBeoGlODJ6-SfaPg");
    assertThat(ContentHash.sha512("abc".getBytes(StandardCharsets.US_ASCII)).value())
        .isEqualTo(
            "sha512-3a81oZNherrMQXNJriBBMRLm-k6JqX6iCp7u5ktV05ohkpkqJ0_BqDa6PCOj_uu9RU1EI2Q86A4qmslPpUyknw");
  }

  @Test
  void bufferAndArrayAgreeAndThePositionIsKept() {
    byte[] body = "{\"uuid\": \"x\"}".getBytes(StandardCharsets.UTF_8);
    ByteBuffer buffer = ByteBuffer.wrap(body).asReadOnlyBuffer();
    assertThat(ContentHash.sha512(buffer)).isEqualTo(ContentHash.sha512(body));
    assertThat(buffer.position()).isZero();
    assertThat(ContentHash.sha512(body).matches(body)).isTrue();
    body[0] = '[';
    assertThat(ContentHash.sha512(buffer).matches(body)).isTrue();
    assertThat(ContentHash.sha512("{".getBytes(StandardCharsets.UTF_8)).matches(body)).isFalse();
  }

  @Test
  void parseAcceptsOnlyTheExactForm() {
    String good = ContentHash.sha512(new byte[] {1, 2, 3}).value();
    assertThat(ContentHash.parse(good)).contains(ContentHash.sha512(new byte[] {1, 2, 3}));
    assertThat(ContentHash.parse(good + "=")).as("padding").isEmpty();
    assertThat(ContentHash.parse(good.replace("sha512-", "sha256-"))).isEmpty();
    assertThat(ContentHash.parse(good.substring(0, good.length() - 1))).as("too short").isEmpty();
    assertThat(ContentHash.parse(good.substring(0, good.length() - 1) + "B"))
        .as("non-zero trailing bits")
        .isEmpty();
    assertThat(ContentHash.parse(good.replace('-', '+').replaceFirst("sha512\\+", "sha512-")))
        .isNotEqualTo(ContentHash.parse(good));
    assertThat(ContentHash.parse(null)).isEmpty();
    assertThat(ContentHash.parse("")).isEmpty();
  }
}
