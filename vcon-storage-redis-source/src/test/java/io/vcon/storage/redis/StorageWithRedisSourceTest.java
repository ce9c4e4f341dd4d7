package io.vcon.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vcon.storage.api.InvalidVconException;
import io.vcon.storage.api.SaveResult;
import io.vcon.storage.api.Storage;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconNotFoundException;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.inmemory.InMemoryVconStore;
import io.vcon.storage.tck.Fixtures;
import io.vcon.storage.tck.SampleVcons;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Storage facade with a Redis source and an in-memory store")
class StorageWithRedisSourceTest {

  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.plain();

  private RedisVconSource source;
  private VconStore store;
  private Storage storage;

  @BeforeEach
  void open() {
    source = RedisVconSource.create(REDIS.config().build());
    store = InMemoryVconStore.create();
    storage = Storage.builder().source(source).store("memory", store).readThrough(true).build();
  }

  @AfterEach
  void close() {
    storage.close();
  }

  private static void put(VconId id, byte[] bytes) {
    REDIS.admin().set(("vcon:" + id).getBytes(StandardCharsets.UTF_8), bytes);
  }

  @Test
  @DisplayName("save(id) copies every real fixture from Redis to the store byte for byte")
  void saveFixtures() {
    for (byte[] bytes : Fixtures.valid().values()) {
      VconId id = Vcon.parse(bytes).id();
      put(id, bytes);

      SaveResult result = storage.save(id);

      assertThat(result.succeeded()).as(result.toString()).isTrue();
      assertThat(store.get(id).orElseThrow().bytes()).isEqualTo(bytes);
    }
  }

  @Test
  @DisplayName("save of everything created in a range walks vcon-server's sorted set")
  void saveRange() {
    String set = "vcons-" + UUID.randomUUID();
    Vcon inside = SampleVcons.vcon("2024-01-15T10:00:00Z");
    Vcon outside = SampleVcons.vcon("2024-02-15T10:00:00Z");
    for (Vcon v : List.of(inside, outside)) {
      put(v.id(), v.bytes());
      REDIS
          .admin()
          .zadd(
              set,
              v.createdAt().orElseThrow().instant().orElseThrow().getEpochSecond(),
              v.id().value());
    }
    try (RedisVconSource ranged = RedisVconSource.create(REDIS.config().sortedSet(set).build())) {
      Storage s = Storage.builder().source(ranged).store("memory", store).build();
      List<SaveResult> results =
          ranged
              .idsCreatedBetween(
                  Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-02-01T00:00:00Z"))
              .map(s::save)
              .toList();
      assertThat(results).singleElement().satisfies(r -> assertThat(r.succeeded()).isTrue());
    }
    assertThat(store.get(inside.id())).contains(inside);
    assertThat(store.get(outside.id())).isEmpty();
  }

  @Test
  @DisplayName("an invalid document in Redis is refused and nothing is written")
  void invalidWritesNothing() {
    VconId id = VconId.of(SampleVcons.newId());
    put(id, "{\"uuid\": \"someone-else\"}".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> storage.save(id))
        .isInstanceOf(InvalidVconException.class)
        .hasMessageContaining("Redis key \"vcon:" + id + "\"")
        .hasMessageContaining("Nothing was written");
    assertThat(store.get(id)).isEmpty();
  }

  @Test
  @DisplayName("save of an id Redis does not hold is VconNotFoundException naming the source")
  void missing() {
    VconId id = VconId.of(SampleVcons.newId());
    assertThatThrownBy(() -> storage.save(id))
        .isInstanceOf(VconNotFoundException.class)
        .hasMessageContaining(id.value())
        .hasMessageContaining("source " + source.name());
  }

  @Test
  @DisplayName(
      "read-through get finds the vCon in Redis first, then in the store once Redis has dropped it")
  void readThrough() {
    Vcon vcon = SampleVcons.vcon("2024-01-15T10:00:00Z");
    put(vcon.id(), vcon.bytes());

    assertThat(storage.get(vcon.id())).isEqualTo(vcon);
    assertThat(store.get(vcon.id())).isEmpty();

    storage.save(vcon.id()).orThrow();
    REDIS.admin().del("vcon:" + vcon.id());
    assertThat(storage.get(vcon.id())).isEqualTo(vcon);
  }

  @Test
  @DisplayName(
      "a vCon fetched from the store can be cached back into Redis with a TTL, then served from"
          + " Redis")
  void recacheOnReadThrough() {
    Vcon vcon = Vcon.parse(Fixtures.valid().values().iterator().next());
    REDIS.admin().del("vcon:" + vcon.id());
    store.put(vcon);

    Vcon found = storage.get(vcon.id());
    assertThat(source.cache(found, Duration.ofMinutes(10))).isTrue();

    store.delete(vcon.id());
    assertThat(storage.get(vcon.id()).bytes()).isEqualTo(vcon.bytes());
    assertThat(REDIS.admin().pttl("vcon:" + vcon.id())).isBetween(1L, 600_000L);
  }
}
