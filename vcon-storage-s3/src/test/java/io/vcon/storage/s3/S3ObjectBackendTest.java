package io.vcon.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vcon.storage.api.BackendException;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.engine.ObjectBackend.ObjectKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** The S3 backend below the layout: paging, batching, conditional writes, and bodies sent without copies. */
@DisplayName("S3 object backend against S3Proxy")
class S3ObjectBackendTest {

  @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

  private S3StoreConfig config;
  private S3ObjectBackend backend;
  private String prefix;

  @BeforeEach
  void open() {
    config = S3.config(null).maxConnections(8).build();
    // Batches and pages of 10 instead of 1000, so a few dozen keys span several of each.
    backend =
        new S3ObjectBackend(
            S3VconStore.client(config), config, KeyStrategy.vconServer(null), 10, 10);
    prefix = "backend-" + UUID.randomUUID() + "/";
  }

  @AfterEach
  void close() {
    backend.close();
  }

  private static ByteBuffer body(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
  }

  @Test
  @DisplayName(
      "more keys than one page and one DeleteObjects batch: listed in order, then all deleted")
  void pagesAndBatches() throws Exception {
    int count = 37;
    List<String> keys =
        IntStream.range(0, count).mapToObj(i -> prefix + String.format("k%05d", i)).toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> writes = new ArrayList<>();
      for (String key : keys) {
        writes.add(pool.submit(() -> backend.write(key, body("x"), ObjectKind.POINTER)));
      }
      for (Future<?> w : writes) {
        w.get();
      }
    } finally {
      pool.shutdownNow();
    }
    try (Stream<String> listed = backend.list(prefix)) {
      assertThat(listed.toList()).containsExactlyElementsOf(keys);
    }
    backend.deleteAll(keys);
    try (Stream<String> listed = backend.list(prefix)) {
      assertThat(listed).isEmpty();
    }
  }

  @Test
  @DisplayName(
      "an empty prefix lists nothing, and a partly consumed listing yields the first key and"
          + " closes")
  void emptyAndLazyListing() {
    try (Stream<String> listed = backend.list(prefix)) {
      assertThat(listed).isEmpty();
    }
    backend.write(prefix + "a", body("1"), ObjectKind.VCON);
    backend.write(prefix + "b", body("2"), ObjectKind.VCON);
    try (Stream<String> listed = backend.list(prefix)) {
      assertThat(listed.findFirst()).contains(prefix + "a");
    }
  }

  @Test
  @DisplayName(
      "If-None-Match: * writes once; the second conditional write is refused and changes nothing")
  void conditionalWrite() {
    String key = prefix + "once";
    assertThat(backend.writeIfAbsent(key, body("first"), ObjectKind.VCON)).isTrue();
    assertThat(backend.writeIfAbsent(key, body("second"), ObjectKind.VCON)).isFalse();
    assertThat(backend.read(key))
        .hasValueSatisfying(
            b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("first"));
  }

  @Test
  @DisplayName("exists, read and delete of an absent key are answers, not errors")
  void absentKeys() {
    String key = prefix + "absent";
    assertThat(backend.exists(key)).isFalse();
    assertThat(backend.read(key)).isEmpty();
    backend.delete(key);
    backend.deleteAll(List.of(key));
    assertThat(backend.exists(key)).isFalse();
  }

  @Test
  @DisplayName(
      "a body is sent from the caller's buffer as is, whatever its position, and the buffer is left"
          + " alone")
  void sendsTheRemainingBytesWithoutTouchingTheBuffer() {
    ByteBuffer buffer = ByteBuffer.wrap("skip-{\"a\": 1}".getBytes(StandardCharsets.UTF_8));
    buffer.position(5);
    ByteBuffer view = buffer.asReadOnlyBuffer();
    backend.write(prefix + "slice", view, ObjectKind.VCON);
    assertThat(view.position()).isEqualTo(5);
    assertThat(backend.read(prefix + "slice"))
        .hasValueSatisfying(
            b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("{\"a\": 1}"));
    try (S3Client raw = S3.rawClient()) {
      HeadObjectResponse head = raw.headObject(b -> b.bucket(S3.bucket()).key(prefix + "slice"));
      assertThat(head.contentType()).isEqualTo("application/vcon+json");
      assertThat(head.contentLength()).isEqualTo(8L);
    }
  }

  @Test
  @DisplayName("storage_class is sent with every write")
  void storageClassIsSent() {
    S3StoreConfig tiered = S3.config(null).storageClass("STANDARD_IA").build();
    try (S3ObjectBackend ia =
            new S3ObjectBackend(S3VconStore.client(tiered), tiered, KeyStrategy.vconServer(null));
        S3Client raw = S3.rawClient()) {
      ia.write(prefix + "ia", body("{}"), ObjectKind.VCON);
      HeadObjectResponse head = raw.headObject(b -> b.bucket(S3.bucket()).key(prefix + "ia"));
      assertThat(head.storageClassAsString()).isEqualTo("STANDARD_IA");
    }
  }

  @Test
  @DisplayName(
      "server_side_encryption is sent; an endpoint without SSE (S3Proxy) gets a message naming the"
          + " option")
  void encryptionIsSentAndItsRefusalExplained() {
    S3StoreConfig encrypted =
        S3.config(null).serverSideEncryption(S3StoreConfig.ServerSideEncryption.AES256).build();
    try (S3ObjectBackend sse =
        new S3ObjectBackend(
            S3VconStore.client(encrypted), encrypted, KeyStrategy.vconServer(null))) {
      assertThatThrownBy(() -> sse.write(prefix + "sse", body("{}"), ObjectKind.VCON))
          .isInstanceOf(BackendException.class)
          .hasMessageContaining("NotImplemented, HTTP 501")
          .hasMessageContaining(
              "it may not support server_side_encryption: unset it for this endpoint");
    }
  }

  @Test
  @DisplayName("the content provider gives independent, re-readable streams over one buffer")
  void contentProviderStreamsAreIndependent() throws IOException {
    ByteBufferContentProvider provider = new ByteBufferContentProvider(body("hello world"));
    try (InputStream first = provider.newStream();
        InputStream second = provider.newStream()) {
      assertThat(first.readNBytes(5)).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
      assertThat(second.readAllBytes()).isEqualTo("hello world".getBytes(StandardCharsets.UTF_8));
      first.mark(100);
      assertThat(first.skip(1)).isEqualTo(1);
      assertThat(first.read()).isEqualTo('w');
      first.reset();
      assertThat(first.available()).isEqualTo(6);
      assertThat(first.readAllBytes()).isEqualTo(" world".getBytes(StandardCharsets.UTF_8));
      assertThat(first.read()).isEqualTo(-1);
      assertThat(first.read(new byte[4], 0, 4)).isEqualTo(-1);
    }
  }

  @Test
  @DisplayName(
      "a GET body is read into one array of Content-Length bytes, and a wrong length loses nothing")
  void sizedBodyReadsWholeBodiesWhateverTheHeaderSays() throws IOException {
    byte[] b = new byte[100_000];
    new Random(14).nextBytes(b);
    for (Long hint : new Long[] {100_000L, 10L, 0L, 250_000L, -1L, null}) {
      assertThat(SizedBodyTransformer.read(trickle(b), hint)).as("hint %s", hint).isEqualTo(b);
    }
    assertThat(SizedBodyTransformer.read(trickle(new byte[0]), 0L)).isEmpty();
  }

  /** Hands out at most 7 bytes per read, as a network stream may. */
  private static InputStream trickle(byte[] b) {
    return new ByteArrayInputStream(b) {
      @Override
      public synchronized int read(byte[] out, int off, int len) {
        return super.read(out, off, Math.min(len, 7));
      }
    };
  }
}
