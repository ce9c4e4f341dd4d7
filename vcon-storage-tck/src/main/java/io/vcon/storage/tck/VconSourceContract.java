package io.vcon.storage.tck;

import static io.vcon.storage.tck.SampleVcons.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vcon.storage.api.InvalidVconException;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link VconSource} must have. Extend it, return a source from {@link #newSource()} and
 * put raw documents into its backing store in {@link #seed(String, byte[])} — as another process (vcon-server)
 * would, without validation, so the kit can also hand the source bad documents.
 *
 * <pre>{@code
 * class MySourceContractTest extends VconSourceContract {
 *   protected VconSource newSource() { return MySource.create(config); }
 *   protected void seed(String id, byte[] document) {
 *     backing.put("vcon:" + id, document);                    // the document, as is
 *     createdAt(document).ifPresent(t -> index.add(id, t));   // its creation-time entry
 *   }
 * }
 * }</pre>
 */
public abstract class VconSourceContract {

  protected VconSource source;

  /** A source to test; it may share a server with other tests (ids are fresh per test). */
  protected abstract VconSource newSource();

  /**
   * Writes {@code document} under {@code id} as the backing system would, including any index of
   * creation times it keeps (for a document whose {@code created_at} can be read). Documents may be
   * invalid (not JSON, another uuid): write them anyway, as another process could, so the kit sees
   * the source refuse them.
   */
  protected abstract void seed(String id, byte[] document);

  /**
   * The bytes the backing system holds for a document seeded under {@code id}: {@code seeded}
   * itself (the default), or the system's own serialization where it normalizes JSON (RedisJSON);
   * the source must return exactly these.
   */
  protected byte[] storedForm(String id, byte[] seeded) {
    return seeded;
  }

  @BeforeEach
  void openSource() {
    source = newSource();
  }

  @AfterEach
  void closeSource() {
    if (source != null) {
      source.close();
    }
  }

  private String seedVcon(String createdAt) {
    String id = newId();
    seed(id, SampleVcons.json(id, createdAt, "").getBytes(StandardCharsets.UTF_8));
    return id;
  }

  @Nested
  @DisplayName("read")
  class ReadTck {

    @Test
    @DisplayName("every real fixture reads back byte for byte")
    void readsFixturesExactly() {
      for (byte[] fixture : Fixtures.valid().values()) {
        String original = Vcon.parse(fixture).id().value();
        String id = newId();
        byte[] doc =
            new String(fixture, StandardCharsets.UTF_8)
                .replace(original, id)
                .getBytes(StandardCharsets.UTF_8);
        seed(id, doc);
        byte[] stored = storedForm(id, doc);
        assertThat(source.read(VconId.of(id)))
            .hasValueSatisfying(v -> assertThat(v.bytes()).isEqualTo(stored));
      }
    }

    @Test
    @DisplayName("an id the source does not hold is empty")
    void absentIsEmpty() {
      assertThat(source.read(VconId.of(newId()))).isEmpty();
    }

    @Test
    @DisplayName("a document with another uuid under the id is refused, naming both")
    void mismatchIsRefused() {
      String id = newId();
      String other = newId();
      seed(
          id, SampleVcons.json(other, "2024-01-15T10:00:00Z", "").getBytes(StandardCharsets.UTF_8));
      assertThatThrownBy(() -> source.read(VconId.of(id)))
          .isInstanceOf(InvalidVconException.class)
          .hasMessageContaining(id)
          .hasMessageContaining(other);
    }

    @Test
    @DisplayName("a document that is not JSON is refused with a typed error")
    void garbageIsRefused() {
      String id = newId();
      seed(id, "{\"uuid\": \"".concat(id).concat("\", ").getBytes(StandardCharsets.UTF_8));
      assertThatThrownBy(() -> source.read(VconId.of(id))).isInstanceOf(InvalidVconException.class);
    }

    @Test
    @DisplayName("the source names itself without secrets")
    void nameIsSafe() {
      assertThat(source.name())
          .isNotBlank()
          .doesNotContain("password")
          .doesNotContainPattern("://[^/@]*:[^/@]*@");
    }
  }

  @Nested
  @DisplayName("listing")
  class ListTck {

    @Test
    @DisplayName("ids() includes every seeded vCon")
    void listsAll() {
      String a = seedVcon("2024-01-15T10:00:00Z");
      String b = seedVcon("2024-01-16T10:00:00Z");
      try (Stream<VconId> ids = source.ids()) {
        assertThat(ids.map(VconId::value).collect(Collectors.toSet())).contains(a, b);
      }
    }

    @Test
    @DisplayName("idsCreatedBetween is a half-open range over created_at")
    void listsByCreationTime() {
      Map<String, String> ids =
          Map.of(
              "before", seedVcon("1999-12-31T23:59:59Z"),
              "first", seedVcon("2000-01-01T00:00:00Z"),
              "inside", seedVcon("2000-01-01T12:00:00+05:00"),
              "end", seedVcon("2000-01-02T00:00:00Z"));
      try (Stream<VconId> listed =
          source.idsCreatedBetween(
              Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("2000-01-02T00:00:00Z"))) {
        Set<String> found = listed.map(VconId::value).collect(Collectors.toSet());
        assertThat(found).contains(ids.get("first"), ids.get("inside"));
        assertThat(found).doesNotContain(ids.get("before"), ids.get("end"));
      }
    }
  }
}
