package io.vcon.storage.tck;

import static io.vcon.storage.tck.Properties.property;
import static io.vcon.storage.tck.Properties.qt;
import static io.vcon.storage.tck.SampleVcons.newId;
import static io.vcon.storage.tck.SampleVcons.vcon;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.vcon.storage.api.Capability;
import io.vcon.storage.api.ContentHash;
import io.vcon.storage.api.IdPolicy;
import io.vcon.storage.api.IntegrityException;
import io.vcon.storage.api.InvalidVconException;
import io.vcon.storage.api.RawObjects;
import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.UnsupportedCapabilityException;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconParser;
import io.vcon.storage.api.VconStorageException;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.api.key.KeyStrategy;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link VconStore} must have. Extend it in a test, return a fresh store from
 * {@link #newStore(Clock)} and a way to read its backend directly from
 * {@link #backendAccess(VconStore)}, and every group below runs against it; groups for optional
 * capabilities skip, with the reason, when the store does not declare them.
 *
 * <pre>{@code
 * class MyStoreContractTest extends VconStoreContract {
 *   protected VconStore newStore(Clock clock) { return MyStore.create(..., clock); }
 *   protected BackendAccess backendAccess(VconStore store) { return new MyBucketAccess(bucket); }
 * }
 * }</pre>
 *
 * <p>Each test uses fresh random ids, so one server (one bucket) can serve a whole run. A store configured
 * with a key prefix overrides {@link #expectedLayout()} so that the layout checks know where keys must be.
 */
public abstract class VconStoreContract {

  /** The save time the kit's clock starts at; vCons without {@code created_at} are filed under its date. */
  protected static final Instant SAVE_TIME = Instant.parse("2025-03-04T05:06:07Z");

  protected MutableClock clock;
  protected VconStore store;

  /** The store's backend, read directly: what {@link #backendAccess(VconStore)} returned. */
  protected BackendAccess backend;

  /** A store to test, using {@code clock} for save times. Fresh per test; it may share a server with others. */
  protected abstract VconStore newStore(Clock clock);

  /**
   * Required: the backend of {@code store} (this test's, from {@link #newStore(Clock)}), read and
   * written by key without the store, so the kit sees the keys and bytes vcon-server would see. A
   * store that does not keep vcon-server's layout returns
   * {@link BackendAccess#notLayoutCompatible(String)} saying why; the layout group is then reported
   * as skipped with that reason. Called once per test, after {@code newStore}.
   */
  protected abstract BackendAccess backendAccess(VconStore store);

  /** The layout the store must write: vcon-server's, with the prefix the store was configured with. */
  protected KeyStrategy expectedLayout() {
    return KeyStrategy.vconServer(null);
  }

  /** How many bytes the large-document test stores; at least 10 MB unless a backend documents a lower limit. */
  protected int largeDocumentBytes() {
    return 10 * 1024 * 1024 + 17;
  }

  /**
   * Replaces the bytes under {@code key} with {@code body} behind the store's back, keeping the content hash recorded
   * for the old bytes, as a failing disk or an operator editing the object would. Return false (the default) when
   * the test cannot do that; the integrity tests that need it then skip, saying so.
   */
  protected boolean alterAtRest(VconStore store, String key, byte[] body) {
    return false;
  }

  /**
   * Writes {@code body} under {@code key} without a content hash, as vcon-server writes objects. Return false (the
   * default) when the test cannot; the test that needs it then skips.
   */
  protected boolean writeWithoutHash(VconStore store, String key, byte[] body) {
    return false;
  }

  /**
   * A store like {@link #newStore(Clock)} but configured with {@code id_policy: token}, the way
   * users configure it (through the adapter's provider or builder). Return null (the default) when
   * the store cannot take token ids; {@link TokenIdTck} then skips, saying so.
   */
  protected VconStore newTokenStore(Clock clock) {
    return null;
  }

  /** A vCon whose id is a path-safe token, parsed under {@code id_policy: token}. */
  protected static Vcon tokenVcon(String id) {
    return VconParser.builder()
        .idPolicy(IdPolicy.TOKEN)
        .build()
        .parse(SampleVcons.json(id, "2024-01-15T10:00:00Z", "").getBytes(StandardCharsets.UTF_8));
  }

  @BeforeEach
  void openStore() {
    clock = MutableClock.at(SAVE_TIME);
    store = newStore(clock);
    backend = backendAccess(store);
    assertThat(backend).as("backendAccess(store) of %s", store.name()).isNotNull();
  }

  @AfterEach
  void closeStore() {
    if (backend != null) {
      backend.close();
    }
    if (store != null) {
      store.close();
    }
  }

  /** Skips the calling test, with the store's reason, when the store keeps another layout. */
  protected final void requiresLayout() {
    Optional<String> because = backend.notLayoutCompatibleBecause();
    assumeThat(because)
        .as(
            "Skipping: store "
                + store.name()
                + " does not keep vcon-server's layout: "
                + because.orElse(""))
        .isEmpty();
  }

  /** Whether the store keeps vcon-server's layout, so its backend can be read by key. */
  protected final boolean layoutCompatible() {
    return backend.notLayoutCompatibleBecause().isEmpty();
  }

  /** Skips the calling test, with the reason, when the store does not declare {@code capability}. */
  protected final void requires(Capability capability) {
    assumeThat(store.capabilities())
        .as("Skipping: store " + store.name() + " does not declare capability " + capability)
        .contains(capability);
  }

  private static void assertSameBytes(Optional<Vcon> actual, Vcon expected) {
    assertThat(actual).as("stored copy of %s", expected.id()).isPresent();
    assertThat(actual.get().bytes()).as("bytes of %s", expected.id()).isEqualTo(expected.bytes());
    assertThat(actual.get().id()).isEqualTo(expected.id());
  }

  @Nested
  @DisplayName("save and get")
  class SaveAndGetTck {

    @Test
    @DisplayName("a vCon reads back byte for byte")
    void roundTripsByteForByte() {
      Vcon v = vcon("2024-01-15T10:00:00Z");
      store.put(v);
      assertSameBytes(store.get(v.id()), v);
    }

    @Test
    @DisplayName("every real fixture vCon reads back unchanged")
    void realFixturesRoundTrip() {
      for (Map.Entry<String, byte[]> fixture : Fixtures.valid().entrySet()) {
        // Fixtures share uuids; give each its own id so they do not overwrite each other here.
        String id = newId();
        String text = new String(fixture.getValue(), StandardCharsets.UTF_8);
        String original = Vcon.parse(fixture.getValue()).id().value();
        Vcon v = Vcon.parse(text.replace(original, id).getBytes(StandardCharsets.UTF_8));
        store.put(v);
        assertSameBytes(store.get(v.id()), v);
      }
    }

    @Test
    @DisplayName("formatting, key order and number spelling are kept, never re-serialized")
    void keepsFormatting() {
      Vcon v = SampleVcons.oddlyFormatted(newId());
      store.put(v);
      assertSameBytes(store.get(v.id()), v);
    }

    @Test
    @DisplayName("unicode text, raw and escaped, is kept as written")
    void keepsUnicode() {
      Vcon v = SampleVcons.unicode(newId());
      store.put(v);
      assertSameBytes(store.get(v.id()), v);
      assertThat(store.get(v.id()).orElseThrow().text()).contains("📞", "\\ud83d\\udcde", "Zoë");
    }

    @Test
    @DisplayName("a document of 10 MB or more reads back intact")
    void largeDocumentRoundTrips() {
      Vcon v = SampleVcons.large(newId(), "2024-06-01T08:00:00Z", largeDocumentBytes(), 42);
      assertThat(v.size()).isGreaterThanOrEqualTo(largeDocumentBytes() - 400);
      store.put(v);
      assertSameBytes(store.get(v.id()), v);
    }

    @Test
    @DisplayName("get of an id never stored is empty, and exists is false")
    void absentIdIsEmpty() {
      VconId id = VconId.of(newId());
      assertThat(store.get(id)).isEmpty();
      assertThat(store.exists(id)).isFalse();
    }

    @Test
    @DisplayName("exists is true after put")
    void existsAfterPut() {
      Vcon v = vcon("2024-01-15T10:00:00Z");
      store.put(v);
      assertThat(store.exists(v.id())).isTrue();
    }

    @Test
    @DisplayName("a second put replaces the first")
    void overwriteReplaces() {
      String id = newId();
      store.put(vcon(id, "2024-01-15T10:00:00Z"));
      Vcon second =
          Vcon.parse(
              SampleVcons.json(id, "2024-01-15T10:00:00Z", "second")
                  .getBytes(StandardCharsets.UTF_8));
      store.put(second);
      assertSameBytes(store.get(second.id()), second);
    }

    @Test
    @DisplayName("a second put with another created_at date is found under the new date")
    void overwriteWithNewDate() {
      String id = newId();
      store.put(vcon(id, "2024-01-15T10:00:00Z"));
      Vcon moved = vcon(id, "2025-07-04T10:00:00+02:00");
      store.put(moved);
      assertSameBytes(store.get(moved.id()), moved);
    }

    @Test
    @DisplayName("a vCon without created_at is stored and found")
    void missingCreatedAtIsStored() {
      Vcon v = vcon(newId(), null);
      store.put(v);
      assertSameBytes(store.get(v.id()), v);
    }

    @Test
    @DisplayName("get with the right day hint finds the vCon")
    void getWithDayHint() {
      Vcon v = vcon("2024-01-15T23:30:00-05:00");
      store.put(v);
      assertSameBytes(store.get(v.id(), LocalDate.of(2024, 1, 15)), v);
    }

    @Test
    @DisplayName("get with a wrong day hint still finds the vCon")
    void getWithWrongDayHint() {
      Vcon v = vcon("2024-01-15T23:30:00-05:00");
      store.put(v);
      assertSameBytes(store.get(v.id(), LocalDate.of(2024, 1, 16)), v);
    }

    @Test
    @DisplayName("a store under id_policy uuid refuses a token id before any I/O")
    void uuidStoreRefusesTokenIds() {
      assumeThat(store.idPolicy())
          .as("Skipping: store " + store.name() + " takes token ids")
          .isEqualTo(IdPolicy.UUID);
      Vcon v = tokenVcon("abc123-" + newId().substring(0, 8));
      assertThatThrownBy(() -> store.put(v))
          .isInstanceOf(InvalidVconException.class)
          .hasMessageContaining("id_policy")
          .satisfies(
              e ->
                  assertThat(((InvalidVconException) e).reason())
                      .isEqualTo(InvalidVconException.Reason.INVALID_ID));
      assertThatThrownBy(() -> store.get(v.id())).isInstanceOf(InvalidVconException.class);
      assertThatThrownBy(() -> store.exists(v.id())).isInstanceOf(InvalidVconException.class);
      assertThatThrownBy(() -> store.delete(v.id())).isInstanceOf(InvalidVconException.class);
    }

    @Test
    @DisplayName("a time-ordered id whose timestamp lies beyond year 9999 is simply absent")
    void farFutureTimeOrderedIdIsAbsent() {
      VconId id = VconId.of("ffffffff-ffff-7fff-bfff-" + newId().substring(24));
      assertThat(store.get(id)).isEmpty();
      assertThat(store.exists(id)).isFalse();
      assertThat(store.delete(id)).isFalse();
    }

    @Test
    @DisplayName("many vCons are stored independently")
    void manyVconsAreIndependent() {
      List<Vcon> all = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        Vcon v = vcon(newId(), String.format("2024-%02d-%02dT10:00:00Z", 1 + i % 12, 1 + i % 28));
        all.add(v);
        store.put(v);
      }
      all.forEach(v -> assertSameBytes(store.get(v.id()), v));
    }
  }

  @Nested
  @DisplayName("delete")
  class DeleteTck {

    @Test
    @DisplayName("delete removes the vCon and reports that it was there")
    void deleteRemoves() {
      Vcon v = vcon("2024-01-15T10:00:00Z");
      store.put(v);
      assertThat(store.delete(v.id())).isTrue();
      assertThat(store.get(v.id())).isEmpty();
      assertThat(store.exists(v.id())).isFalse();
    }

    @Test
    @DisplayName("delete of an id never stored reports false")
    void deleteAbsent() {
      assertThat(store.delete(VconId.of(newId()))).isFalse();
    }

    @Test
    @DisplayName("a second delete reports false")
    void deleteTwice() {
      Vcon v = vcon("2024-01-15T10:00:00Z");
      store.put(v);
      assertThat(store.delete(v.id())).isTrue();
      assertThat(store.delete(v.id())).isFalse();
    }

    @Test
    @DisplayName("delete leaves other vCons, even of the same day, alone")
    void deleteLeavesOthers() {
      Vcon a = vcon("2024-01-15T10:00:00Z");
      Vcon b = vcon("2024-01-15T11:00:00Z");
      store.put(a);
      store.put(b);
      store.delete(a.id());
      assertSameBytes(store.get(b.id()), b);
    }

    @Test
    @DisplayName("a vCon can be saved again after delete")
    void saveAfterDelete() {
      Vcon v = vcon("2024-01-15T10:00:00Z");
      store.put(v);
      store.delete(v.id());
      store.put(v);
      assertSameBytes(store.get(v.id()), v);
    }
  }

  @Nested
  @DisplayName("invalid input is refused before any I/O")
  class InvalidInputTck {

    @Test
    @DisplayName("ids that are not safe key segments never become ids")
    void hostileIdsAreRejected() {
      String longId = "a".repeat(1_100);
      for (String bad :
          List.of(
              "../../etc/passwd",
              "a/b",
              "",
              " ",
              "%2e%2e",
              "..",
              "a\\b",
              "x\u0000y",
              longId,
              "０１２３４５６７-89ab-cdef-0123-456789abcdef")) {
        assertThatThrownBy(() -> VconId.of(bad))
            .isInstanceOf(InvalidVconException.class)
            .hasMessageContaining("Invalid vCon id");
      }
      assertThatThrownBy(() -> VconId.of(null)).isInstanceOf(InvalidVconException.class);
      assertThat(store.get(VconId.of(newId()))).isEmpty();
    }

    @Test
    @DisplayName("a document whose uuid disagrees with the id never reaches the store")
    void mismatchedUuidIsRejected() {
      VconId requested = VconId.of(newId());
      String other = newId();
      byte[] doc =
          SampleVcons.json(other, "2024-01-15T10:00:00Z", "").getBytes(StandardCharsets.UTF_8);
      assertThatThrownBy(() -> Vcon.parse(requested, doc))
          .isInstanceOf(InvalidVconException.class)
          .hasMessageContaining(requested.value())
          .hasMessageContaining(other);
      assertThat(store.exists(requested)).isFalse();
    }

    @Test
    @DisplayName(
        "malformed documents are refused with a typed reason, and a stored copy stays intact")
    void malformedDocumentsAreRefused() {
      String id = newId();
      Vcon good = vcon(id, "2024-01-15T10:00:00Z");
      store.put(good);
      Map<String, InvalidVconException.Reason> cases = new LinkedHashMap<>();
      cases.put("[1, 2]", InvalidVconException.Reason.NOT_AN_OBJECT);
      cases.put("", InvalidVconException.Reason.NOT_AN_OBJECT);
      cases.put("{\"uuid\": \"" + id + "\"", InvalidVconException.Reason.NOT_JSON);
      cases.put("{\"uuid\": \"" + id + "\"} []", InvalidVconException.Reason.NOT_JSON);
      cases.put("{\"uuid\": 7}", InvalidVconException.Reason.MISSING_UUID);
      cases.put("{\"vcon\": \"0.0.1\"}", InvalidVconException.Reason.MISSING_UUID);
      cases.put(
          "{\"uuid\": \"" + id + "\", \"uuid\": \"" + id + "\"}",
          InvalidVconException.Reason.DUPLICATE_FIELD);
      cases.put(
          "{\"uuid\": \""
              + id
              + "\", \"created_at\": \"2024-01-15\", \"created_at\": \"2024-01-16\"}",
          InvalidVconException.Reason.DUPLICATE_FIELD);
      cases.put(
          "{\"uuid\": \"" + id + "\", \"created_at\": {\"t\": 1}}",
          InvalidVconException.Reason.INVALID_CREATED_AT);
      cases.put(
          "{\"uuid\": \"" + id + "\", \"created_at\": \"next week\"}",
          InvalidVconException.Reason.INVALID_CREATED_AT);
      cases.put(
          "{\"uuid\": \"" + id + "\", \"d\": " + "[".repeat(600) + "]".repeat(600) + "}",
          InvalidVconException.Reason.TOO_LARGE);
      cases.forEach(
          (doc, reason) ->
              assertThatThrownBy(
                      () -> Vcon.parse(VconId.of(id), doc.getBytes(StandardCharsets.UTF_8)))
                  .as(doc.length() > 60 ? doc.substring(0, 60) : doc)
                  .isInstanceOfSatisfying(
                      InvalidVconException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                  .hasMessageContaining("Nothing was written"));
      assertThatThrownBy(() -> Vcon.parse(VconId.of(id), "[1]".getBytes(StandardCharsets.UTF_8)))
          .hasMessageContaining("is an array, not a JSON object");
      assertThatThrownBy(
              () -> Vcon.parse(VconId.of(id), "{\"uuid\": \"x\"".getBytes(StandardCharsets.UTF_8)))
          .hasMessageContaining("not valid JSON at line 1");
      assertThatThrownBy(
              () ->
                  Vcon.parse(
                      VconId.of(id),
                      ("{\"uuid\": \"" + id + "\", \"created_at\": 5}")
                          .getBytes(StandardCharsets.UTF_8)))
          .hasMessageContaining("\"created_at\" that is a number, not a string");
      assertThatThrownBy(() -> Vcon.parse((byte[]) null))
          .isInstanceOfSatisfying(
              InvalidVconException.class,
              e -> assertThat(e.reason()).isEqualTo(InvalidVconException.Reason.NOT_JSON));
      byte[] badUtf8 =
          SampleVcons.json(id, "2024-01-15T10:00:00Z", "caf\u00e9")
              .getBytes(StandardCharsets.ISO_8859_1);
      assertThatThrownBy(() -> Vcon.parse(badUtf8))
          .isInstanceOfSatisfying(
              InvalidVconException.class,
              e -> assertThat(e.reason()).isEqualTo(InvalidVconException.Reason.INVALID_ENCODING));
      VconParser small = VconParser.builder().maxDocumentBytes(100).build();
      byte[] big =
          SampleVcons.json(id, "2024-01-15T10:00:00Z", "x".repeat(100))
              .getBytes(StandardCharsets.UTF_8);
      assertThatThrownBy(() -> small.parse(big))
          .isInstanceOfSatisfying(
              InvalidVconException.class,
              e -> assertThat(e.reason()).isEqualTo(InvalidVconException.Reason.TOO_LARGE))
          .hasMessageContaining("max_document_bytes");
      assertThat(VconParser.builder().maxDocumentBytes(big.length).build().parse(big).size())
          .isEqualTo(big.length);
      assertSameBytes(store.get(good.id()), good);
    }

    @Test
    @DisplayName("an invalid id's error says what each id policy accepts")
    void idErrorsNameThePolicy() {
      assertThatThrownBy(() -> VconId.of("a/b"))
          .hasMessageContaining("canonical UUID")
          .hasMessageContaining("id_policy: token");
      assertThatThrownBy(() -> VconId.of("a/b", IdPolicy.TOKEN))
          .hasMessageContaining("path-safe token")
          .hasMessageNotContaining("id_policy: token");
      assertThat(VconId.isValid(null, IdPolicy.UUID)).isFalse();
      assertThat(VconId.isValid(newId(), IdPolicy.UUID)).isTrue();
      assertThat(VconId.isValid("SAMPLE-1", IdPolicy.TOKEN)).isTrue();
      assertThat(VconId.isValid("SAMPLE-1", IdPolicy.UUID)).isFalse();
    }

    @Test
    @DisplayName("ids order by their text, and only UUIDv7/v8 ids carry a timestamp")
    void idOrderAndTimestamps() {
      VconId low = VconId.of("00000000-0000-4000-8000-000000000000");
      VconId high = VconId.of("ffffffff-0000-4000-8000-000000000000");
      assertThat(low.compareTo(high)).isNegative();
      assertThat(high.compareTo(low)).isPositive();
      assertThat(low.compareTo(VconId.of(low.value()))).isZero();
      assertThat(low.embeddedTimestamp()).as("a UUIDv4 has no time in it").isEmpty();
      assertThat(VconId.of("019f159f-2cfb-7d95-8000-000000000000").embeddedTimestamp())
          .contains(Instant.parse("2026-06-29T23:03:01.115Z"));
      assertThat(VconId.of("019f159f-2cfb-8d95-8000-000000000000").embeddedTimestamp())
          .contains(Instant.parse("2026-06-29T23:03:01.115Z"));
      assertThat(VconId.of("SAMPLE-1", IdPolicy.TOKEN).embeddedTimestamp()).isEmpty();
    }

    @Test
    @DisplayName("the parser keeps its own copy, and its errors name the vCon and the problem")
    void parserCopiesAndExplains() {
      String id = newId();
      byte[] doc =
          SampleVcons.json(id, "2024-01-15T10:00:00Z", "").getBytes(StandardCharsets.UTF_8);
      byte[] original = doc.clone();
      Vcon parsed = Vcon.parse(doc);
      doc[doc.length - 2] = 'X';
      assertThat(parsed.bytes()).as("bytes after the caller changed its array").isEqualTo(original);

      assertThatThrownBy(() -> Vcon.parse(VconId.of(id), "[1]".getBytes(StandardCharsets.UTF_8)))
          .hasMessageStartingWith("Document for vCon " + id + " is an array");
      assertThatThrownBy(() -> Vcon.parse("[1]".getBytes(StandardCharsets.UTF_8)))
          .hasMessageStartingWith("Document is an array");
      assertThatThrownBy(() -> Vcon.parse(new byte[0]))
          .hasMessageStartingWith("Document is empty, not a JSON object");
      String deep = "{\"uuid\": \"" + id + "\", \"d\": " + "[".repeat(600) + "]".repeat(600) + "}";
      assertThatThrownBy(() -> Vcon.parse(deep.getBytes(StandardCharsets.UTF_8)))
          .hasMessageContaining("(max nesting depth ");
      byte[] badFirstByte = {(byte) 0xff, '{', '}'};
      assertThatThrownBy(() -> Vcon.parse(badFirstByte))
          .isInstanceOfSatisfying(
              InvalidVconException.class,
              e -> assertThat(e.reason()).isEqualTo(InvalidVconException.Reason.INVALID_ENCODING))
          .hasMessageContaining("not valid UTF-8 at byte 0");
    }

    @Test
    @DisplayName("parser limits that make no sense are configuration errors")
    void parserLimitsAreChecked() {
      assertThatThrownBy(() -> VconParser.builder().maxDocumentBytes(1).build())
          .isInstanceOf(StorageConfigurationException.class);
      assertThatThrownBy(() -> VconParser.builder().maxNestingDepth(0).build())
          .isInstanceOf(StorageConfigurationException.class);
      assertThatThrownBy(() -> VconParser.builder().idPolicy(null).build())
          .isInstanceOf(StorageConfigurationException.class);
      VconParser p =
          VconParser.builder()
              .maxDocumentBytes(2)
              .maxNestingDepth(1)
              .idPolicy(IdPolicy.TOKEN)
              .build();
      assertThat(p.toBuilder().build().maxDocumentBytes()).isEqualTo(2);
      assertThat(p.maxNestingDepth()).isEqualTo(1);
    }

    @Test
    @DisplayName("signed and encrypted containers without a top-level uuid are refused")
    void signedAndEncryptedAreRejected() {
      Fixtures.invalid()
          .values()
          .forEach(
              doc ->
                  assertThatThrownBy(() -> Vcon.parse(doc))
                      .isInstanceOf(InvalidVconException.class)
                      .hasMessageContaining("uuid"));
    }
  }

  @Nested
  @DisplayName("concurrency")
  class ConcurrencyTck {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    @DisplayName("threads saving distinct vCons all succeed")
    void distinctIdsInParallel() throws Exception {
      List<Vcon> all = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        all.add(vcon(newId(), "2024-03-" + String.format("%02d", 1 + i % 28) + "T10:00:00Z"));
      }
      runInParallel(
          8,
          all.stream()
              .map(
                  v ->
                      (Callable<Void>)
                          () -> {
                            store.put(v);
                            assertSameBytes(store.get(v.id()), v);
                            return null;
                          })
              .collect(Collectors.toList()));
      all.forEach(v -> assertSameBytes(store.get(v.id()), v));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    @DisplayName("threads writing and reading one id only ever see one complete version")
    void oneIdInParallel() throws Exception {
      String id = newId();
      List<Vcon> versions = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        versions.add(
            Vcon.parse(
                SampleVcons.json(
                        id, "2024-01-15T10:00:00Z", "version " + i + " " + "x".repeat(i * 500))
                    .getBytes(StandardCharsets.UTF_8)));
      }
      Set<String> expected = versions.stream().map(Vcon::text).collect(Collectors.toSet());
      List<Callable<Void>> tasks = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        Vcon v = versions.get(i % versions.size());
        tasks.add(
            () -> {
              store.put(v);
              store.get(v.id()).ifPresent(read -> assertThat(expected).contains(read.text()));
              return null;
            });
      }
      runInParallel(8, tasks);
      assertThat(expected).contains(store.get(VconId.of(id)).orElseThrow().text());
    }

    private void runInParallel(int threads, List<Callable<Void>> tasks) throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<Void>> futures = pool.invokeAll(tasks);
        for (Future<Void> f : futures) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Nested
  @DisplayName("declared capabilities")
  class CapabilitiesTck {

    @Test
    @DisplayName("an operation whose capability is not declared fails with a typed error")
    void undeclaredOperationsFailLoudly() {
      Vcon v = vcon("2024-01-15T10:00:00Z");
      Map<Capability, Runnable> operations =
          Map.of(
              Capability.LIST_BY_DATE,
                  () -> store.list(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 2)).close(),
              Capability.CONDITIONAL_WRITE, () -> store.putIfAbsent(v),
              Capability.BATCH_DELETE, () -> store.deleteAll(List.of(v.id())),
              Capability.RAW_OBJECTS, () -> store.rawObjects());
      for (Map.Entry<Capability, Runnable> op : operations.entrySet()) {
        if (!store.capabilities().contains(op.getKey())) {
          assertThatThrownBy(op.getValue()::run)
              .isInstanceOf(UnsupportedCapabilityException.class)
              .hasMessageContaining(store.name());
        }
      }
      if (!store.capabilities().contains(Capability.CONDITIONAL_WRITE)) {
        assertThat(store.exists(v.id())).as("an unsupported putIfAbsent wrote nothing").isFalse();
      }
    }

    @Test
    @DisplayName("the declared capabilities cannot be changed by callers")
    void capabilitiesAreImmutable() {
      Set<Capability> declared = store.capabilities();
      assertThatThrownBy(() -> declared.add(Capability.BATCH_DELETE))
          .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("the store names itself without secrets")
    void nameIsSafe() {
      assertThat(store.name())
          .isNotBlank()
          .doesNotContainIgnoringCase("secret")
          .doesNotContain("password");
    }
  }

  @Nested
  @DisplayName("list by date")
  class ListByDateTck {

    @BeforeEach
    void gate() {
      requires(Capability.LIST_BY_DATE);
    }

    @Test
    @DisplayName("lists the ids filed under a day, and no others")
    void listsOneDay() {
      Vcon a = vcon("1987-05-06T10:00:00+09:00");
      Vcon b = vcon("1987-05-06T23:59:59-11:00");
      Vcon c = vcon("1987-05-07T00:00:00Z");
      List.of(a, b, c).forEach(store::put);
      try (Stream<VconId> ids = store.list(LocalDate.of(1987, 5, 6), LocalDate.of(1987, 5, 6))) {
        Set<VconId> listed = ids.collect(Collectors.toSet());
        assertThat(listed).contains(a.id(), b.id()).doesNotContain(c.id());
      }
    }

    @Test
    @DisplayName("a range includes both ends")
    void rangeIsInclusive() {
      Vcon a = vcon("1987-06-01T10:00:00Z");
      Vcon b = vcon("1987-06-03T10:00:00Z");
      Vcon c = vcon("1987-06-04T10:00:00Z");
      List.of(a, b, c).forEach(store::put);
      try (Stream<VconId> ids = store.list(LocalDate.of(1987, 6, 1), LocalDate.of(1987, 6, 3))) {
        assertThat(ids.collect(Collectors.toSet())).contains(a.id(), b.id()).doesNotContain(c.id());
      }
    }

    @Test
    @DisplayName("a deleted vCon is no longer listed")
    void deletedIsNotListed() {
      Vcon a = vcon("1987-07-01T10:00:00Z");
      store.put(a);
      store.delete(a.id());
      try (Stream<VconId> ids = store.list(LocalDate.of(1987, 7, 1), LocalDate.of(1987, 7, 1))) {
        assertThat(ids.collect(Collectors.toSet())).doesNotContain(a.id());
      }
    }
  }

  @Nested
  @DisplayName("conditional write")
  class ConditionalWriteTck {

    @BeforeEach
    void gate() {
      requires(Capability.CONDITIONAL_WRITE);
    }

    @Test
    @DisplayName("putIfAbsent writes a new vCon")
    void writesNew() {
      Vcon v = vcon("2024-01-15T10:00:00Z");
      assertThat(store.putIfAbsent(v)).isTrue();
      assertSameBytes(store.get(v.id()), v);
    }

    @Test
    @DisplayName("putIfAbsent never replaces an existing vCon, even one filed under another day")
    void neverReplaces() {
      String id = newId();
      Vcon first = vcon(id, "2024-01-15T10:00:00Z");
      store.put(first);
      assertThat(store.putIfAbsent(vcon(id, "2024-01-15T10:00:00Z"))).isFalse();
      assertThat(store.putIfAbsent(vcon(id, "2025-02-02T10:00:00Z"))).isFalse();
      assertSameBytes(store.get(first.id()), first);
    }

    @Test
    @DisplayName(
        "putIfAbsent completes a save that stopped between object and pointer, and no other")
    void putIfAbsentCompletesItsOwnOrphan() {
      requiresLayout();
      KeyStrategy layout = expectedLayout();
      Vcon v = vcon("2024-01-15T10:00:00Z");
      backend.write(layout.objectKey(v.id(), LocalDate.of(2024, 1, 15)), v.bytes());
      // A store that finds objects without pointers (a directory store searching its tree) already
      // has it.
      boolean alreadyFound = store.exists(v.id());
      assertThat(store.putIfAbsent(v)).as("our own bytes, no pointer yet").isEqualTo(!alreadyFound);
      assertSameBytes(store.get(v.id()), v);

      String id = newId();
      Vcon theirs = vcon(id, "2024-01-15T10:00:00Z");
      Vcon ours =
          Vcon.parse(
              SampleVcons.json(id, "2024-01-15T10:00:00Z", "ours")
                  .getBytes(StandardCharsets.UTF_8));
      backend.write(layout.objectKey(theirs.id(), LocalDate.of(2024, 1, 15)), theirs.bytes());
      assertThat(store.putIfAbsent(ours)).as("another writer's object in flight").isFalse();
      assertThat(backend.read(layout.objectKey(theirs.id(), LocalDate.of(2024, 1, 15))))
          .hasValueSatisfying(b -> assertThat(b).isEqualTo(theirs.bytes()));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    @DisplayName(
        "of many threads racing putIfAbsent for one id, exactly one wins and its copy is stored")
    void exactlyOneWinnerUnderRace() throws Exception {
      for (int round = 0; round < 5; round++) {
        String id = newId();
        List<Vcon> contenders = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          // Different days, so the losers' objects would land at different keys: none may survive.
          contenders.add(vcon(id, String.format("2024-02-%02dT10:00:00Z", i + 1)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Boolean> wins = new ArrayList<>();
        try {
          for (Future<Boolean> f :
              pool.invokeAll(
                  contenders.stream()
                      .map(v -> (Callable<Boolean>) () -> store.putIfAbsent(v))
                      .toList())) {
            wins.add(f.get());
          }
        } finally {
          pool.shutdownNow();
        }
        assertThat(wins).as("winners in round %d", round).containsOnlyOnce(true);
        Vcon winner = contenders.get(wins.indexOf(true));
        assertSameBytes(store.get(winner.id()), winner);
        if (layoutCompatible()) {
          assertThat(
                  backend.list(expectedLayout().root()).stream()
                      .filter(k -> k.contains(id) && k.endsWith(".vcon")))
              .as("only the winner's object remains")
              .hasSize(1);
        }
      }
    }
  }

  @Nested
  @DisplayName("batch delete")
  class BatchDeleteTck {

    @BeforeEach
    void gate() {
      requires(Capability.BATCH_DELETE);
    }

    @Test
    @DisplayName("deleteAll removes every listed vCon and reports those that were there")
    void deletesMany() {
      List<Vcon> present = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        Vcon v = vcon("2024-01-1" + i + "T10:00:00Z");
        present.add(v);
        store.put(v);
      }
      Vcon kept = vcon("2024-01-15T10:00:00Z");
      store.put(kept);
      VconId absent = VconId.of(newId());
      List<VconId> ids = new ArrayList<>(present.stream().map(Vcon::id).toList());
      ids.add(absent);
      Set<VconId> deleted = store.deleteAll(ids);
      assertThat(deleted)
          .containsExactlyInAnyOrderElementsOf(present.stream().map(Vcon::id).toList());
      present.forEach(v -> assertThat(store.exists(v.id())).isFalse());
      assertSameBytes(store.get(kept.id()), kept);
      if (layoutCompatible()) {
        List<String> left =
            backend.list(expectedLayout().root()).stream()
                .filter(k -> present.stream().anyMatch(v -> k.contains(v.id().value())))
                .toList();
        assertThat(left).as("objects and pointers left behind by deleteAll").isEmpty();
      }
    }
  }

  @Nested
  @DisplayName("content hashes")
  class ContentHashTck {

    private final LocalDate day = LocalDate.of(2024, 1, 15);

    @BeforeEach
    void gate() {
      requires(Capability.CONTENT_HASH);
      requires(Capability.RAW_OBJECTS);
    }

    private String objectKey(Vcon v) {
      return expectedLayout().objectKey(v.id(), day);
    }

    @Test
    @DisplayName("a saved vCon's object carries the sha512- hash of its exact bytes")
    void recordsTheHashOfTheBytes() {
      Vcon v = vcon("2024-01-15T10:00:00Z");
      store.put(v);
      var stored = store.rawObjects().readStored(objectKey(v));
      assertThat(stored).isPresent();
      assertThat(stored.get().body()).isEqualTo(v.bytes());
      assertThat(stored.get().contentHash()).contains(ContentHash.sha512(v.bytes()));
      assertThat(stored.get().contentHash().get().value()).startsWith("sha512-").hasSize(7 + 86);
    }

    @Test
    @DisplayName("a write-once putIfAbsent records the hash too")
    void putIfAbsentRecordsTheHash() {
      requires(Capability.CONDITIONAL_WRITE);
      Vcon v = vcon("2024-01-15T10:00:00Z");
      assertThat(store.putIfAbsent(v)).isTrue();
      assertThat(store.rawObjects().readStored(objectKey(v)).flatMap(o -> o.contentHash()))
          .contains(ContentHash.sha512(v.bytes()));
    }

    @Test
    @DisplayName("an overwrite records the new bytes' hash, and get returns them")
    void overwriteRecordsTheNewHash() {
      String id = newId();
      Vcon first = vcon(id, "2024-01-15T10:00:00Z");
      Vcon second = vcon(id, "2024-01-15T11:00:00Z");
      store.put(first);
      store.put(second);
      assertThat(store.rawObjects().readStored(objectKey(second)).flatMap(o -> o.contentHash()))
          .contains(ContentHash.sha512(second.bytes()));
      assertSameBytes(store.get(second.id()), second);
    }

    @Test
    @DisplayName(
        "bytes altered at rest are refused by get with IntegrityException naming key, expected and"
            + " actual")
    void alteredBytesAreRefused() {
      Vcon v = vcon("2024-01-15T10:00:00Z");
      store.put(v);
      String text = new String(v.bytes(), StandardCharsets.UTF_8);
      // Same length, still valid JSON with the same uuid: only the hash can tell.
      byte[] altered = text.replace("\"subject\"", "\"Subject\"").getBytes(StandardCharsets.UTF_8);
      if (Arrays.equals(altered, v.bytes())) {
        altered = (text.substring(0, text.length() - 1) + " }").getBytes(StandardCharsets.UTF_8);
      }
      assumeThat(alterAtRest(store, objectKey(v), altered))
          .as("Skipping: this test does not override alterAtRest(store, key, body)")
          .isTrue();
      String expected = ContentHash.sha512(v.bytes()).value();
      String actual = ContentHash.sha512(altered).value();
      for (Callable<Optional<Vcon>> read :
          List.<Callable<Optional<Vcon>>>of(
              () -> store.get(v.id()), () -> store.get(v.id(), day))) {
        assertThatThrownBy(read::call)
            .isInstanceOfSatisfying(
                IntegrityException.class,
                e -> {
                  assertThat(e.key()).isEqualTo(objectKey(v));
                  assertThat(e.expected()).contains(expected);
                  assertThat(e.actual()).isEqualTo(actual);
                  assertThat(e.vconId()).contains(v.id().value());
                  assertThat(e.getMessage())
                      .contains(v.id().value())
                      .contains(objectKey(v))
                      .contains(expected)
                      .contains(actual);
                });
      }
      // The raw view still shows what is there, for verify and for a person to inspect.
      assertThat(store.rawObjects().readStored(objectKey(v)).map(o -> o.body())).contains(altered);
    }

    @Test
    @DisplayName("an object without a hash, as vcon-server writes it, still reads")
    void objectsWithoutHashStillRead() {
      Vcon v = vcon("2024-01-15T10:00:00Z");
      assumeThat(writeWithoutHash(store, objectKey(v), v.bytes()))
          .as("Skipping: this test does not override writeWithoutHash(store, key, body)")
          .isTrue();
      assertThat(store.rawObjects().readStored(objectKey(v)).flatMap(o -> o.contentHash()))
          .isEmpty();
      // No pointer was written (vcon-server's own S3 module writes one; its file module does not):
      // ask by day.
      assertSameBytes(store.get(v.id(), day), v);
    }

    @Test
    @DisplayName("a raw write (a repair) records the hash of the bytes it writes")
    void rawWritesRecordTheHash() {
      Vcon v = vcon("2024-01-15T10:00:00Z");
      store.rawObjects().write(objectKey(v), v.bytes());
      assertThat(store.rawObjects().readStored(objectKey(v)).flatMap(o -> o.contentHash()))
          .contains(ContentHash.sha512(v.bytes()));
      assertSameBytes(store.get(v.id(), day), v);
    }
  }

  @Nested
  @DisplayName("path-safe token ids (id_policy: token)")
  class TokenIdTck {
    private VconStore tokens;

    @BeforeEach
    void openTokenStore() {
      tokens = newTokenStore(clock);
      assumeThat(tokens)
          .as(
              "Skipping: newTokenStore(Clock) is not overridden, so "
                  + store.name()
                  + " is not run with id_policy: token")
          .isNotNull();
    }

    @AfterEach
    void closeTokenStore() {
      if (tokens != null) {
        tokens.close();
      }
    }

    private String token(String stem) {
      return stem + "-" + newId().substring(0, 8);
    }

    @Test
    @DisplayName("the store says it takes token ids")
    void declaresTokenPolicy() {
      assertThat(tokens.idPolicy()).isEqualTo(IdPolicy.TOKEN);
    }

    @Test
    @DisplayName("token ids such as abc123 and SAMPLE-1234-abcd-5678 are stored, found and deleted")
    void tokenIdsRoundTrip() {
      for (String stem : List.of("abc123", "SAMPLE-1234-abcd-5678", "a.b_c-D", "0")) {
        Vcon v = tokenVcon(token(stem));
        tokens.put(v);
        assertSameBytes(tokens.get(v.id()), v);
        assertSameBytes(tokens.get(v.id(), LocalDate.of(2024, 1, 15)), v);
        assertThat(tokens.exists(v.id())).isTrue();
        assertThat(tokens.get(VconId.of(v.id().value() + "x", IdPolicy.TOKEN))).isEmpty();
        assertThat(tokens.delete(v.id())).isTrue();
        assertThat(tokens.get(v.id())).isEmpty();
        assertThat(tokens.delete(v.id())).isFalse();
      }
    }

    @Test
    @DisplayName("a token shaped like a UUIDv7 is not read as a timestamp")
    void uuidLookingTokenHasNoTimestamp() {
      // Position 14 holds a '7', as in a UUIDv7: the store must still not read a timestamp out of
      // it.
      Vcon v = tokenVcon("SAMPLE-1234-ab7d-" + newId().substring(0, 8));
      tokens.put(v);
      assertSameBytes(tokens.get(v.id()), v);
      assertThat(tokens.delete(v.id())).isTrue();
    }

    @Test
    @DisplayName("UUID ids still work under id_policy token")
    void uuidsStillWork() {
      Vcon v = vcon("2024-01-15T10:00:00Z");
      tokens.put(v);
      assertSameBytes(tokens.get(v.id()), v);
      assertThat(tokens.delete(v.id())).isTrue();
    }

    @Test
    @DisplayName("a token id is listed under its day")
    void tokenIdsAreListed() {
      assumeThat(tokens.capabilities())
          .as("Skipping: no LIST_BY_DATE")
          .contains(Capability.LIST_BY_DATE);
      Vcon v = tokenVcon(token("abc123"));
      tokens.put(v);
      LocalDate day = LocalDate.of(2024, 1, 15);
      try (Stream<VconId> listed = tokens.list(day, day)) {
        assertThat(listed.toList()).contains(v.id());
      }
    }

    @Test
    @DisplayName("a token id is keyed YYYY/MM/DD/<id>.vcon with a pointer; the keys parse back")
    void tokenKeysFollowTheLayout() {
      assumeThat(tokens.capabilities())
          .as("Skipping: no RAW_OBJECTS")
          .contains(Capability.RAW_OBJECTS);
      Vcon v = tokenVcon(token("SAMPLE-1234-abcd-5678"));
      tokens.put(v);
      RawObjects raw = tokens.rawObjects();
      KeyStrategy layout = expectedLayout();
      String objectKey = layout.objectKey(v.id(), LocalDate.of(2024, 1, 15));
      assertThat(raw.read(objectKey)).hasValueSatisfying(b -> assertThat(b).isEqualTo(v.bytes()));
      assertThat(raw.read(layout.pointerKey(v.id())))
          .hasValueSatisfying(
              b -> assertThat(new String(b, StandardCharsets.US_ASCII)).isEqualTo("2024/01/15"));
      assertThat(raw.keys().parseObjectKey(objectKey).map(k -> k.id())).contains(v.id());
      assertThat(raw.keys().parsePointerKey(layout.pointerKey(v.id()))).contains(v.id());
    }

    @Test
    @DisplayName("putIfAbsent and deleteAll take token ids")
    void optionalOperationsTakeTokens() {
      Vcon a = tokenVcon(token("abc123"));
      Vcon b = tokenVcon(token("abc124"));
      if (tokens.capabilities().contains(Capability.CONDITIONAL_WRITE)) {
        assertThat(tokens.putIfAbsent(a)).isTrue();
        assertThat(tokens.putIfAbsent(a)).isFalse();
      } else {
        tokens.put(a);
      }
      tokens.put(b);
      if (tokens.capabilities().contains(Capability.BATCH_DELETE)) {
        assertThat(tokens.deleteAll(List.of(a.id(), b.id())))
            .containsExactlyInAnyOrder(a.id(), b.id());
      } else {
        assertThat(tokens.delete(a.id()) && tokens.delete(b.id())).isTrue();
      }
      assertThat(tokens.exists(a.id()) || tokens.exists(b.id())).isFalse();
    }
  }

  @Nested
  @DisplayName("vcon-server layout on the wire")
  class LayoutTck {

    private KeyStrategy layout;

    @BeforeEach
    void gate() {
      requiresLayout();
      layout = expectedLayout();
    }

    private List<String> keysOf(VconId id) {
      return backend.list(layout.root()).stream()
          .filter(k -> k.contains(id.value()))
          .collect(Collectors.toList());
    }

    private Optional<String> pointerOf(VconId id) {
      return backend.read(layout.pointerKey(id)).map(b -> new String(b, StandardCharsets.US_ASCII));
    }

    @Test
    @DisplayName(
        "the object sits at [prefix/]YYYY/MM/DD/<uuid>.vcon and the pointer holds the date path")
    void writesTheVconServerLayout() {
      Vcon v = vcon("2024-01-15T23:30:00-05:00");
      store.put(v);
      String objectKey = layout.objectKey(v.id(), LocalDate.of(2024, 1, 15));
      assertThat(backend.read(objectKey))
          .as("object at %s", objectKey)
          .hasValueSatisfying(b -> assertThat(b).isEqualTo(v.bytes()));
      assertThat(pointerOf(v.id())).contains("2024/01/15");
      assertThat(keysOf(v.id())).containsExactlyInAnyOrder(objectKey, layout.pointerKey(v.id()));
    }

    @Test
    @DisplayName("a vCon without created_at is filed under the save time's UTC date")
    void missingCreatedAtUsesSaveTime() {
      clock.set(Instant.parse("2025-12-31T23:59:59Z"));
      Vcon v = vcon(newId(), null);
      store.put(v);
      assertThat(backend.read(layout.objectKey(v.id(), LocalDate.of(2025, 12, 31)))).isPresent();
      assertThat(pointerOf(v.id())).contains("2025/12/31");
    }

    @Test
    @DisplayName("years below 1000 are written without padding, as Python does")
    void earlyYearsAreUnpadded() {
      Vcon v = vcon("0999-01-01T00:00:00Z");
      store.put(v);
      String key = layout.objectKey(v.id(), LocalDate.of(999, 1, 1));
      assertThat(key).startsWith(layout.root() + "999/01/01/");
      assertThat(keysOf(v.id())).contains(key);
    }

    @Test
    @DisplayName("every key the store writes stays under its prefix")
    void keysStayUnderPrefix() {
      Vcon v = vcon("2024-01-15T10:00:00Z");
      store.put(v);
      assertThat(backend.list("").stream().filter(k -> k.contains(v.id().value())))
          .isNotEmpty()
          .allMatch(k -> k.startsWith(layout.root()));
    }

    @Test
    @DisplayName("an overwrite with another date files the copy under the new date, pointed at")
    void overwriteMovesTheObject() {
      String id = newId();
      store.put(vcon(id, "2024-01-15T10:00:00Z"));
      Vcon moved = vcon(id, "2024-03-01T10:00:00+01:00");
      store.put(moved);
      assertThat(pointerOf(moved.id())).contains("2024/03/01");
      assertThat(backend.read(layout.objectKey(moved.id(), LocalDate.of(2024, 3, 1))))
          .hasValueSatisfying(b -> assertThat(b).isEqualTo(moved.bytes()));
    }

    @Test
    @DisplayName("delete removes both the object and the pointer")
    void deleteRemovesBoth() {
      Vcon v = vcon("2024-01-15T10:00:00Z");
      store.put(v);
      store.delete(v.id());
      assertThat(keysOf(v.id())).isEmpty();
    }

    @Test
    @DisplayName("objects and pointers written by vcon-server are read, pointer whitespace ignored")
    void readsWhatVconServerWrote() {
      Vcon v = vcon("2023-10-20T23:36:50.256+00:00");
      backend.write(layout.objectKey(v.id(), LocalDate.of(2023, 10, 20)), v.bytes());
      backend.write(layout.pointerKey(v.id()), " 2023/10/20\n".getBytes(StandardCharsets.US_ASCII));
      assertSameBytes(store.get(v.id()), v);
      assertThat(store.exists(v.id())).isTrue();
      assertThat(store.delete(v.id())).isTrue();
      assertThat(keysOf(v.id())).isEmpty();
    }

    @Test
    @DisplayName("a vCon vcon-server filed under a day is listed under that day")
    void listsWhatVconServerWrote() {
      requires(Capability.LIST_BY_DATE);
      Vcon v = vcon("1986-02-03T23:30:00-05:00");
      backend.write(layout.objectKey(v.id(), LocalDate.of(1986, 2, 3)), v.bytes());
      backend.write(layout.pointerKey(v.id()), "1986/02/03".getBytes(StandardCharsets.US_ASCII));
      try (Stream<VconId> ids = store.list(LocalDate.of(1986, 2, 3), LocalDate.of(1986, 2, 3))) {
        assertThat(ids.collect(Collectors.toSet())).contains(v.id());
      }
    }

    @Test
    @DisplayName("a flat legacy key without a pointer is found")
    void readsLegacyFlatKey() {
      Vcon v = vcon("2022-01-01T00:00:00Z");
      backend.write(layout.legacyFlatKey(v.id()), v.bytes());
      assertSameBytes(store.get(v.id()), v);
      assertThat(store.delete(v.id())).isTrue();
      assertThat(keysOf(v.id())).isEmpty();
    }

    @Test
    @DisplayName("a UUIDv8 object without a pointer is found from the date in its id")
    void readsTimeOrderedIdWithoutPointer() {
      // 0x019f159f2cfb ms = 2026-06-29T23:03:01.115Z, as in the draft's example ids.
      String id = "019f159f-2cfb-8d95-" + UUID.randomUUID().toString().substring(19);
      Vcon v = vcon(id, "2026-06-30T01:03:01+02:00");
      backend.write(layout.objectKey(v.id(), LocalDate.of(2026, 6, 30)), v.bytes());
      assertSameBytes(store.get(v.id()), v);
    }

    @Test
    @DisplayName("a pointer to a missing object is not an error: get is empty")
    void danglingPointerIsEmpty() {
      VconId id = VconId.of(newId());
      backend.write(layout.pointerKey(id), "2024/01/15".getBytes(StandardCharsets.US_ASCII));
      assertThat(store.get(id)).isEmpty();
      assertThat(store.exists(id)).isFalse();
    }

    @Test
    @DisplayName(
        "save, then read back under generated created_at values, at exactly the expected keys")
    void generatedDatesLandAtExpectedKeys() {
      property(
          "store layout",
          () ->
              qt(25)
                  .forAll(LayoutGenerators.timestamps())
                  .checkAssert(
                      ts -> {
                        Vcon v = vcon(ts.text());
                        store.put(v);
                        LocalDate day = ts.writtenDate();
                        assertThat(backend.read(layout.objectKey(v.id(), day))).isPresent();
                        assertThat(pointerOf(v.id())).contains(layout.pointerBody(day));
                        assertSameBytes(store.get(v.id()), v);
                      }));
    }
  }

  @Nested
  @DisplayName("text found in the store is read as strictly as text saved (ADRs 0019 to 0021)")
  class StoredTextTck {

    private RawObjects raw;
    private KeyStrategy layout;

    @BeforeEach
    void gate() {
      requires(Capability.RAW_OBJECTS);
      raw = store.rawObjects();
      layout = expectedLayout();
    }

    /** Puts {@code body} and its pointer under 2024/01/15 behind the store's back, as others could. */
    private VconId plant(String id, byte[] body) {
      VconId vconId = VconId.of(id);
      LocalDate day = LocalDate.of(2024, 1, 15);
      raw.write(layout.objectKey(vconId, day), body);
      byte[] pointer = layout.pointerBody(day).getBytes(StandardCharsets.US_ASCII);
      raw.write(layout.pointerKey(vconId), pointer);
      return vconId;
    }

    /** A stored object that is no vCon is the store's problem, not the caller's: reported as such. */
    private void refusedOnRead(VconId id, InvalidVconException.Reason reason) {
      Throwable thrown = catchThrowable(() -> store.get(id));
      assertThat(thrown).isInstanceOf(VconStorageException.class).hasMessageContaining(id.value());
      Throwable invalid = thrown;
      while (invalid != null && !(invalid instanceof InvalidVconException)) {
        invalid = invalid.getCause();
      }
      assertThat(invalid)
          .as("an InvalidVconException in the cause chain of %s", thrown)
          .isInstanceOfSatisfying(
              InvalidVconException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    @DisplayName("a UTF-16 or UTF-32 object is refused on read, not handed out")
    void otherEncodingsAreRefused() {
      for (String charset : List.of("UTF-16LE", "UTF-16", "UTF-32BE")) {
        String id = newId();
        byte[] body =
            SampleVcons.json(id, "2024-01-15T10:00:00Z", charset)
                .getBytes(Charset.forName(charset));
        refusedOnRead(plant(id, body), InvalidVconException.Reason.INVALID_ENCODING);
      }
    }

    @Test
    @DisplayName("an object with a duplicate key at any depth is refused on read")
    void duplicateKeysAreRefused() {
      String id = newId();
      String body =
          "{\"uuid\": \""
              + id
              + "\", \"created_at\": \"2024-01-15T10:00:00Z\", "
              + "\"parties\": [{\"tel\": \"+15551230001\", \"tel\": \"+15559990002\"}]}";
      refusedOnRead(
          plant(id, body.getBytes(StandardCharsets.UTF_8)),
          InvalidVconException.Reason.DUPLICATE_FIELD);
    }

    @Test
    @DisplayName("an object starting with a UTF-8 byte-order mark reads as the JSON text after it")
    void byteOrderMarkIsDropped() {
      String id = newId();
      String json = SampleVcons.json(id, "2024-01-15T10:00:00Z", "bom");
      VconId planted = plant(id, ("\uFEFF" + json).getBytes(StandardCharsets.UTF_8));
      assertThat(store.get(planted))
          .hasValueSatisfying(
              v -> assertThat(v.bytes()).isEqualTo(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @DisplayName("a created_at with RFC 3339's lower-case t and z files under the date as written")
    void lowerCaseTAndZ() {
      Vcon v = vcon("2024-01-15t23:30:00z");
      store.put(v);
      assertThat(raw.read(layout.objectKey(v.id(), LocalDate.of(2024, 1, 15)))).isPresent();
      assertSameBytes(store.get(v.id()), v);
    }
  }

  @Nested
  @DisplayName("raw objects")
  class RawObjectsTck {

    private RawObjects raw;
    private KeyStrategy layout;

    @BeforeEach
    void gate() {
      requires(Capability.RAW_OBJECTS);
      raw = store.rawObjects();
      layout = expectedLayout();
    }

    @Test
    @DisplayName("the raw view names the layout's keys and reads what the backend holds")
    void readsWhatTheBackendHolds() {
      Vcon v = vcon("2024-01-15T10:00:00Z");
      store.put(v);
      String objectKey = layout.objectKey(v.id(), LocalDate.of(2024, 1, 15));
      assertThat(raw.keys().objectKey(v.id(), LocalDate.of(2024, 1, 15))).isEqualTo(objectKey);
      assertThat(raw.keys().pointerKey(v.id())).isEqualTo(layout.pointerKey(v.id()));
      assertThat(raw.read(objectKey)).hasValueSatisfying(b -> assertThat(b).isEqualTo(v.bytes()));
      assertThat(raw.readStored(objectKey).map(o -> o.body()))
          .hasValueSatisfying(b -> assertThat(b).isEqualTo(v.bytes()));
      assertThat(raw.read(layout.pointerKey(v.id())).map(b -> new String(b, US_ASCII)))
          .contains("2024/01/15");
      if (layoutCompatible()) {
        assertThat(backend.read(objectKey))
            .hasValueSatisfying(b -> assertThat(b).isEqualTo(v.bytes()));
      }
    }

    @Test
    @DisplayName("a raw listing returns only keys under the asked prefix")
    void rawListingHonoursThePrefix() {
      Vcon a = vcon("2024-01-15T10:00:00Z");
      Vcon b = vcon("2024-01-16T10:00:00Z");
      store.put(a);
      store.put(b);
      String dayPrefix = layout.dayPrefix(LocalDate.of(2024, 1, 15));
      try (Stream<String> keys = raw.list(dayPrefix)) {
        List<String> listed = keys.toList();
        assertThat(listed)
            .allMatch(k -> k.startsWith(dayPrefix))
            .contains(layout.objectKey(a.id(), LocalDate.of(2024, 1, 15)))
            .doesNotContain(layout.objectKey(b.id(), LocalDate.of(2024, 1, 16)));
      }
    }

    @Test
    @DisplayName("a raw write and delete (a repair) reach the backend at exactly that key")
    void rawWritesReachTheBackend() {
      Vcon v = vcon("2024-01-15T10:00:00Z");
      String objectKey = layout.objectKey(v.id(), LocalDate.of(2024, 1, 15));
      raw.write(objectKey, v.bytes());
      raw.write(layout.pointerKey(v.id()), "2024/01/15".getBytes(StandardCharsets.US_ASCII));
      if (layoutCompatible()) {
        assertThat(backend.read(objectKey))
            .hasValueSatisfying(b -> assertThat(b).isEqualTo(v.bytes()));
      }
      assertSameBytes(store.get(v.id()), v);
      raw.delete(objectKey);
      raw.delete(layout.pointerKey(v.id()));
      assertThat(raw.read(objectKey)).isEmpty();
      assertThat(store.exists(v.id())).isFalse();
      if (layoutCompatible()) {
        assertThat(backend.read(objectKey)).isEmpty();
      }
    }
  }
}
