package io.vcon.storage.tck;

import static io.vcon.storage.tck.LayoutGenerators.days;
import static io.vcon.storage.tck.LayoutGenerators.ids;
import static io.vcon.storage.tck.LayoutGenerators.prefixes;
import static io.vcon.storage.tck.LayoutGenerators.timestamps;
import static io.vcon.storage.tck.Properties.property;
import static io.vcon.storage.tck.Properties.qt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vcon.storage.api.CreatedAt;
import io.vcon.storage.api.InvalidVconException;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.key.DatePath;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.api.key.StoredKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;

/**
 * The properties every {@link KeyStrategy} must have, checked over generated ids, days, prefixes and
 * timestamps with QuickTheories (fixed seed {@link Properties#SEED}), plus vcon-server's date rules by example.
 *
 * <p>To check a strategy, extend this class in a test and return it for a prefix:
 *
 * <pre>{@code
 * class MyKeyStrategyTest extends KeyStrategyContract {
 *   protected KeyStrategy strategyFor(String prefix) { return new MyKeyStrategy(prefix); }
 * }
 * }</pre>
 */
public abstract class KeyStrategyContract {

  private static final int EXAMPLES = 2_000;

  /** The strategy under test, configured with {@code prefix} (null or empty for none). */
  protected abstract KeyStrategy strategyFor(String prefix);

  private record Filed(VconId id, LocalDate day) {}

  private static Gen<Filed> filed() {
    return ids().zip(days(), Filed::new);
  }

  /** vcon-server's root for a prefix: nothing, or the prefix with trailing slashes removed, then "/". */
  private static String rstrip(String prefix) {
    if (prefix == null) {
      return "";
    }
    int end = prefix.length();
    while (end > 0 && prefix.charAt(end - 1) == '/') {
      end--;
    }
    return prefix.substring(0, end);
  }

  @Nested
  @DisplayName("key properties")
  class KeyPropertiesTck {

    @Test
    @DisplayName("two different (id, day) pairs never share an object key")
    void objectKeysAreInjective() {
      property(
          "injective",
          () ->
              qt(EXAMPLES)
                  .forAll(prefixes(), filed(), filed())
                  .checkAssert(
                      (prefix, a, b) -> {
                        KeyStrategy s = strategyFor(prefix);
                        String keyA = s.objectKey(a.id(), a.day());
                        assertThat(s.objectKey(a.id(), a.day()))
                            .as("deterministic")
                            .isEqualTo(keyA);
                        if (!a.equals(b)) {
                          assertThat(s.objectKey(b.id(), b.day())).isNotEqualTo(keyA);
                        }
                        if (!a.id().equals(b.id())) {
                          assertThat(s.pointerKey(b.id())).isNotEqualTo(s.pointerKey(a.id()));
                        }
                        if (!a.day().equals(b.day())) {
                          assertThat(s.objectKey(b.id(), b.day()))
                              .doesNotStartWith(s.dayPrefix(a.day()));
                        }
                      }));
    }

    @Test
    @DisplayName("every key stays under the configured prefix")
    void keysStayUnderThePrefix() {
      property(
          "prefix-contained",
          () ->
              qt(EXAMPLES)
                  .forAll(prefixes(), filed())
                  .checkAssert(
                      (prefix, f) -> {
                        KeyStrategy s = strategyFor(prefix);
                        String stripped = rstrip(prefix);
                        assertThat(s.root()).startsWith(stripped);
                        if (prefix != null && !prefix.isEmpty()) {
                          assertThat(s.root()).isEqualTo(stripped + "/");
                        }
                        assertThat(s.objectKey(f.id(), f.day())).startsWith(s.root());
                        assertThat(s.pointerKey(f.id())).startsWith(s.root());
                        assertThat(s.dayPrefix(f.day())).startsWith(s.root()).endsWith("/");
                        assertThat(s.objectKey(f.id(), f.day())).startsWith(s.dayPrefix(f.day()));
                        assertThat(s.pointerKey(f.id())).startsWith(s.pointerPrefix());
                      }));
    }

    @Test
    @DisplayName("object keys parse back to the id and day that made them")
    void objectKeysParseBack() {
      property(
          "parse back",
          () ->
              qt(EXAMPLES)
                  .forAll(prefixes(), filed())
                  .checkAssert(
                      (prefix, f) -> {
                        KeyStrategy s = strategyFor(prefix);
                        StoredKey parsed =
                            s.parseObjectKey(s.objectKey(f.id(), f.day())).orElseThrow();
                        assertThat(parsed.id()).isEqualTo(f.id());
                        assertThat(parsed.day()).contains(f.day());
                        assertThat(parsed)
                            .isEqualTo(StoredKey.dated(f.id(), f.day()))
                            .isNotEqualTo(StoredKey.flat(f.id()));
                        assertThat(
                                s.parseObjectKey(s.legacyFlatKey(f.id())).flatMap(StoredKey::day))
                            .isEmpty();
                        assertThat(s.parseObjectKey(s.legacyFlatKey(f.id())))
                            .contains(StoredKey.flat(f.id()));
                        assertThat(s.parsePointerKey(s.pointerKey(f.id()))).contains(f.id());
                        assertThat(s.parsePointerKey(s.objectKey(f.id(), f.day()))).isEmpty();
                        assertThat(s.parseObjectKey(s.pointerKey(f.id()))).isEmpty();
                      }));
    }

    @Test
    @DisplayName("keys of other shapes are not mistaken for vCon keys")
    void otherShapesDoNotParse() {
      property(
          "foreign keys",
          () ->
              qt(EXAMPLES / 4)
                  .forAll(prefixes(), filed())
                  .checkAssert(
                      (prefix, f) -> {
                        KeyStrategy s = strategyFor(prefix);
                        String id = f.id().value();
                        assertThat(s.parseObjectKey(s.root() + "0999/01/01/" + id + ".vcon"))
                            .isEmpty();
                        assertThat(s.parseObjectKey(s.root() + "2024/1/15/" + id + ".vcon"))
                            .isEmpty();
                        assertThat(s.parseObjectKey(s.root() + "2024/01/15/sub/" + id + ".vcon"))
                            .isEmpty();
                        assertThat(s.parseObjectKey(s.root() + "2024/01/15/bad id.vcon")).isEmpty();
                        assertThat(s.parseObjectKey(s.root() + "2024/01/15/" + id + ".json"))
                            .isEmpty();
                        assertThat(s.parsePointerKey(s.pointerPrefix() + "a/" + id + ".txt"))
                            .isEmpty();
                        assertThat(s.parsePointerKey(s.pointerPrefix() + ".." + ".txt")).isEmpty();
                      }));
    }

    @Test
    @DisplayName("the date path is the date written in created_at, whatever its offset")
    void datePathIsTheWrittenDate() {
      property(
          "written date",
          () ->
              qt(EXAMPLES)
                  .forAll(prefixes(), ids(), timestamps())
                  .checkAssert(
                      (prefix, id, ts) -> {
                        KeyStrategy s = strategyFor(prefix);
                        LocalDate day = CreatedAt.parse(ts.text()).localDate();
                        CreatedAt parsed = CreatedAt.parse(ts.text());
                        assertThat(day).as(ts.text()).isEqualTo(ts.writtenDate());
                        assertThat(parsed.localDateTime()).as(ts.text()).isEqualTo(ts.written());
                        if (ts.offsetSeconds() == null) {
                          assertThat(parsed.offsetSeconds()).as(ts.text()).isEmpty();
                        } else {
                          assertThat(parsed.offsetSeconds())
                              .as(ts.text())
                              .hasValue(ts.offsetSeconds());
                          assertThat(parsed.instant())
                              .contains(
                                  ts.written()
                                      .toInstant(ZoneOffset.ofTotalSeconds(ts.offsetSeconds())));
                        }
                        assertThat(s.objectKey(id, day))
                            .contains(DatePath.format(ts.writtenDate()) + "/");
                        assertThat(s.parseObjectKey(s.objectKey(id, day)).flatMap(StoredKey::day))
                            .contains(ts.writtenDate());
                      }));
    }

    @Test
    @DisplayName("the pointer body is the ASCII date path, read back with whitespace around it")
    void pointerBodyIsTheDatePath() {
      property(
          "pointer body",
          () ->
              qt(EXAMPLES)
                  .forAll(prefixes(), days())
                  .checkAssert(
                      (prefix, day) -> {
                        KeyStrategy s = strategyFor(prefix);
                        String body = s.pointerBody(day);
                        assertThat(body).isEqualTo(DatePath.format(day));
                        assertThat(body.getBytes(StandardCharsets.US_ASCII)).hasSize(body.length());
                        assertThat(body).doesNotContain("\n").startsWith(day.getYear() + "/");
                        assertThat(s.parsePointerBody(body)).contains(day);
                        assertThat(s.parsePointerBody(" " + body + "\r\n")).contains(day);
                      }));
    }
  }

  @Nested
  @DisplayName("vcon-server's date rules, by example")
  class DateRulesTck {

    @ParameterizedTest(name = "{0} is filed under {1}")
    @CsvSource({
      "2024-01-15T23:30:00-05:00, 2024/01/15",
      "2024-01-15T00:30:00+14:00, 2024/01/15",
      "2024-01-15T10:00:00, 2024/01/15",
      "2024-01-15T10:00:00Z, 2024/01/15",
      "2024-01-15T10:00:00.123Z, 2024/01/15",
      "2024-01-15T10:00:00.123456789+00:00, 2024/01/15",
      "2024-01-15T10:00:00.1-0330, 2024/01/15",
      "2024-01-15 10:00:00+01:00, 2024/01/15",
      "2024-01-15, 2024/01/15",
      "20240115T100000Z, 2024/01/15",
      "2024-02-29T23:59:59-12:00, 2024/02/29",
      "2023-12-31T23:59:59.999999+14:00, 2023/12/31",
      "0999-01-01T00:00:00Z, 999/01/01",
      "0001-01-01, 1/01/01",
      "2024-W03-1, 2024/01/15",
      "2024W037, 2024/01/21",
      "2020-W53-7T10:00:00Z, 2021/01/03",
      "2024-01-15T10, 2024/01/15",
      "2020-W53-1, 2020/12/28",
      "2024-01-15T10:00:00+23:59:59, 2024/01/15",
      "2024-01-15T10:00:00-18:00, 2024/01/15",
      "2026-06-29T23:03:01.095+00:00, 2026/06/29"
    })
    void filesUnderTheWrittenDate(String createdAt, String datePath) {
      KeyStrategy s = strategyFor("vcons");
      CreatedAt parsed = CreatedAt.parse(createdAt);
      assertThat(s.pointerBody(parsed.localDate())).isEqualTo(datePath);
      assertThat(parsed.text()).isEqualTo(createdAt);
      assertThat(parsed)
          .hasToString(createdAt)
          .isEqualTo(CreatedAt.parse(createdAt))
          .hasSameHashCodeAs(CreatedAt.parse(createdAt));
    }

    @ParameterizedTest(name = "{0} has offset {1} s, instant {2}")
    @CsvSource({
      "2024-01-15T10:00:00+05:30:15, 19815, 2024-01-15T04:29:45Z",
      "2024-01-15T10:00:00-18:00, -64800, 2024-01-16T04:00:00Z",
      "2024-01-15T10:00:00+18:00, 64800, 2024-01-14T16:00:00Z",
      "2024-01-15T10:00:00+18:01, 64860, ",
      "2024-01-15T10:00:00Z, 0, 2024-01-15T10:00:00Z"
    })
    void keepsTheOffset(String createdAt, int offsetSeconds, Instant instant) {
      CreatedAt parsed = CreatedAt.parse(createdAt);
      assertThat(parsed.offsetSeconds()).hasValue(offsetSeconds);
      if (instant == null) {
        assertThat(parsed.instant()).as("beyond what java.time can represent").isEmpty();
      } else {
        assertThat(parsed.instant()).contains(instant);
      }
      assertThat(parsed).isNotEqualTo(CreatedAt.parse("2024-01-15"));
    }

    @ParameterizedTest(name = "{0} is rejected")
    @ValueSource(
        strings = {
          "yesterday",
          "2024-13-01",
          "2024-02-30T00:00:00Z",
          "2023-02-29",
          "2024-01-15T24:00:00",
          "2024-01-15T10:60:00",
          "2024-01-15T10:00:00+24:00",
          "2024-01-15T10:00:00 PST",
          "0000-01-01",
          "2024-1-5",
          "1705312800",
          "2024-W54-1",
          "2024-W01-8",
          "2024-01-15T",
          "2024-01-15T10:00:00+5",
          "2021-W53-1",
          "2024-W00-1",
          "2024-W01-0",
          // CPython 3.11 takes "+10:60" as +11:00 and "+10:00:60" as +10:01 (ADR 0023), so they are
          // read here
          "2024-01-15T10:00:00+24:00:00",
          "2024-01-15T10:00:00-99:00"
        })
    void rejectsWhatFromisoformatRejects(String createdAt) {
      assertThatThrownBy(() -> CreatedAt.parse(createdAt, "the-vcon"))
          .isInstanceOfSatisfying(
              InvalidVconException.class,
              e -> assertThat(e.reason()).isEqualTo(InvalidVconException.Reason.INVALID_CREATED_AT))
          .hasMessageContaining("created_at of vCon the-vcon")
          .hasMessageContaining(createdAt);
    }
  }
}
