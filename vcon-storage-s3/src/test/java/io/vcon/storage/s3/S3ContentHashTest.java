package io.vcon.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vcon.storage.api.BackendException;
import io.vcon.storage.api.Capability;
import io.vcon.storage.api.ContentHash;
import io.vcon.storage.api.IntegrityException;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.engine.Crc32c;
import io.vcon.storage.spi.ContentHashMode;
import io.vcon.storage.tck.SampleVcons;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Content hashes on S3: the SHA-512 in {@code x-amz-meta-content-hash}, the CRC32C S3 checks on upload, and objects
 * changed behind the store's back with raw SDK calls. The kit's content-hash group covers the common rules.
 */
@DisplayName("S3 content hashes")
class S3ContentHashTest {

  @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

  private static final LocalDate DAY = LocalDate.of(2024, 1, 15);

  /** The requests as they leave the client, signed, checksum headers included. */
  static final class Wire implements ExecutionInterceptor {
    final List<SdkHttpRequest> sent = new CopyOnWriteArrayList<>();

    @Override
    public void beforeTransmission(
        Context.BeforeTransmission context, ExecutionAttributes attributes) {
      sent.add(context.httpRequest());
    }

    SdkHttpRequest putOf(String key) {
      return sent.stream()
          .filter(r -> r.method() == SdkHttpMethod.PUT && r.encodedPath().endsWith(key))
          .reduce((a, b) -> b)
          .orElseThrow(() -> new AssertionError("no PUT of " + key + " in " + sent));
    }
  }

  /** The {@code x-amz-checksum-crc32c} value: the CRC32C's 4 bytes, big-endian, in base64. */
  private static String crc32c(byte[] body) {
    long crc = Crc32c.of(body);
    return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc).array());
  }

  @Test
  @DisplayName(
      "the object PUT carries x-amz-meta-content-hash and x-amz-checksum-crc32c of its bytes")
  void headersOnTheWire() {
    Wire wire = new Wire();
    Vcon v = SampleVcons.vcon("2024-01-15T10:00:00Z");
    KeyStrategy keys = KeyStrategy.vconServer("hashes");
    try (VconStore store = S3VconStore.create(S3.config("hashes").interceptor(wire).build())) {
      store.put(v);
      assertThat(store.get(v.id()))
          .hasValueSatisfying(r -> assertThat(r.bytes()).isEqualTo(v.bytes()));
    }
    SdkHttpRequest object = wire.putOf(keys.objectKey(v.id(), DAY));
    assertThat(object.firstMatchingHeader("x-amz-meta-content-hash"))
        .contains(ContentHash.sha512(v.bytes()).value());
    assertThat(object.firstMatchingHeader("x-amz-checksum-crc32c")).contains(crc32c(v.bytes()));
    assertThat(object.firstMatchingHeader("x-amz-checksum-sha256"))
        .as("one transit checksum, the cheap one")
        .isEmpty();
    SdkHttpRequest pointer = wire.putOf(keys.pointerKey(v.id()));
    assertThat(pointer.firstMatchingHeader("x-amz-meta-content-hash"))
        .as("pointers hold a date, not a vCon")
        .isEmpty();
    assertThat(pointer.firstMatchingHeader("x-amz-checksum-crc32c")).isPresent();
  }

  @Test
  @DisplayName(
      "checksum_mode when_required sends no transit checksum, but still records the content hash")
  void whenRequiredSendsNoChecksum() {
    Wire wire = new Wire();
    Vcon v = SampleVcons.vcon("2024-01-15T10:00:00Z");
    KeyStrategy keys = KeyStrategy.vconServer("hashes-required");
    S3StoreConfig config =
        S3.config("hashes-required")
            .checksumMode(S3StoreConfig.ChecksumMode.WHEN_REQUIRED)
            .interceptor(wire)
            .build();
    try (VconStore store = S3VconStore.create(config)) {
      store.put(v);
    }
    SdkHttpRequest object = wire.putOf(keys.objectKey(v.id(), DAY));
    assertThat(object.firstMatchingHeader("x-amz-checksum-crc32c")).isEmpty();
    assertThat(object.firstMatchingHeader("x-amz-meta-content-hash"))
        .contains(ContentHash.sha512(v.bytes()).value());
  }

  @Test
  @DisplayName(
      "a raw PUT with a malformed content-hash is refused on get with a typed integrity error")
  void malformedHashIsRefused() {
    Vcon v = SampleVcons.vcon("2024-01-15T10:00:00Z");
    String key = KeyStrategy.vconServer("malformed").objectKey(v.id(), DAY);
    try (VconStore store = S3VconStore.create(S3.config("malformed").build());
        S3Client raw = S3.rawClient()) {
      store.put(v);
      raw.putObject(
          b -> b.bucket(S3.bucket()).key(key).metadata(Map.of("content-hash", "md5-abc")),
          RequestBody.fromBytes(v.bytes()));
      assertThatThrownBy(() -> store.get(v.id()))
          .isInstanceOfSatisfying(
              IntegrityException.class,
              e -> {
                assertThat(e.key()).isEqualTo(key);
                assertThat(e.expected()).contains("md5-abc");
                assertThat(e.getMessage()).contains(key).contains("md5-abc").contains(S3.bucket());
              });
    }
  }

  @Test
  @DisplayName(
      "content_hash require refuses an object without a hash; record reads it; off writes none")
  void modes() {
    Vcon v = SampleVcons.vcon("2024-01-15T10:00:00Z");
    String key = KeyStrategy.vconServer("modes").objectKey(v.id(), DAY);
    try (VconStore record = S3VconStore.create(S3.config("modes").build());
        VconStore require =
            S3VconStore.create(S3.config("modes").contentHash(ContentHashMode.REQUIRE).build());
        VconStore off =
            S3VconStore.create(S3.config("modes").contentHash(ContentHashMode.OFF).build());
        S3Client raw = S3.rawClient()) {
      off.put(v);
      assertThat(raw.headObject(b -> b.bucket(S3.bucket()).key(key)).metadata())
          .doesNotContainKey("content-hash");
      assertThat(record.get(v.id()))
          .hasValueSatisfying(r -> assertThat(r.bytes()).isEqualTo(v.bytes()));
      assertThatThrownBy(() -> require.get(v.id()))
          .isInstanceOfSatisfying(
              IntegrityException.class,
              e -> {
                assertThat(e.expected()).isEmpty();
                assertThat(e.actual()).isEqualTo(ContentHash.sha512(v.bytes()).value());
                assertThat(e.getMessage())
                    .contains("content_hash: require")
                    .contains("--trust-current");
              });
      record.put(v);
      assertThat(require.get(v.id()))
          .hasValueSatisfying(r -> assertThat(r.bytes()).isEqualTo(v.bytes()));
      assertThat(off.capabilities()).doesNotContain(Capability.CONTENT_HASH);
      assertThat(require.capabilities()).contains(Capability.CONTENT_HASH);
    }
  }

  @Test
  @DisplayName(
      "an upload whose CRC32C does not match its bytes is refused by the server, nothing stored")
  void serverChecksTheUpload() {
    Vcon v = SampleVcons.vcon("2024-01-15T10:00:00Z");
    String key = KeyStrategy.vconServer("tampered").objectKey(v.id(), DAY);
    ExecutionInterceptor tamper =
        new ExecutionInterceptor() {
          @Override
          public SdkHttpRequest modifyHttpRequest(
              Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            return context.httpRequest().toBuilder()
                .putHeader("x-amz-checksum-crc32c", "AAAAAA==") // CRC32C 0: not the body's
                .build();
          }
        };
    try (VconStore store =
            S3VconStore.create(S3.config("tampered").interceptor(tamper).maxRetries(0).build());
        S3Client raw = S3.rawClient()) {
      assertThatThrownBy(() -> store.put(v))
          .isInstanceOf(BackendException.class)
          .hasMessageContaining(key);
      assertThat(raw.listObjectsV2(b -> b.bucket(S3.bucket()).prefix("tampered/")).contents())
          .isEmpty();
    }
  }
}
