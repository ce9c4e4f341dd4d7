package io.vcon.storage.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vcon.storage.api.BackendException;
import io.vcon.storage.api.Capability;
import io.vcon.storage.api.ContentHash;
import io.vcon.storage.api.IntegrityException;
import io.vcon.storage.api.StoredObject;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.spi.ContentHashMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The engine checks what a backend found recorded beside an object -- content hash or CRC32C -- in one place: one
 * re-read on a mismatch, then a typed error naming the key and the vCon. Backends only return what they read.
 */
class RecordedChecksTest {

  private static final String ID = "0190e0a6-5d4b-7cc4-b0e2-3b8a1c6a1f00";
  private static final Vcon VCON =
      Vcon.parse(
          ("{\"uuid\": \""
                  + ID
                  + "\", \"created_at\": \"2024-07-01T10:00:00Z\", \"subject\": \"s\"}")
              .getBytes(StandardCharsets.UTF_8));

  /** Records a CRC32C beside unhashed writes, as the S3 backend does; can answer altered reads. */
  static final class CrcBackend implements ObjectBackend {
    final Map<String, byte[]> bodies = new HashMap<>();
    final Map<String, String> hashes = new HashMap<>();
    final Map<String, Long> crcs = new HashMap<>();
    final AtomicInteger reads = new AtomicInteger();

    /** How many of the next reads of {@code alteredKey} answer a flipped last byte. */
    final AtomicInteger alteredReads = new AtomicInteger();

    String alteredKey = "";

    public String describe() {
      return "crc-map";
    }

    public Optional<byte[]> read(String key) {
      return readStored(key).map(StoredObject::body);
    }

    public Optional<StoredObject> readStored(String key) {
      reads.incrementAndGet();
      byte[] body = bodies.get(key);
      if (body == null) {
        return Optional.empty();
      }
      body = body.clone();
      if (key.equals(alteredKey) && alteredReads.getAndDecrement() > 0) {
        body[body.length - 1] ^= 1;
      }
      Long crc = crcs.get(key);
      return Optional.of(
          new StoredObject(
              body,
              Optional.ofNullable(hashes.get(key)).map(ContentHash::recorded),
              crc == null ? OptionalLong.empty() : OptionalLong.of(crc)));
    }

    public void write(String key, ByteBuffer body, ObjectKind kind) {
      bodies.put(key, bytes(body));
      hashes.remove(key);
      crcs.put(key, Crc32c.of(body));
    }

    public void write(String key, ByteBuffer body, ObjectKind kind, ContentHash hash) {
      bodies.put(key, bytes(body));
      hashes.put(key, hash.value());
      crcs.remove(key);
    }

    public boolean exists(String key) {
      return bodies.containsKey(key);
    }

    public void delete(String key) {
      bodies.remove(key);
    }

    public Set<Capability> capabilities() {
      return Set.of(Capability.CONTENT_HASH, Capability.RAW_OBJECTS);
    }

    public void close() {}

    private static byte[] bytes(ByteBuffer body) {
      byte[] b = new byte[body.remaining()];
      body.duplicate().get(b);
      return b;
    }
  }

  private final CrcBackend backend = new CrcBackend();
  private final ObjectVconStore store =
      ObjectVconStore.create("s", backend, StoreLayout.vconServer(null));
  private final String pointerKey = StoreLayout.vconServer(null).keys().pointerKey(VCON.id());
  private final String objectKey =
      StoreLayout.vconServer(null).keys().objectKey(VCON.id(), LocalDate.of(2024, 7, 1));

  @Test
  void aPointerAlteredInTransitOnceReadsRightTheSecondTime() {
    store.put(VCON);
    backend.alteredKey = pointerKey;
    backend.alteredReads.set(1);
    backend.reads.set(0);
    assertThat(store.get(VCON.id()))
        .hasValueSatisfying(v -> assertThat(v.bytes()).isEqualTo(VCON.bytes()));
    assertThat(backend.reads).as("pointer twice, object once").hasValue(3);
  }

  @Test
  void aPointerThatNeverMatchesItsCrcIsARetryableErrorNamingKeyAndVcon() {
    store.put(VCON);
    backend.alteredKey = pointerKey;
    backend.alteredReads.set(Integer.MAX_VALUE);
    backend.reads.set(0);
    assertThatThrownBy(() -> store.get(VCON.id()))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> {
              assertThat(e.retryable()).isTrue();
              assertThat(e.vconId()).contains(ID);
            })
        .hasMessageContaining(pointerKey)
        .hasMessageContaining("CRC32C")
        .hasMessageContaining("crc-map");
    assertThat(backend.reads).as("one re-read before the error").hasValue(2);
  }

  @Test
  void aMalformedRecordedCrcIsRefusedToo() {
    store.put(VCON);
    backend.crcs.put(pointerKey, Crc32c.parseHex("not-hex!"));
    assertThatThrownBy(() -> store.get(VCON.id()))
        .isInstanceOf(BackendException.class)
        .hasMessageContaining("a malformed value");
  }

  @Test
  void aMalformedRecordedHashIsAnIntegrityErrorWithoutARetry() {
    store.put(VCON);
    backend.hashes.put(objectKey, "md5-abc");
    backend.reads.set(0);
    assertThatThrownBy(() -> store.get(VCON.id()))
        .isInstanceOfSatisfying(
            IntegrityException.class,
            e -> {
              assertThat(e.expected()).contains("md5-abc");
              assertThat(e.key()).isEqualTo(objectKey);
              assertThat(e.vconId()).contains(ID);
            })
        .hasMessageContaining("crc-map");
    assertThat(backend.reads).as("pointer, then the object once: malformed is at rest").hasValue(2);
  }

  @Test
  void offStillChecksCrcsOfObjectsWithoutAHash() {
    ObjectVconStore off =
        ObjectVconStore.create("s", backend, StoreLayout.vconServer(null), ContentHashMode.OFF);
    off.put(VCON);
    assertThat(backend.crcs).containsKey(objectKey);
    backend.alteredKey = objectKey;
    backend.alteredReads.set(Integer.MAX_VALUE);
    assertThatThrownBy(() -> off.get(VCON.id()))
        .isInstanceOf(BackendException.class)
        .hasMessageContaining(objectKey);
  }

  @Test
  void rawReadsCheckTheCrcAndHandTheHashOnUnchecked() {
    store.put(VCON);
    backend.hashes.put(objectKey, ContentHash.sha512(new byte[] {1}).value());
    assertThat(store.rawObjects().readStored(objectKey))
        .hasValueSatisfying(
            o -> assertThat(o.contentHash()).contains(ContentHash.sha512(new byte[] {1})));
    backend.alteredKey = pointerKey;
    backend.alteredReads.set(Integer.MAX_VALUE);
    assertThatThrownBy(() -> store.rawObjects().read(pointerKey))
        .isInstanceOf(BackendException.class);
  }

  @Test
  void crcTextIsEightHexDigits() {
    assertThat(Crc32c.parseHex(Crc32c.hex(0xcafef00dL))).isEqualTo(0xcafef00dL);
    assertThat(Crc32c.parseHex("CAFEF00D")).isEqualTo(0xcafef00dL);
    assertThat(Crc32c.parseHex("+afef00d")).isEqualTo(Crc32c.MALFORMED);
    assertThat(Crc32c.parseHex("cafef00")).isEqualTo(Crc32c.MALFORMED);
    assertThat(Crc32c.parseHex(null)).isEqualTo(Crc32c.MALFORMED);
    assertThat(Crc32c.of(ByteBuffer.wrap(new byte[] {1, 2, 3})))
        .isEqualTo(Crc32c.of(new byte[] {1, 2, 3}));
  }
}
