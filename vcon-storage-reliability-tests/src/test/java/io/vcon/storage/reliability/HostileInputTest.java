package io.vcon.storage.reliability;

import static io.vcon.storage.tck.Properties.property;
import static io.vcon.storage.tck.Properties.qt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import io.vcon.storage.api.CreatedAt;
import io.vcon.storage.api.IdPolicy;
import io.vcon.storage.api.InvalidVconException;
import io.vcon.storage.api.InvalidVconException.Reason;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconParser;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.fs.FsVconStoreProvider;
import io.vcon.storage.inmemory.InMemoryVconStoreProvider;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.tck.Fixtures;
import io.vcon.storage.tck.SampleVcons;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.quicktheories.core.Gen;

/**
 * Hostile input: for any id text, date text or document bytes, the library answers with a valid value or an
 * {@link InvalidVconException} with a reason, before any I/O; no other exception type escapes, and nothing is
 * written. Properties run QuickTheories with the kit's fixed seed (ADR 0005: not jqwik).
 */
class HostileInputTest {

  private static final VconParser SMALL =
      VconParser.builder().maxDocumentBytes(64 * 1024).maxNestingDepth(64).build();

  // ------------------------------------------------------------------ generators

  /** Arbitrary JSON text: random trees of objects, arrays, strings (with escapes), numbers, literals. */
  static Gen<String> jsonTrees() {
    return integers().between(0, Integer.MAX_VALUE).map(seed -> json(new Random(seed), 0));
  }

  private static String json(Random r, int depth) {
    int kind = depth > 5 ? 2 + r.nextInt(4) : r.nextInt(6);
    switch (kind) {
      case 0:
        {
          StringBuilder o = new StringBuilder("{");
          int n = r.nextInt(5);
          for (int i = 0; i < n; i++) {
            String key =
                r.nextInt(4) == 0 ? (r.nextBoolean() ? "uuid" : "created_at") : "k" + r.nextInt(10);
            o.append(i == 0 ? "" : ",")
                .append('"')
                .append(key)
                .append("\":")
                .append(json(r, depth + 1));
          }
          return o.append('}').toString();
        }
      case 1:
        {
          StringBuilder a = new StringBuilder("[");
          int n = r.nextInt(5);
          for (int i = 0; i < n; i++) {
            a.append(i == 0 ? "" : ",").append(json(r, depth + 1));
          }
          return a.append(']').toString();
        }
      case 2:
        {
          String[] pieces = {
            "a",
            "\\n",
            "\\u00e9",
            "\\ud83d\\ude00",
            "\\\"",
            "é",
            "📞",
            "2024-01-15T10:00:00Z",
            SampleVcons.newId(),
            "../",
            "\\u0000",
            " "
          };
          StringBuilder s = new StringBuilder("\"");
          int n = r.nextInt(4);
          for (int i = 0; i < n; i++) {
            s.append(pieces[r.nextInt(pieces.length)]);
          }
          return s.append('"').toString();
        }
      case 3:
        return String.valueOf(r.nextInt(2) == 0 ? r.nextInt() : r.nextDouble() * 1e10);
      case 4:
        return new String[] {"true", "false", "null"}[r.nextInt(3)];
      default:
        return "{\"uuid\":\""
            + SampleVcons.newId()
            + "\",\"created_at\":"
            + json(r, depth + 1)
            + "}";
    }
  }

  /** Mutations of real fixtures: flipped bytes, cut tails, inserted junk. */
  static Gen<byte[]> mutatedFixtures() {
    List<byte[]> fixtures = new ArrayList<>(Fixtures.valid().values());
    return integers()
        .between(0, Integer.MAX_VALUE)
        .map(
            seed -> {
              Random r = new Random(seed);
              byte[] doc = fixtures.get(r.nextInt(fixtures.size())).clone();
              switch (r.nextInt(4)) {
                case 0 -> doc[r.nextInt(doc.length)] = (byte) r.nextInt(256);
                case 1 -> doc = Arrays.copyOf(doc, r.nextInt(doc.length));
                case 2 -> {
                  byte[] junk = new byte[1 + r.nextInt(8)];
                  r.nextBytes(junk);
                  int at = r.nextInt(doc.length);
                  byte[] out = new byte[doc.length + junk.length];
                  System.arraycopy(doc, 0, out, 0, at);
                  System.arraycopy(junk, 0, out, at, junk.length);
                  System.arraycopy(doc, at, out, at + junk.length, doc.length - at);
                  doc = out;
                }
                default -> {}
              }
              return doc;
            });
  }

  static Gen<byte[]> randomBytes() {
    return lists()
        .of(integers().between(0, 255))
        .ofSizeBetween(0, 300)
        .map(
            l -> {
              byte[] b = new byte[l.size()];
              for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (int) l.get(i);
              }
              return b;
            });
  }

  // ------------------------------------------------------------------ properties

  /** The one rule: a valid Vcon, or InvalidVconException with a reason and a message; nothing else. */
  private static void validOrInvalid(byte[] document) {
    try {
      Vcon v = SMALL.parse(document);
      assertThat(v.bytes()).isEqualTo(document);
    } catch (InvalidVconException e) {
      assertThat(e.reason()).isNotNull();
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Test
  @DisplayName(
      "any string is a valid id or an InvalidVconException(INVALID_ID), under both id policies")
  void idParsing() {
    property(
        "ids",
        () ->
            qt(2_000)
                .forAll(strings().allPossible().ofLengthBetween(0, 200))
                .checkAssert(
                    text -> {
                      for (IdPolicy policy : IdPolicy.values()) {
                        try {
                          VconId id = VconId.of(text, policy);
                          assertThat(id.value())
                              .doesNotContain("/", "\\", "..", "\0")
                              .isEqualTo(text);
                        } catch (InvalidVconException e) {
                          assertThat(e.reason()).isEqualTo(Reason.INVALID_ID);
                        }
                      }
                    }));
  }

  @Test
  @DisplayName("any string is a created_at or an InvalidVconException(INVALID_CREATED_AT)")
  void dateParsing() {
    Gen<String> dateLike = strings().betweenCodePoints('+', 'Z').ofLengthBetween(0, 40);
    property(
        "dates",
        () ->
            qt(3_000)
                .forAll(strings().allPossible().ofLengthBetween(0, 60).mix(dateLike, 70))
                .checkAssert(
                    text -> {
                      try {
                        assertThat(CreatedAt.parse(text, "x").toString()).isNotNull();
                      } catch (InvalidVconException e) {
                        assertThat(e.reason()).isEqualTo(Reason.INVALID_CREATED_AT);
                      }
                    }));
  }

  @Test
  @DisplayName(
      "any JSON tree, random bytes or mutated fixture is a valid vCon or an InvalidVconException")
  void documentValidation() {
    property(
        "json trees",
        () ->
            qt(2_000)
                .forAll(jsonTrees())
                .checkAssert(t -> validOrInvalid(t.getBytes(StandardCharsets.UTF_8))));
    property(
        "random bytes",
        () -> qt(2_000).forAll(randomBytes()).checkAssert(HostileInputTest::validOrInvalid));
    property(
        "mutated fixtures",
        () -> qt(1_000).forAll(mutatedFixtures()).checkAssert(HostileInputTest::validOrInvalid));
    property(
        "random strings",
        () ->
            qt(1_000)
                .forAll(strings().allPossible().ofLengthBetween(0, 100))
                .checkAssert(t -> validOrInvalid(t.getBytes(StandardCharsets.UTF_8))));
  }

  // ------------------------------------------------------------------ corpus

  static Stream<String> hostileIds() {
    return Stream.of(
        "../../etc/passwd",
        "..",
        ".",
        "a/b",
        "/abs",
        "a\\b",
        "..\\..\\win",
        "%2e%2e%2fetc",
        "%2e%2e",
        "a%2Fb",
        "x\0y",
        "\0",
        "",
        " ",
        "a b",
        "a\u2215b" /* division slash */,
        "a\uFF0Fb" /* fullwidth solidus */,
        "\uFF0E\uFF0E" /* fullwidth full stops */,
        "a\u2044b" /* fraction slash */,
        "a\u29F8b",
        "ａｂｃ",
        "\u202Eabc",
        "x".repeat(129),
        "1".repeat(1_100),
        "-leading-dash",
        ".hidden",
        "id\n",
        "id\r\nX-Injected: 1",
        "{00000000-0000-0000-0000-000000000000}");
  }

  @ParameterizedTest(name = "id {index}")
  @MethodSource("hostileIds")
  @DisplayName("hostile ids are refused with INVALID_ID under both policies")
  void hostileIdCorpus(String text) {
    for (IdPolicy policy : IdPolicy.values()) {
      assertThatThrownBy(() -> VconId.of(text, policy))
          .isInstanceOfSatisfying(
              InvalidVconException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ID))
          .hasMessageContaining("Nothing was read or written");
    }
  }

  @Test
  @DisplayName(
      "near-UUIDs are refused under id_policy uuid (token policy accepts them as path-safe tokens)")
  void nearUuids() {
    for (String text :
        List.of(
            "00000000-0000-0000-0000-00000000000g",
            "00000000-0000-0000-0000-0000000000000",
            "00000000-0000-0000-0000_000000000000",
            "0000000-00000-0000-0000-000000000000")) {
      assertThatThrownBy(() -> VconId.of(text, IdPolicy.UUID))
          .isInstanceOfSatisfying(
              InvalidVconException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ID));
    }
  }

  record Case(String name, byte[] bytes, Reason reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] withBytes(String before, int[] raw, String after) {
    byte[] a = utf8(before);
    byte[] c = utf8(after);
    byte[] out = new byte[a.length + raw.length + c.length];
    System.arraycopy(a, 0, out, 0, a.length);
    for (int i = 0; i < raw.length; i++) {
      out[a.length + i] = (byte) raw[i];
    }
    System.arraycopy(c, 0, out, a.length + raw.length, c.length);
    return out;
  }

  static Stream<Case> hostileDocuments() {
    String id = "6f1f5a7e-1d2b-4c3d-8e9f-0a1b2c3d4e5f";
    String head = "{\"uuid\":\"" + id + "\",\"created_at\":\"2024-01-15T10:00:00Z\",\"subject\":\"";
    return Stream.of(
        new Case("array", utf8("[{\"uuid\":\"" + id + "\"}]"), Reason.NOT_AN_OBJECT),
        new Case("string", utf8("\"" + id + "\""), Reason.NOT_AN_OBJECT),
        new Case("number", utf8("42"), Reason.NOT_AN_OBJECT),
        new Case("null", utf8("null"), Reason.NOT_AN_OBJECT),
        new Case("empty", new byte[0], Reason.NOT_AN_OBJECT),
        new Case("two objects", utf8("{\"uuid\":\"" + id + "\"}{}"), Reason.NOT_JSON),
        new Case(
            "duplicate uuid",
            utf8("{\"uuid\":\"" + id + "\",\"uuid\":\"" + SampleVcons.newId() + "\"}"),
            Reason.DUPLICATE_FIELD),
        new Case(
            "duplicate created_at",
            utf8(
                "{\"uuid\":\""
                    + id
                    + "\",\"created_at\":\"2024-01-15\",\"created_at\":\"2025-01-15\"}"),
            Reason.DUPLICATE_FIELD),
        new Case("uuid path traversal", utf8("{\"uuid\":\"../../etc/passwd\"}"), Reason.INVALID_ID),
        new Case("uuid number", utf8("{\"uuid\":42}"), Reason.MISSING_UUID),
        new Case(
            "deep nesting",
            utf8(
                "{\"uuid\":\""
                    + id
                    + "\",\"x\":"
                    + "[".repeat(100_000)
                    + "]".repeat(100_000)
                    + "}"),
            Reason.TOO_LARGE),
        new Case(
            "bad created_at",
            utf8("{\"uuid\":\"" + id + "\",\"created_at\":\"yesterday\"}"),
            Reason.INVALID_CREATED_AT),
        new Case(
            "overlong '/' (C0 AF)",
            withBytes(head, new int[] {0xC0, 0xAF}, "\"}"),
            Reason.INVALID_ENCODING),
        new Case(
            "overlong NUL (C0 80)",
            withBytes(head, new int[] {0xC0, 0x80}, "\"}"),
            Reason.INVALID_ENCODING),
        new Case(
            "overlong 3-byte (E0 80 AF)",
            withBytes(head, new int[] {0xE0, 0x80, 0xAF}, "\"}"),
            Reason.INVALID_ENCODING),
        new Case(
            "lone high surrogate (ED A0 80)",
            withBytes(head, new int[] {0xED, 0xA0, 0x80}, "\"}"),
            Reason.INVALID_ENCODING),
        new Case(
            "lone low surrogate (ED B0 80)",
            withBytes(head, new int[] {0xED, 0xB0, 0x80}, "\"}"),
            Reason.INVALID_ENCODING),
        new Case(
            "truncated sequence (E2 82)",
            withBytes(head, new int[] {0xE2, 0x82}, "\"}"),
            Reason.INVALID_ENCODING),
        new Case(
            "truncated at end (F0 9F 93)",
            withBytes("{\"uuid\":\"" + id + "\"}", new int[] {0xF0, 0x9F, 0x93}, ""),
            Reason.INVALID_ENCODING),
        new Case(
            "over the code space (F4 90 80 80)",
            withBytes(head, new int[] {0xF4, 0x90, 0x80, 0x80}, "\"}"),
            Reason.INVALID_ENCODING),
        new Case(
            "stray continuation (80)",
            withBytes(head, new int[] {0x80}, "\"}"),
            Reason.INVALID_ENCODING),
        new Case(
            "over max_document_bytes",
            utf8(head + "x".repeat(70 * 1024) + "\"}"),
            Reason.TOO_LARGE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileDocuments")
  @DisplayName("hostile documents are refused with a reason before any I/O, and nothing is written")
  void hostileDocumentCorpus(Case c, @TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> SMALL.parse(c.bytes()))
        .isInstanceOfSatisfying(
            InvalidVconException.class, e -> assertThat(e.reason()).isEqualTo(c.reason()))
        .hasMessageContaining("Nothing was");
    // Through the stores' own entry: options set the limits, the parser refuses, the raw store
    // stays empty.
    for (VconStore store :
        List.of(
            new FsVconStoreProvider().create(ProviderOptions.of(Map.of("path", dir.toString()))),
            new InMemoryVconStoreProvider().create(ProviderOptions.empty()))) {
      try (store) {
        assertThatThrownBy(() -> store.put(SMALL.parse(c.bytes())))
            .isInstanceOf(InvalidVconException.class);
        assertThat(store.rawObjects().list("").toList()).isEmpty();
      }
    }
    try (Stream<Path> files = Files.walk(dir)) {
      assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
    }
  }
}
