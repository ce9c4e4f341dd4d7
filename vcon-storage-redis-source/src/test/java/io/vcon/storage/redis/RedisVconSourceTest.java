package io.vcon.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vcon.storage.api.BackendException;
import io.vcon.storage.api.IdPolicy;
import io.vcon.storage.api.InvalidVconException;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.tck.Fixtures;
import io.vcon.storage.tck.SampleVcons;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

@DisplayName("RedisVconSource against a real redis-server")
class RedisVconSourceTest {

  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.plain();

  private RedisVconSource source;

  @BeforeEach
  void open() {
    source = RedisVconSource.create(REDIS.config().build());
  }

  @AfterEach
  void close() {
    source.close();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void putString(String key, byte[] value) {
    REDIS.admin().set(utf8(key), value);
  }

  @Nested
  @DisplayName("reading string keys")
  class Strings {

    @Test
    @DisplayName("every real fixture stored as a string is read back byte for byte")
    void fixturesAreByteExact() {
      Map<String, byte[]> fixtures = Fixtures.valid();
      assertThat(fixtures).isNotEmpty();
      for (byte[] bytes : fixtures.values()) {
        Vcon expected = Vcon.parse(bytes);
        putString("vcon:" + expected.id(), bytes);

        Vcon read = source.read(expected.id()).orElseThrow();

        assertThat(read.bytes()).isEqualTo(bytes);
        assertThat(read.id()).isEqualTo(expected.id());
      }
    }

    @Test
    @DisplayName("odd formatting, non-ASCII text and a trailing newline are kept exactly")
    void oddFormattingKept() {
      String id = SampleVcons.newId();
      byte[] bytes =
          utf8(
              "{\n  \"uuid\" : \"" + id + "\",\t\"subject\":\"caf\u00e9 \u2713\",\"n\":1.50e+2}\n");
      putString("vcon:" + id, bytes);

      assertThat(source.read(VconId.of(id)).orElseThrow().bytes()).isEqualTo(bytes);
    }

    @Test
    @DisplayName("a missing key reads as empty")
    void missingIsEmpty() {
      assertThat(source.read(VconId.of(SampleVcons.newId()))).isEmpty();
    }

    @Test
    @DisplayName(
        "a key with a TTL is read without touching the TTL, and an expired one reads as empty")
    void ttlKeys() {
      Vcon live = SampleVcons.vcon("2024-01-15T10:00:00Z");
      REDIS.admin().set(utf8("vcon:" + live.id()), live.bytes(), SetParams.setParams().px(600_000));
      Vcon expired = SampleVcons.vcon("2024-01-15T10:00:00Z");
      // PXAT in the past: Redis drops the key at once, as it does when a vcon-server TTL runs out.
      REDIS
          .admin()
          .set(utf8("vcon:" + expired.id()), expired.bytes(), SetParams.setParams().pxAt(1));

      assertThat(source.read(live.id())).contains(live);
      assertThat(REDIS.admin().pttl("vcon:" + live.id())).isBetween(1L, 600_000L);
      assertThat(source.read(expired.id())).isEmpty();
    }

    @Test
    @DisplayName("key_prefix and the URL's database number choose where keys are read")
    void prefixAndDatabase() {
      Vcon vcon = SampleVcons.vcon("2024-01-15T10:00:00Z");
      try (var db3 =
          RedisClient.builder()
              .hostAndPort("127.0.0.1", REDIS.port())
              .clientConfig(DefaultJedisClientConfig.builder().database(3).build())
              .build()) {
        db3.set(utf8("archive/" + vcon.id()), vcon.bytes());
      }
      RedisSourceConfig config =
          REDIS.config().url(REDIS.url() + "/3").keyPrefix("archive/").build();
      try (RedisVconSource db3Source = RedisVconSource.create(config)) {
        assertThat(db3Source.read(vcon.id())).contains(vcon);
        assertThat(db3Source.name()).isEqualTo("redis://127.0.0.1:" + REDIS.port() + "/3");
      }
      assertThat(source.read(vcon.id())).isEmpty();
    }

    @Test
    @DisplayName("token ids are read under id_policy token")
    void tokenIds() {
      String id = "SAMPLE-1234-abcd-5678";
      putString("vcon:" + id, utf8(SampleVcons.json(id, null, "t")));
      try (RedisVconSource tokens =
          RedisVconSource.create(REDIS.config().idPolicy(IdPolicy.TOKEN).build())) {
        assertThat(tokens.read(VconId.of(id, IdPolicy.TOKEN)).orElseThrow().id().value())
            .isEqualTo(id);
      }
    }
  }

  @Nested
  @DisplayName("what is not a vCon")
  class Errors {

    @Test
    @DisplayName("a hash or a list under the key is a typed error naming the key and its type")
    void wrongType() {
      String hashId = SampleVcons.newId();
      REDIS.admin().hset("vcon:" + hashId, "uuid", hashId);
      String listId = SampleVcons.newId();
      REDIS.admin().rpush("vcon:" + listId, "{}");

      assertThatThrownBy(() -> source.read(VconId.of(hashId)))
          .isInstanceOfSatisfying(
              InvalidVconException.class,
              e -> assertThat(e.reason()).isEqualTo(InvalidVconException.Reason.NOT_JSON))
          .hasMessageContaining("Redis key \"vcon:" + hashId + "\"")
          .hasMessageContaining("holds a Redis hash, not a vCon")
          .hasMessageContaining("RedisJSON document");
      assertThatThrownBy(() -> source.read(VconId.of(listId)))
          .isInstanceOf(InvalidVconException.class)
          .hasMessageContaining("holds a Redis list");
    }

    @Test
    @DisplayName("a string that is not JSON is a typed error naming the key and the position")
    void invalidJson() {
      String id = SampleVcons.newId();
      putString("vcon:" + id, utf8("{\"uuid\": \"" + id + "\", oops}"));

      assertThatThrownBy(() -> source.read(VconId.of(id)))
          .isInstanceOfSatisfying(
              InvalidVconException.class,
              e -> assertThat(e.reason()).isEqualTo(InvalidVconException.Reason.NOT_JSON))
          .hasMessageContaining("Redis key \"vcon:" + id + "\" in source redis://127.0.0.1:")
          .hasMessageContaining("is not valid JSON at line 1");
    }

    @Test
    @DisplayName("an empty string value is not a vCon")
    void emptyString() {
      String id = SampleVcons.newId();
      putString("vcon:" + id, new byte[0]);

      assertThatThrownBy(() -> source.read(VconId.of(id)))
          .isInstanceOfSatisfying(
              InvalidVconException.class,
              e -> assertThat(e.reason()).isEqualTo(InvalidVconException.Reason.NOT_AN_OBJECT))
          .hasMessageContaining("Redis key \"vcon:" + id + "\"")
          .hasMessageContaining("is empty, not a JSON object");
    }

    @Test
    @DisplayName("a document whose uuid is another vCon's is refused, naming both")
    void uuidMismatch() {
      String id = SampleVcons.newId();
      String other = SampleVcons.newId();
      putString("vcon:" + id, utf8(SampleVcons.json(other, null, "")));

      assertThatThrownBy(() -> source.read(VconId.of(id)))
          .isInstanceOfSatisfying(
              InvalidVconException.class,
              e -> assertThat(e.reason()).isEqualTo(InvalidVconException.Reason.UUID_MISMATCH))
          .hasMessageContaining(id)
          .hasMessageContaining("has uuid \"" + other + "\"");
    }

    @Test
    @DisplayName("a document over max_document_bytes is refused")
    void tooLarge() {
      Vcon vcon = SampleVcons.vcon("2024-01-15T10:00:00Z");
      putString("vcon:" + vcon.id(), vcon.bytes());
      try (RedisVconSource small =
          RedisVconSource.create(REDIS.config().maxDocumentBytes(20).build())) {
        assertThatThrownBy(() -> small.read(vcon.id()))
            .isInstanceOfSatisfying(
                InvalidVconException.class,
                e -> assertThat(e.reason()).isEqualTo(InvalidVconException.Reason.TOO_LARGE))
            .hasMessageContaining("Redis key \"vcon:" + vcon.id() + "\"")
            .hasMessageContaining(
                "has " + vcon.size() + " bytes, over the limit of 20 (max_document_bytes)");
      }
      // Exactly at the limit is accepted.
      try (RedisVconSource exact =
          RedisVconSource.create(REDIS.config().maxDocumentBytes(vcon.size()).build())) {
        assertThat(exact.read(vcon.id())).contains(vcon);
      }
    }

    @Test
    @DisplayName("JSON.GET on a server without RedisJSON says the module is missing")
    void jsonModuleMissing() {
      // A ReJSON-RL key cannot exist without the module; call the JSON path directly on this plain
      // server.
      String id = SampleVcons.newId();

      assertThatThrownBy(() -> source.readJson(VconId.of(id), "vcon:" + id))
          .isInstanceOfSatisfying(
              BackendException.class,
              e -> {
                assertThat(e.retryable()).isFalse();
                assertThat(e.store()).contains(source.name());
                assertThat(e.vconId()).contains(id);
              })
          .hasMessageContaining("Redis key \"vcon:" + id + "\"")
          .hasMessageContaining("holds RedisJSON data (type ReJSON-RL)")
          .hasMessageContaining("lacks the RedisJSON module");
    }
  }

  @Nested
  @DisplayName("round trips, counted by a relay in front of the real server")
  class RoundTrips {

    private RoundTripCounter relay;
    private RedisVconSource relayed;

    @BeforeEach
    void openRelay() {
      relay = new RoundTripCounter(REDIS.port());
      relayed =
          RedisVconSource.create(REDIS.config().url("redis://127.0.0.1:" + relay.port()).build());
      // The first read opens the pooled connection (HELLO/CLIENT SETNAME...): count from the second
      // on.
      relayed.read(VconId.of(SampleVcons.newId()));
    }

    @AfterEach
    void closeRelay() {
      relayed.close();
      relay.close();
    }

    private int tripsFor(Runnable step) {
      relay.reset();
      step.run();
      return relay.trips();
    }

    @Test
    @DisplayName(
        "the counter itself: two commands one after the other are 2 round trips, pipelined they are"
            + " 1")
    void counterTellsPipelinesApart() {
      try (var client = RedisClient.create("127.0.0.1", relay.port())) {
        client.ping(); // connect
        assertThat(
                tripsFor(
                    () -> {
                      client.type("k");
                      client.getrange("k", 0, 10);
                    }))
            .isEqualTo(2);
        assertThat(
                tripsFor(
                    () -> {
                      try (AbstractPipeline p = client.pipelined()) {
                        p.type("k");
                        p.getrange("k", 0, 10);
                        p.sync();
                      }
                    }))
            .isEqualTo(1);
      }
    }

    @Test
    @DisplayName(
        "a string value is read in one round trip: TYPE and GETRANGE pipelined, nothing else")
    void stringInOneRoundTrip() {
      Vcon vcon = SampleVcons.vcon("2024-01-15T10:00:00Z");
      putString("vcon:" + vcon.id(), vcon.bytes());
      REDIS.resetStats();

      assertThat(tripsFor(() -> assertThat(relayed.read(vcon.id())).contains(vcon))).isEqualTo(1);

      String stats = REDIS.admin().info("commandstats");
      assertThat(stats).contains("cmdstat_type:calls=1,").contains("cmdstat_getrange:calls=1,");
      assertThat(stats)
          .doesNotContain("cmdstat_get:")
          .doesNotContain("cmdstat_strlen:")
          .doesNotContain("cmdstat_eval");
    }

    @Test
    @DisplayName("a missing key and a key of another type also cost one round trip")
    void missingAndWrongTypeInOneRoundTrip() {
      assertThat(tripsFor(() -> assertThat(relayed.read(VconId.of(SampleVcons.newId()))).isEmpty()))
          .isEqualTo(1);

      String hashId = SampleVcons.newId();
      REDIS.admin().hset("vcon:" + hashId, "uuid", hashId);
      assertThat(
              tripsFor(
                  () ->
                      assertThatThrownBy(() -> relayed.read(VconId.of(hashId)))
                          .isInstanceOf(InvalidVconException.class)
                          .hasMessageContaining("holds a Redis hash, not a vCon")))
          .isEqualTo(1);
    }

    @Test
    @DisplayName(
        "the rare cases keep their second call: an empty answer is checked with GET, too large asks"
            + " STRLEN")
    void rareCasesAskAgain() {
      String emptyId = SampleVcons.newId();
      putString("vcon:" + emptyId, new byte[0]);
      assertThat(
              tripsFor(
                  () ->
                      assertThatThrownBy(() -> relayed.read(VconId.of(emptyId)))
                          .isInstanceOf(InvalidVconException.class)
                          .hasMessageContaining("is empty, not a JSON object")))
          .isEqualTo(2);

      Vcon vcon = SampleVcons.vcon("2024-01-15T10:00:00Z");
      putString("vcon:" + vcon.id(), vcon.bytes());
      try (RedisVconSource small =
          RedisVconSource.create(
              REDIS
                  .config()
                  .url("redis://127.0.0.1:" + relay.port())
                  .maxDocumentBytes(20)
                  .build())) {
        small.read(VconId.of(SampleVcons.newId())); // connect
        assertThat(
                tripsFor(
                    () ->
                        assertThatThrownBy(() -> small.read(vcon.id()))
                            .isInstanceOfSatisfying(
                                InvalidVconException.class,
                                e ->
                                    assertThat(e.reason())
                                        .isEqualTo(InvalidVconException.Reason.TOO_LARGE))
                            .hasMessageContaining(
                                "has "
                                    + vcon.size()
                                    + " bytes, over the limit of 20 (max_document_bytes)")))
            .isEqualTo(2);
      }
    }
  }

  @Nested
  @DisplayName("listing")
  class Listing {

    @Test
    @DisplayName(
        "idsCreatedBetween reads [from, to) from the sorted set in score order, across pages")
    void sortedSetRange() {
      String set = "vcons-" + UUID.randomUUID();
      long base = 1_700_000_000L;
      int count = 2_500; // more than two pages of 1000
      AbstractPipeline p = REDIS.admin().pipelined();
      List<String> ids = Stream.generate(SampleVcons::newId).limit(count).toList();
      for (int i = 0; i < count; i++) {
        p.zadd(set, base + i, ids.get(i));
      }
      p.zadd(set, base + 10, "not-a-uuid"); // skipped with a warning
      p.zadd(set, base + 10.5, ids.get(0).toUpperCase(Locale.ROOT));
      p.sync();
      p.close();

      try (RedisVconSource s = RedisVconSource.create(REDIS.config().sortedSet(set).build())) {
        List<String> all =
            s.idsCreatedBetween(Instant.ofEpochSecond(base), Instant.ofEpochSecond(base + count))
                .map(VconId::value)
                .toList();
        assertThat(all).hasSize(count + 1).startsWith(ids.get(0)).endsWith(ids.get(count - 1));
        assertThat(all).doesNotHaveDuplicates();

        // from is inclusive, to exclusive; fractional bounds are honoured.
        assertThat(
                s.idsCreatedBetween(
                        Instant.ofEpochSecond(base + 10), Instant.ofEpochSecond(base + 12))
                    .map(VconId::value))
            .containsExactly(ids.get(10), ids.get(0).toUpperCase(Locale.ROOT), ids.get(11));
        assertThat(
                s.idsCreatedBetween(
                        Instant.ofEpochSecond(base + 10, 600_000_000),
                        Instant.ofEpochSecond(base + 12))
                    .map(VconId::value))
            .containsExactly(ids.get(11));
        assertThat(
                s.idsCreatedBetween(
                    Instant.ofEpochSecond(base + 5), Instant.ofEpochSecond(base + 5)))
            .isEmpty();

        // Lazy and paged: the first ten ids cost one ZRANGEBYSCORE ... LIMIT 0 1000.
        REDIS.resetStats();
        assertThat(
                s.idsCreatedBetween(
                        Instant.ofEpochSecond(base), Instant.ofEpochSecond(base + count))
                    .limit(10))
            .hasSize(10);
        assertThat(REDIS.admin().info("commandstats")).contains("cmdstat_zrangebyscore:calls=1,");
      }
    }

    @Test
    @DisplayName("ids() SCANs over 10,000 keys lazily, skipping keys that are not vCon ids")
    void scanPaging() {
      String prefix = "scan-" + UUID.randomUUID() + ":";
      int count = 10_000;
      Set<String> expected = new HashSet<>();
      AbstractPipeline p = REDIS.admin().pipelined();
      for (int i = 0; i < count; i++) {
        String id = SampleVcons.newId();
        expected.add(id);
        p.set(prefix + id, "{}");
      }
      p.set(prefix + "../etc/passwd", "{}");
      p.set(prefix + "bad id", "{}");
      p.set("other:" + SampleVcons.newId(), "{}");
      p.sync();
      p.close();

      try (RedisVconSource s = RedisVconSource.create(REDIS.config().keyPrefix(prefix).build())) {
        REDIS.resetStats();
        Set<String> found;
        try (Stream<VconId> ids = s.ids()) {
          found = ids.map(VconId::value).collect(Collectors.toSet());
        }
        assertThat(found).hasSize(count).isEqualTo(expected);
        // Paged: COUNT 1000 over more than 10,000 keys takes at least ten SCAN calls, and never
        // KEYS.
        String stats = REDIS.admin().info("commandstats");
        assertThat(scanCalls(stats)).isGreaterThanOrEqualTo(10);
        assertThat(stats).doesNotContain("cmdstat_keys:");

        // Lazy: three ids cost one SCAN page, not the whole key space.
        REDIS.resetStats();
        try (Stream<VconId> ids = s.ids()) {
          assertThat(ids.limit(3)).hasSize(3);
        }
        assertThat(REDIS.admin().info("commandstats")).contains("cmdstat_scan:calls=1,");
      }
    }

    private long scanCalls(String commandStats) {
      Matcher m = Pattern.compile("cmdstat_scan:calls=(\\d+),").matcher(commandStats);
      assertThat(m.find()).as(commandStats).isTrue();
      return Long.parseLong(m.group(1));
    }

    @Test
    @DisplayName("glob characters in key_prefix are matched literally")
    void globPrefix() {
      String tag = UUID.randomUUID().toString().substring(0, 8);
      String id = SampleVcons.newId();
      putString("g*" + tag + "[1]:" + id, utf8("{}"));
      putString("gX" + tag + "1:" + SampleVcons.newId(), utf8("{}"));

      try (RedisVconSource s =
          RedisVconSource.create(REDIS.config().keyPrefix("g*" + tag + "[1]:").build())) {
        assertThat(s.ids().map(VconId::value)).containsExactly(id);
      }
      assertThat(RedisVconSource.globEscape("a*b?c[d]\\")).isEqualTo("a\\*b\\?c\\[d\\]\\\\");
    }
  }

  @Nested
  @DisplayName("caching a vCon back into Redis")
  class Caching {

    @Test
    @DisplayName(
        "cache writes the exact bytes as a string with a TTL on a plain server, never overwriting a"
            + " key")
    void cacheWithTtl() {
      Vcon vcon = Vcon.parse(Fixtures.valid().values().iterator().next());
      REDIS.admin().del("vcon:" + vcon.id());

      assertThat(source.cache(vcon, Duration.ofMinutes(5))).isTrue();
      assertThat(source.read(vcon.id()))
          .map(Vcon::bytes)
          .hasValueSatisfying(b -> assertThat(b).isEqualTo(vcon.bytes()));
      assertThat(REDIS.admin().pttl("vcon:" + vcon.id())).isBetween(1L, 300_000L);
      // No RedisJSON on this server: the exact bytes went in as a string.
      assertThat(REDIS.admin().type("vcon:" + vcon.id())).isEqualTo("string");

      Vcon other = SampleVcons.vcon(vcon.id().value(), "2024-01-01T00:00:00Z");
      assertThat(source.cache(other, Duration.ofMinutes(5))).isFalse();
      assertThat(source.read(vcon.id())).contains(vcon);
      assertThatThrownBy(() -> source.cache(vcon, Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("ttl must be at least 1 ms, was PT0S");
    }
  }

  @Test
  @DisplayName(
      "pool_size 1 serves 8 concurrent readers: they wait for the connection instead of failing")
  void smallPool() throws Exception {
    Vcon vcon = SampleVcons.vcon("2024-01-15T10:00:00Z");
    putString("vcon:" + vcon.id(), vcon.bytes());
    try (RedisVconSource one = RedisVconSource.create(REDIS.config().poolSize(1).build())) {
      var pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<Optional<Vcon>>> reads = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          reads.add(pool.submit(() -> one.read(vcon.id())));
        }
        for (var read : reads) {
          assertThat(read.get()).contains(vcon);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  @DisplayName("name() and toString() show the URL without credentials")
  void names() {
    assertThat(source.name()).isEqualTo("redis://127.0.0.1:" + REDIS.port() + "/0");
    assertThat(source.toString())
        .contains(source.name())
        .contains("key_prefix=vcon:")
        .contains("sorted_set=vcons");
    assertThat(Optional.of(RedisVconSource.seconds(Instant.ofEpochSecond(5, 250_000_000))))
        .contains("5.25");
  }
}
