package io.vcon.storage.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vcon.storage.engine.ObjectBackend;
import io.vcon.storage.engine.ObjectVconStore;
import io.vcon.storage.engine.StoreLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The facade over two small stores and a map-backed source; adapters are tested in their own modules. */
class StorageTest {

  private static final String ID = "019f15a6-a752-826f-b9a2-279e0d16bc46";
  private static final byte[] DOC =
      ("{\"uuid\":\"" + ID + "\",\"created_at\":\"2024-01-15T10:00:00Z\"}")
          .getBytes(StandardCharsets.UTF_8);

  /** A map backend that can be told to fail, to see one store's failure reported beside the other's success. */
  static final class MapBackend implements ObjectBackend {
    final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    volatile boolean failing;

    @Override
    public String describe() {
      return "map";
    }

    @Override
    public Optional<byte[]> read(String key) {
      return Optional.ofNullable(objects.get(key));
    }

    @Override
    public void write(String key, ByteBuffer body, ObjectKind kind) {
      if (failing) {
        throw new BackendException("map is down", null, "map", true, null);
      }
      byte[] b = new byte[body.remaining()];
      body.get(b);
      objects.put(key, b);
    }

    @Override
    public boolean exists(String key) {
      return objects.containsKey(key);
    }

    @Override
    public void delete(String key) {
      objects.remove(key);
    }

    @Override
    public Set<Capability> capabilities() {
      return Set.of();
    }

    @Override
    public void close() {}
  }

  static class MapSource implements VconSource {
    final Map<String, byte[]> docs = new ConcurrentHashMap<>();
    boolean closed;

    @Override
    public String name() {
      return "map-source";
    }

    @Override
    public Optional<Vcon> read(VconId id) {
      return Optional.ofNullable(docs.get(id.value())).map(b -> Vcon.parse(id, b));
    }

    @Override
    public Stream<VconId> ids() {
      return docs.keySet().stream().map(VconId::of);
    }

    @Override
    public Stream<VconId> idsCreatedBetween(Instant from, Instant to) {
      return Stream.empty();
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private final MapBackend good = new MapBackend();
  private final MapBackend flaky = new MapBackend();
  private final MapSource source = new MapSource();

  private Storage storage() {
    return Storage.builder()
        .source(source)
        .store("primary", ObjectVconStore.create("primary", good, StoreLayout.vconServer("vcons")))
        .store("backup", ObjectVconStore.create("backup", flaky, StoreLayout.vconServer(null)))
        .build();
  }

  @Test
  void saveReadsTheSourceAndWritesEveryStore() {
    source.docs.put(ID, DOC);
    SaveResult result = storage().save(VconId.of(ID));
    assertThat(result.succeeded()).isTrue();
    assertThat(result.outcomes())
        .extracting(StoreOutcome::store)
        .containsExactly("primary", "backup");
    assertThat(good.objects)
        .containsKeys("vcons/2024/01/15/" + ID + ".vcon", "vcons/lookup/" + ID + ".txt");
    assertThat(flaky.objects.get("2024/01/15/" + ID + ".vcon")).isEqualTo(DOC);
    assertThat(result.orThrow()).isSameAs(result);
  }

  /** Dead letters in a list, holding an id only while the source has its document (as the Redis adapter). */
  final class ListDeadLetters implements DeadLetters {
    final List<String> queued = new CopyOnWriteArrayList<>();
    volatile boolean down;

    @Override
    public boolean deadLetter(String store, VconId id) {
      if (down) {
        throw new BackendException("queue is down", id.value(), "list", true, null);
      }
      if (!source.docs.containsKey(id.value())) {
        return false;
      }
      return queued.add(store + ":" + id);
    }

    @Override
    public Optional<String> claim(String store) {
      return Optional.empty();
    }

    @Override
    public void ack(String store, String entry) {}

    @Override
    public void release(String store, String entry) {}

    @Override
    public long pending(String store) {
      return queued.size();
    }
  }

  @Test
  void failedSavesAreDeadLetteredWhenConfigured() {
    ListDeadLetters dlq = new ListDeadLetters();
    Storage storage =
        Storage.builder()
            .source(source)
            .deadLetters(dlq)
            .store("primary", ObjectVconStore.create("primary", good, StoreLayout.vconServer(null)))
            .store("backup", ObjectVconStore.create("backup", flaky, StoreLayout.vconServer(null)))
            .build();
    assertThat(storage.deadLetters()).containsSame(dlq);
    source.docs.put(ID, DOC);
    flaky.failing = true;
    SaveResult result = storage.save(VconId.of(ID));
    assertThat(dlq.queued).containsExactly("backup:" + ID);
    assertThat(result.failures())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.isDeadLettered()).isTrue();
              assertThat(o.toString()).contains("dead-lettered");
            });
    assertThat(result.outcomes().get(0).isDeadLettered()).isFalse();

    // The source lost the document: reported, not queued.
    source.docs.clear();
    SaveResult gone = storage.save(Vcon.parse(VconId.of(ID), DOC));
    assertThat(gone.failures())
        .singleElement()
        .satisfies(o -> assertThat(o.isDeadLettered()).isFalse());
    assertThat(dlq.queued).hasSize(1);

    // The queue is down too: the store's failure is still reported, with the queue's attached.
    source.docs.put(ID, DOC);
    dlq.down = true;
    SaveResult both = storage.save(VconId.of(ID));
    assertThat(both.failures())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.isDeadLettered()).isFalse();
              assertThat(o.error().orElseThrow().getSuppressed())
                  .extracting(Throwable::getMessage)
                  .containsExactly("queue is down");
            });
  }

  @Test
  void aSourceThatKeepsDeadLettersGetsFailedSavesWithoutBeingToldTwice() {
    ListDeadLetters dlq = new ListDeadLetters();
    MapSource keeping =
        new MapSource() {
          @Override
          public Optional<DeadLetters> deadLetters() {
            return Optional.of(dlq);
          }
        };
    keeping.docs.put(ID, DOC);
    flaky.failing = true;
    Storage storage =
        Storage.builder()
            .source(keeping)
            .store("backup", ObjectVconStore.create("backup", flaky, StoreLayout.vconServer(null)))
            .build();
    assertThat(storage.deadLetters()).containsSame(dlq);
    // ListDeadLetters queues only what the test's own source holds.
    source.docs.put(ID, DOC);
    assertThat(storage.save(VconId.of(ID)).failures())
        .singleElement()
        .satisfies(o -> assertThat(o.isDeadLettered()).isTrue());
    assertThat(dlq.queued).containsExactly("backup:" + ID);

    Storage without =
        Storage.builder()
            .source(keeping)
            .deadLetters(null)
            .store("backup", ObjectVconStore.create("backup", flaky, StoreLayout.vconServer(null)))
            .build();
    assertThat(without.deadLetters()).isEmpty();
  }

  @Test
  void oneFailingStoreDoesNotHideTheOthers() {
    source.docs.put(ID, DOC);
    flaky.failing = true;
    SaveResult result = storage().save(VconId.of(ID));
    assertThat(result.succeeded()).isFalse();
    assertThat(result.failures()).extracting(StoreOutcome::store).containsExactly("backup");
    assertThat(result.outcomes().get(0).succeeded()).isTrue();
    assertThat(good.objects).isNotEmpty();
    assertThatThrownBy(result::orThrow)
        .isInstanceOf(BackendException.class)
        .hasMessageContaining("map is down");
    assertThat(result.toString()).contains("backup: failed");
  }

  @Test
  void anInvalidDocumentWritesNothing() {
    source.docs.put(
        ID, "{\"uuid\":\"019f15a6-a752-826f-b9a2-279e0d16bc47\"}".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> storage().save(VconId.of(ID)))
        .isInstanceOf(InvalidVconException.class);
    assertThat(good.objects).isEmpty();
    assertThat(flaky.objects).isEmpty();
  }

  @Test
  void missingInSourceIsNotFoundNamingTheSource() {
    assertThatThrownBy(() -> storage().save(VconId.of(ID)))
        .isInstanceOf(VconNotFoundException.class)
        .hasMessageContaining(ID)
        .hasMessageContaining("map-source");
  }

  @Test
  void getAsksStoresInOrderAndNamesAllWhenMissing() {
    Storage storage = storage();
    assertThatThrownBy(() -> storage.get(VconId.of(ID)))
        .isInstanceOf(VconNotFoundException.class)
        .hasMessageContaining("store primary, store backup");
    storage.save(Vcon.parse(DOC));
    good.objects.clear();
    assertThat(storage.get(VconId.of(ID)).bytes()).isEqualTo(DOC);
  }

  @Test
  void readThroughAsksTheSourceFirst() {
    source.docs.put(ID, DOC);
    Storage storage =
        Storage.builder()
            .source(source)
            .store("s", ObjectVconStore.create("s", good, StoreLayout.vconServer(null)))
            .readThrough(true)
            .build();
    assertThat(storage.find(VconId.of(ID))).isPresent();
    assertThat(good.objects).isEmpty();
  }

  @Test
  void deleteReportsWhetherAnyStoreHadIt() {
    Storage storage = storage();
    storage.save(Vcon.parse(DOC));
    assertThat(storage.delete(VconId.of(ID))).isTrue();
    assertThat(storage.delete(VconId.of(ID))).isFalse();
  }

  @Test
  void configurationMistakesAreTyped() {
    assertThatThrownBy(() -> Storage.builder().build())
        .isInstanceOf(StorageConfigurationException.class);
    MapBackend b = new MapBackend();
    VconStore s = ObjectVconStore.create("x", b, StoreLayout.vconServer(null));
    assertThatThrownBy(() -> Storage.builder().store(s).store(s))
        .hasMessageContaining("Two stores are named 'x'");
    Storage noSource = Storage.builder().store(s).build();
    assertThatThrownBy(() -> noSource.save(VconId.of(ID)))
        .isInstanceOf(StorageConfigurationException.class);
    assertThat(noSource.source()).isEmpty();
  }

  @Test
  void idPolicyTokenStoresTakeAbc123AndUuidStoresAreSkippedForIt() {
    MapBackend uuidOnly = new MapBackend();
    MapBackend tokens = new MapBackend();
    VconStore uuidStore = ObjectVconStore.create("uuids", uuidOnly, StoreLayout.vconServer(null));
    VconStore tokenStore =
        ObjectVconStore.create(
            "tokens", tokens, StoreLayout.vconServer(null).withIdPolicy(IdPolicy.TOKEN));
    Storage both = Storage.builder().store(uuidStore).store(tokenStore).build();
    assertThat(both.idPolicy()).isEqualTo(IdPolicy.TOKEN);
    VconId abc = both.id("abc123");
    Vcon v =
        VconParser.builder()
            .idPolicy(IdPolicy.TOKEN)
            .build()
            .parse(
                "{\"uuid\":\"abc123\",\"created_at\":\"2024-01-15T10:00:00Z\"}"
                    .getBytes(StandardCharsets.UTF_8));

    SaveResult saved = both.save(v);
    assertThat(saved.outcomes()).extracting(StoreOutcome::succeeded).containsExactly(false, true);
    assertThat(saved.outcomes().get(0).error().orElseThrow())
        .hasMessageContaining("id_policy: token");
    assertThat(tokens.objects).containsKeys("2024/01/15/abc123.vcon", "lookup/abc123.txt");
    assertThat(uuidOnly.objects).isEmpty();
    assertThat(both.get(abc).bytes()).isEqualTo(v.bytes()); // the UUID-only store is not asked
    assertThat(both.delete(abc)).isTrue();

    Storage uuids = Storage.builder().store(uuidStore).build();
    assertThat(uuids.idPolicy()).isEqualTo(IdPolicy.UUID);
    assertThatThrownBy(() -> uuids.id("abc123")).hasMessageContaining("id_policy: token");
    assertThatThrownBy(() -> uuids.get(abc))
        .isInstanceOf(InvalidVconException.class)
        .hasMessageContaining("no store of this storage takes other ids");
  }

  @Test
  void aUuidOnlyLayoutParsesBackOnlyUuidKeys() {
    StoreLayout uuids = StoreLayout.vconServer("vcons");
    VconId abc = VconId.of("abc123", IdPolicy.TOKEN);
    StoreLayout tokens = uuids.withIdPolicy(IdPolicy.TOKEN).withClock(Clock.systemUTC());
    assertThat(tokens.idPolicy()).isEqualTo(IdPolicy.TOKEN);
    assertThat(uuids.keys().parseObjectKey("vcons/2024/01/15/abc123.vcon")).isEmpty();
    assertThat(uuids.keys().parsePointerKey("vcons/lookup/abc123.txt")).isEmpty();
    assertThat(uuids.keys().parseObjectKey("vcons/2024/01/15/" + ID + ".vcon")).isPresent();
    assertThat(tokens.keys().parseObjectKey("vcons/2024/01/15/abc123.vcon").map(k -> k.id()))
        .contains(abc);
    assertThat(tokens.keys().parsePointerKey("vcons/lookup/abc123.txt")).contains(abc);
    assertThat(uuids.withLegacyDoubledSlash(true).idPolicy()).isEqualTo(IdPolicy.UUID);
    assertThat(uuids.keys().objectKey(abc, LocalDate.of(2024, 1, 15)))
        .isEqualTo("vcons/2024/01/15/abc123.vcon");
    assertThat(uuids.keys().toString()).contains("id_policy uuid");
  }

  @Test
  void closeClosesSourceAndStores() {
    Storage storage = storage();
    storage.close();
    assertThat(source.closed).isTrue();
    assertThat(storage.toString()).contains("map-source", "primary", "backup");
  }
}
