package io.vcon.storage.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vcon.storage.api.Capability;
import io.vcon.storage.api.ContentHash;
import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.StoredObject;
import io.vcon.storage.api.UnsupportedCapabilityException;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.api.key.MissingCreatedAtPolicy;
import io.vcon.storage.engine.ObjectBackend;
import io.vcon.storage.engine.ObjectVconStore;
import io.vcon.storage.engine.StoreLayout;
import io.vcon.storage.spi.ContentHashMode;
import io.vcon.storage.spi.Diagnosable;
import io.vcon.storage.spi.DiagnosticOptions;
import io.vcon.storage.spi.DiagnosticResult;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.spi.Providers;
import io.vcon.storage.tck.SampleVcons;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the in-memory adapter's engine does that the kit cannot reach through {@link VconStore}
 * alone: losing a pointer race, diagnostics and closing, the provider's options.
 */
class EngineOverMemoryTest {

  private static final LocalDate DAY = LocalDate.of(2024, 1, 15);

  private final InMemoryObjectBackend map = new InMemoryObjectBackend("map");
  private final Vcon vcon = SampleVcons.vcon("2024-01-15T10:00:00Z");

  /**
   * The map, delegated to; a subclass changes one step. Declares what {@code capabilities} says.
   */
  private static class Wrapped implements ObjectBackend {
    final InMemoryObjectBackend inner;
    final Set<Capability> capabilities;
    final AtomicInteger closes = new AtomicInteger();

    Wrapped(InMemoryObjectBackend inner, Set<Capability> capabilities) {
      this.inner = inner;
      this.capabilities = capabilities;
    }

    public String describe() {
      return inner.describe();
    }

    public Optional<byte[]> read(String key) {
      return inner.read(key);
    }

    public Optional<StoredObject> readStored(String key) {
      return inner.readStored(key);
    }

    public void write(String key, ByteBuffer body, ObjectKind kind) {
      inner.write(key, body, kind);
    }

    public void write(String key, ByteBuffer body, ObjectKind kind, ContentHash hash) {
      inner.write(key, body, kind, hash);
    }

    public boolean writeIfAbsent(String key, ByteBuffer body, ObjectKind kind) {
      return inner.writeIfAbsent(key, body, kind);
    }

    public boolean writeIfAbsent(String key, ByteBuffer body, ObjectKind kind, ContentHash hash) {
      return inner.writeIfAbsent(key, body, kind, hash);
    }

    public boolean exists(String key) {
      return inner.exists(key);
    }

    public void delete(String key) {
      inner.delete(key);
    }

    public Set<Capability> capabilities() {
      return capabilities;
    }

    public void close() {
      closes.incrementAndGet();
    }
  }

  /**
   * Another writer commits the id (its pointer naming {@code rivalDay}) just before our pointer
   * write.
   */
  private static final class RivalCommitsFirst extends Wrapped {
    private final LocalDate rivalDay;

    RivalCommitsFirst(InMemoryObjectBackend inner, LocalDate rivalDay) {
      super(inner, InMemoryObjectBackend.CAPABILITIES);
      this.rivalDay = rivalDay;
    }

    @Override
    public boolean writeIfAbsent(String key, ByteBuffer body, ObjectKind kind) {
      if (kind == ObjectKind.POINTER) {
        byte[] rival =
            KeyStrategy.vconServer(null).pointerBody(rivalDay).getBytes(StandardCharsets.US_ASCII);
        inner.write(key, ByteBuffer.wrap(rival), kind);
      }
      return super.writeIfAbsent(key, body, kind);
    }
  }

  private static StoreLayout layout() {
    return StoreLayout.vconServer(null);
  }

  @Test
  @DisplayName(
      "a writer that loses the pointer race to another day removes its own object and reports"
          + " false")
  void loserOfThePointerRaceRemovesItsObject() {
    ObjectVconStore store =
        ObjectVconStore.create("race", new RivalCommitsFirst(map, DAY.plusDays(3)), layout());
    assertThat(store.putIfAbsent(vcon)).isFalse();
    assertThat(map.exists(layout().keys().objectKey(vcon.id(), DAY)))
        .as("our orphan object")
        .isFalse();
    assertThat(
            map.read(layout().keys().pointerKey(vcon.id()))
                .map(b -> new String(b, StandardCharsets.US_ASCII)))
        .as("the winner's pointer")
        .contains("2024/01/18");
  }

  @Test
  @DisplayName(
      "a loser whose day the winner's pointer names keeps the object: the pointer commits it")
  void loserKeepsTheObjectTheWinnerPointsAt() {
    ObjectVconStore store =
        ObjectVconStore.create("race", new RivalCommitsFirst(map, DAY), layout());
    assertThat(store.putIfAbsent(vcon)).isFalse();
    assertThat(map.read(layout().keys().objectKey(vcon.id(), DAY)))
        .hasValueSatisfying(b -> assertThat(b).isEqualTo(vcon.bytes()));
    assertThat(store.get(vcon.id()))
        .hasValueSatisfying(v -> assertThat(v.bytes()).isEqualTo(vcon.bytes()));
  }

  @Test
  @DisplayName(
      "putIfAbsent on a store without write-once refuses as unsupported before it reads the vCon")
  void unsupportedPutIfAbsentIsRefusedFirst() {
    StoreLayout rejecting =
        StoreLayout.of(
            KeyStrategy.vconServer(null), MissingCreatedAtPolicy.REJECT, Clock.systemUTC());
    ObjectVconStore store = ObjectVconStore.create("plain", new Wrapped(map, Set.of()), rejecting);
    assertThatThrownBy(() -> store.putIfAbsent(SampleVcons.vcon(null)))
        .isInstanceOf(UnsupportedCapabilityException.class)
        .hasMessageContaining("plain");
    assertThat(map.list("")).as("nothing written").isEmpty();
  }

  @Test
  @DisplayName(
      "diagnose answers the backend's own checks, or one 'unsupported' line naming the backend")
  void diagnoseDelegatesToTheBackend() {
    ObjectVconStore plain = ObjectVconStore.create("plain", map, layout());
    List<DiagnosticResult> none = plain.diagnose(DiagnosticOptions.readOnly());
    assertThat(none)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.status()).isEqualTo(DiagnosticResult.Status.UNSUPPORTED);
              assertThat(r.message()).contains("map");
            });

    DiagnosticResult ok = DiagnosticResult.ok("reachable", "the map answers");
    class Checked extends Wrapped implements Diagnosable {
      Checked() {
        super(map, InMemoryObjectBackend.CAPABILITIES);
      }

      public List<DiagnosticResult> diagnose(DiagnosticOptions options) {
        return List.of(ok);
      }
    }
    assertThat(
            ObjectVconStore.create("checked", new Checked(), layout())
                .diagnose(DiagnosticOptions.readOnly()))
        .containsExactly(ok);
  }

  @Test
  @DisplayName("closing the store closes its backend, which releases clients and connections")
  void closeClosesTheBackend() {
    Wrapped backend = new Wrapped(map, Set.of());
    ObjectVconStore.create("closing", backend, layout()).close();
    assertThat(backend.closes).hasValue(1);
  }

  @Test
  @DisplayName("the memory provider records hashes unless content_hash says off")
  void providerHashMode() {
    try (VconStore recording = Providers.createStore("memory", ProviderOptions.empty());
        VconStore off =
            Providers.createStore("memory", ProviderOptions.of(Map.of("content_hash", "off")))) {
      assertThat(((ObjectVconStore) recording).contentHashMode()).isEqualTo(ContentHashMode.RECORD);
      assertThat(((ObjectVconStore) recording).layout().keys().root()).isEmpty();
      assertThat(recording.capabilities()).contains(Capability.CONTENT_HASH);
      assertThat(((ObjectVconStore) off).contentHashMode()).isEqualTo(ContentHashMode.OFF);
      assertThat(off.capabilities()).doesNotContain(Capability.CONTENT_HASH);
    }
  }

  @Test
  @DisplayName(
      "content_hash record over a backend without hashes names the store, its backend, the fix")
  void hashesABackendCannotKeepAreAConfigurationError() {
    ProviderOptions record = ProviderOptions.of(Map.of("content_hash", "record"));
    Wrapped plain = new Wrapped(map, Set.of());
    assertThatThrownBy(() -> ObjectVconStore.create("archive", plain, layout(), record))
        .isInstanceOf(StorageConfigurationException.class)
        .hasMessage(
            "options.content_hash: record is set, but store archive (backend map) cannot record"
                + " content hashes; set content_hash: off, or remove the option to use what the"
                + " store supports");
    assertThatThrownBy(() -> ObjectVconStore.create("map", plain, layout(), record))
        .hasMessageContaining("store map cannot record");
    assertThat(
            ObjectVconStore.create("map", plain, layout(), ProviderOptions.empty()).capabilities())
        .doesNotContain(Capability.CONTENT_HASH);
  }

  @Test
  @DisplayName("a store with default settings files under the root, as vcon-server without s3_path")
  void defaultStore() {
    try (VconStore store = InMemoryVconStore.create()) {
      assertThat(store.name()).isEqualTo("memory:");
      store.put(vcon);
      assertThat(
              store.rawObjects().read(DAY.toString().replace('-', '/') + "/" + vcon.id() + ".vcon"))
          .hasValueSatisfying(b -> assertThat(b).isEqualTo(vcon.bytes()));
    }
  }

  @Test
  @DisplayName(
      "altering at rest keeps the old hash, and finds nothing to alter under an absent key")
  void alterAtRestKeepsTheOldHash() {
    assertThat(map.alterAtRest("absent.vcon", new byte[] {1})).isFalse();
    assertThat(map.exists("absent.vcon")).isFalse();
    ContentHash hash = ContentHash.sha512(vcon.bytes());
    map.write("k.vcon", ByteBuffer.wrap(vcon.bytes()), ObjectBackend.ObjectKind.VCON, hash);
    assertThat(map.alterAtRest("k.vcon", new byte[] {1})).isTrue();
    assertThat(map.readStored("k.vcon"))
        .hasValueSatisfying(
            o -> {
              assertThat(o.body()).containsExactly(1);
              assertThat(o.contentHash()).contains(hash);
            });
  }

  @Test
  @DisplayName("a layout from options takes missing_created_at, the prefix and the options' clock")
  void layoutFromOptions() {
    Clock fixed = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);
    StoreLayout layout =
        StoreLayout.fromOptions(
            ProviderOptions.of(Map.of("prefix", "vcons/", "missing_created_at", "reject"))
                .withClock(fixed),
            "prefix");
    assertThat(layout.missingCreatedAt()).isEqualTo(MissingCreatedAtPolicy.REJECT);
    assertThat(layout.clock()).isSameAs(fixed);
    assertThat(layout.keys().root()).isEqualTo("vcons/");
    assertThat(layout.legacyDoubledSlash()).isFalse();
    assertThat(layout.withClock(Clock.systemUTC()).missingCreatedAt())
        .isEqualTo(MissingCreatedAtPolicy.REJECT);
  }
}
