package io.vcon.storage.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vcon.storage.api.Capability;
import io.vcon.storage.api.ContentHash;
import io.vcon.storage.api.IntegrityException;
import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.StoredObject;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.spi.ContentHashMode;
import io.vcon.storage.spi.ProviderOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How {@link ObjectVconStore} records and checks hashes in each {@link ContentHashMode}, over a map backend. */
class ContentHashModeTest {

  private static final String ID = "0190e0a6-5d4b-7cc4-b0e2-3b8a1c6a1f00";
  private static final Vcon VCON =
      Vcon.parse(
          ("{\"uuid\": \""
                  + ID
                  + "\", \"created_at\": \"2024-07-01T10:00:00Z\", \"subject\": \"s\"}")
              .getBytes(StandardCharsets.UTF_8));

  /** Bodies and hashes in maps; {@code reads} counts readStored calls to see the one re-read. */
  static final class HashingBackend implements ObjectBackend {
    final Map<String, byte[]> bodies = new HashMap<>();
    final Map<String, ContentHash> hashes = new HashMap<>();
    final AtomicInteger reads = new AtomicInteger();
    boolean canHash = true;

    /** The next conditional write stores, then answers "refused": a retry after a lost response. */
    boolean storeThenRefuse;

    public String describe() {
      return "map";
    }

    public Optional<byte[]> read(String key) {
      return Optional.ofNullable(bodies.get(key));
    }

    public void write(String key, ByteBuffer body, ObjectKind kind) {
      bodies.put(key, bytes(body));
      hashes.remove(key);
    }

    public void write(String key, ByteBuffer body, ObjectKind kind, ContentHash hash) {
      bodies.put(key, bytes(body));
      hashes.put(key, hash);
    }

    public boolean writeIfAbsent(String key, ByteBuffer body, ObjectKind kind) {
      if (bodies.containsKey(key)) {
        return false;
      }
      write(key, body, kind);
      return !consumeStoreThenRefuse(kind);
    }

    public boolean writeIfAbsent(String key, ByteBuffer body, ObjectKind kind, ContentHash hash) {
      if (bodies.containsKey(key)) {
        return false;
      }
      write(key, body, kind, hash);
      return !consumeStoreThenRefuse(kind);
    }

    private boolean consumeStoreThenRefuse(ObjectKind kind) {
      boolean refuse = storeThenRefuse && kind == ObjectKind.POINTER;
      storeThenRefuse &= !refuse;
      return refuse;
    }

    public Optional<StoredObject> readStored(String key) {
      reads.incrementAndGet();
      return read(key).map(b -> new StoredObject(b, Optional.ofNullable(hashes.get(key))));
    }

    public boolean exists(String key) {
      return bodies.containsKey(key);
    }

    public void delete(String key) {
      bodies.remove(key);
      hashes.remove(key);
    }

    public Set<Capability> capabilities() {
      return canHash
          ? Set.of(Capability.CONTENT_HASH, Capability.CONDITIONAL_WRITE)
          : Set.of(Capability.CONDITIONAL_WRITE);
    }

    public void close() {}

    private static byte[] bytes(ByteBuffer b) {
      byte[] out = new byte[b.remaining()];
      b.duplicate().get(out);
      return out;
    }
  }

  private final HashingBackend backend = new HashingBackend();
  private final String objectKey = "2024/07/01/" + ID + ".vcon";

  /** Changes the subject's one letter: still a valid vCon of the same id, so only the hash can tell. */
  private void flipSubject() {
    byte[] body = backend.bodies.get(objectKey);
    body[body.length - 3] ^= 1;
  }

  @Test
  void recordIsTheDefaultWhereTheBackendCanHash() {
    ObjectVconStore store = ObjectVconStore.create("s", backend, StoreLayout.vconServer(null));
    assertThat(store.contentHashMode()).isEqualTo(ContentHashMode.RECORD);
    store.put(VCON);
    assertThat(backend.hashes.get(objectKey)).isEqualTo(ContentHash.sha512(VCON.bytes()));
    assertThat(store.capabilities()).contains(Capability.CONTENT_HASH);
  }

  @Test
  void offWhereTheBackendCannot() {
    backend.canHash = false;
    ObjectVconStore store = ObjectVconStore.create("s", backend, StoreLayout.vconServer(null));
    assertThat(store.contentHashMode()).isEqualTo(ContentHashMode.OFF);
    store.put(VCON);
    assertThat(backend.hashes).isEmpty();
    assertThat(store.get(VCON.id())).isPresent();
  }

  @Test
  void askingForHashesFromABackendThatCannotIsAConfigurationError() {
    backend.canHash = false;
    assertThatThrownBy(
            () ->
                ObjectVconStore.create(
                    "s", backend, StoreLayout.vconServer(null), ContentHashMode.REQUIRE))
        .isInstanceOf(StorageConfigurationException.class)
        .hasMessageContaining("content_hash: require")
        .hasMessageContaining("store s (backend map), which cannot record content hashes")
        .hasMessageContaining("content_hash: off");
  }

  @Test
  void alteredBytesAreReadTwiceThenRefused() {
    ObjectVconStore store = ObjectVconStore.create("s", backend, StoreLayout.vconServer(null));
    store.put(VCON);
    flipSubject();
    backend.reads.set(0);
    assertThatThrownBy(() -> store.get(VCON.id())).isInstanceOf(IntegrityException.class);
    assertThat(backend.reads)
        .as("the pointer once, the object twice: one re-read before the error")
        .hasValue(3);
  }

  @Test
  void offIgnoresRecordedHashesAndRequireRefusesObjectsWithout() {
    ObjectVconStore recording = ObjectVconStore.create("s", backend, StoreLayout.vconServer(null));
    recording.put(VCON);
    flipSubject();
    ObjectVconStore off =
        ObjectVconStore.create("s", backend, StoreLayout.vconServer(null), ContentHashMode.OFF);
    assertThat(off.get(VCON.id())).as("off checks nothing").isPresent();

    backend.write(objectKey, ByteBuffer.wrap(VCON.bytes()), ObjectBackend.ObjectKind.VCON);
    ObjectVconStore require =
        ObjectVconStore.create("s", backend, StoreLayout.vconServer(null), ContentHashMode.REQUIRE);
    assertThatThrownBy(() -> require.get(VCON.id()))
        .isInstanceOfSatisfying(IntegrityException.class, e -> assertThat(e.expected()).isEmpty())
        .hasMessageContaining(ID)
        .hasMessageContaining(objectKey);
    assertThat(recording.get(VCON.id())).as("record reads objects without a hash").isPresent();
  }

  @Test
  void aRetriedPointerWriteThatFindsItsOwnPointerKeepsTheVcon() {
    ObjectVconStore store = ObjectVconStore.create("s", backend, StoreLayout.vconServer(null));
    backend.storeThenRefuse = true;
    // Indistinguishable from an identical concurrent writer that won: false, and nothing of ours is
    // removed.
    assertThat(store.putIfAbsent(VCON)).isFalse();
    assertThat(store.get(VCON.id()))
        .hasValueSatisfying(v -> assertThat(v.bytes()).isEqualTo(VCON.bytes()));
    assertThat(WriteOnceVconStore.of(store).exists(VCON.id())).isTrue();
    WriteOnceVconStore.of(store)
        .put(VCON); // the write-once put compares content: the same bytes succeed
  }

  @Test
  void modeOptionNamesItsPath() {
    assertThat(ProviderOptions.of(Map.of()).contentHash()).isEmpty();
    assertThat(ProviderOptions.of(Map.of("content_hash", "REQUIRE")).contentHash())
        .contains(ContentHashMode.REQUIRE);
    assertThatThrownBy(() -> ProviderOptions.of(Map.of("content_hash", "sha1")).contentHash())
        .isInstanceOf(StorageConfigurationException.class)
        .hasMessageContaining("content_hash")
        .hasMessageContaining("sha1");
  }

  private ObjectVconStore fromOptions(String name, ProviderOptions options) {
    return ObjectVconStore.create(name, backend, StoreLayout.vconServer(null), options);
  }

  @Test
  void unsetMeansWhatTheBackendSupports() {
    assertThat(fromOptions("s", ProviderOptions.empty()).contentHashMode())
        .isEqualTo(ContentHashMode.RECORD);
    backend.canHash = false;
    ObjectVconStore plain = fromOptions("s", ProviderOptions.empty());
    assertThat(plain.contentHashMode()).isEqualTo(ContentHashMode.OFF);
    plain.put(VCON);
    assertThat(plain.get(VCON.id())).isPresent();
    assertThat(backend.hashes).isEmpty();
    ProviderOptions off = ProviderOptions.of(Map.of("content_hash", "off"));
    assertThat(fromOptions("s", off).contentHashMode()).isEqualTo(ContentHashMode.OFF);
  }

  @Test
  void anExplicitModeTheBackendCannotHonourNamesTheOptionTheStoreAndWhatToSet() {
    backend.canHash = false;
    for (String mode : new String[] {"record", "require"}) {
      ProviderOptions options =
          ProviderOptions.of(Map.of("content_hash", mode)).withPath("storages.archive.options");
      assertThatThrownBy(() -> fromOptions("archive", options))
          .isInstanceOf(StorageConfigurationException.class)
          .hasMessageStartingWith("storages.archive.options.content_hash: " + mode + " is set")
          .hasMessageContaining("store archive (backend map) cannot record content hashes")
          .hasMessageContaining("set content_hash: off");
    }
    backend.canHash = true;
    ProviderOptions require = ProviderOptions.of(Map.of("content_hash", "require"));
    assertThat(fromOptions("s", require).contentHashMode()).isEqualTo(ContentHashMode.REQUIRE);
  }
}
