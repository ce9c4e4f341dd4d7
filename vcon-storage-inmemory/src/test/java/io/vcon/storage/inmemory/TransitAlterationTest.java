package io.vcon.storage.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vcon.storage.api.Capability;
import io.vcon.storage.api.ContentHash;
import io.vcon.storage.api.IntegrityException;
import io.vcon.storage.api.StoredObject;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.engine.ObjectBackend;
import io.vcon.storage.engine.ObjectVconStore;
import io.vcon.storage.engine.StoreLayout;
import io.vcon.storage.spi.ContentHashMode;
import io.vcon.storage.tck.SampleVcons;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A body that arrives altered (a flaky network, not the disk) reads right the second time: the store reads once more
 * before it calls the object altered, and only then refuses it.
 */
class TransitAlterationTest {

  /** The in-memory backend, with the next {@code alteredReads} object reads answering a flipped byte. */
  static final class FlakyReads implements ObjectBackend {
    final InMemoryObjectBackend inner = new InMemoryObjectBackend("flaky");
    final AtomicInteger alteredReads = new AtomicInteger();
    final AtomicInteger reads = new AtomicInteger();

    public String describe() {
      return inner.describe();
    }

    public Optional<byte[]> read(String key) {
      return inner.read(key);
    }

    public Optional<StoredObject> readStored(String key) {
      Optional<StoredObject> stored = inner.readStored(key);
      if (key.endsWith(".vcon")) {
        reads.incrementAndGet();
        if (alteredReads.getAndDecrement() > 0) {
          return stored.map(
              o -> {
                byte[] body = o.body();
                body[body.length / 2] ^= 1; // caught by the hash before anything parses the body
                return new StoredObject(body, o.contentHash());
              });
        }
      }
      return stored;
    }

    public void write(String key, ByteBuffer body, ObjectKind kind) {
      inner.write(key, body, kind);
    }

    public void write(String key, ByteBuffer body, ObjectKind kind, ContentHash hash) {
      inner.write(key, body, kind, hash);
    }

    public boolean exists(String key) {
      return inner.exists(key);
    }

    public void delete(String key) {
      inner.delete(key);
    }

    public Set<Capability> capabilities() {
      return Set.of(Capability.CONTENT_HASH);
    }

    public void close() {
      inner.close();
    }
  }

  private final Vcon vcon = SampleVcons.vcon("2024-01-15T10:00:00Z");

  @Test
  void onceAlteredReadsRightTheSecondTime() {
    FlakyReads backend = new FlakyReads();
    VconStore store =
        ObjectVconStore.create(
            "flaky", backend, StoreLayout.vconServer(null), ContentHashMode.RECORD);
    store.put(vcon);
    backend.alteredReads.set(1);
    assertThat(store.get(vcon.id()))
        .hasValueSatisfying(v -> assertThat(v.bytes()).isEqualTo(vcon.bytes()));
    assertThat(backend.reads).hasValue(2);
  }

  @Test
  void alwaysAlteredIsRefusedAfterTwoReads() {
    FlakyReads backend = new FlakyReads();
    VconStore store =
        ObjectVconStore.create(
            "flaky", backend, StoreLayout.vconServer(null), ContentHashMode.RECORD);
    store.put(vcon);
    backend.alteredReads.set(Integer.MAX_VALUE);
    assertThatThrownBy(() -> store.get(vcon.id())).isInstanceOf(IntegrityException.class);
    assertThat(backend.reads).hasValue(2);
  }
}
