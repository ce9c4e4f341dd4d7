package io.vcon.storage.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.vcon.storage.api.InvalidVconException.Reason;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Text the parser must refuse or normalise (issue 18 item 7, ADRs 0019 to 0021). */
class HostileTextTest {

  private static final String ID = "019f15a6-a752-826f-b9a2-279e0d16bc46";
  private static final String DOC =
      "{\"uuid\":\"" + ID + "\",\"created_at\":\"2024-01-15T10:00:00Z\"}";

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void refused(byte[] doc, Reason reason, String... inMessage) {
    assertThatThrownBy(() -> Vcon.parse(VconId.of(ID), doc))
        .isInstanceOfSatisfying(
            InvalidVconException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.vconId()).contains(ID);
              assertThat(e.getMessage()).contains("Nothing was written");
              for (String part : inMessage) {
                assertThat(e.getMessage()).contains(part);
              }
            });
  }

  @Nested
  class OtherUnicodeEncodingsAreRefused {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"})
    void withoutAByteOrderMark(String encoding) {
      refused(
          DOC.getBytes(Charset.forName(encoding)),
          Reason.INVALID_ENCODING,
          "encoded in " + encoding,
          "UTF-8");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"})
    void withAByteOrderMark(String encoding) {
      refused(
          ("\uFEFF" + DOC).getBytes(Charset.forName(encoding)),
          Reason.INVALID_ENCODING,
          "encoded in " + encoding + " with a byte-order mark");
    }

    @Test
    void withLeadingWhitespace() {
      refused(
          ("\n " + DOC).getBytes(StandardCharsets.UTF_16LE), Reason.INVALID_ENCODING, "UTF-16LE");
    }

    @Test
    void aZeroByteAmongTheFirstFourIsNotUtf8Json() {
      byte[] doc = utf8("{ " + DOC.substring(1));
      doc[2] = 0;
      refused(doc, Reason.INVALID_ENCODING, "zero byte at byte 2");
    }

    @Test
    void aZeroByteLaterIsNotJsonEither() {
      byte[] doc = utf8("{\"uuid\":\"" + ID + "\",\"x\":\"a b\"}");
      doc[doc.length - 4] = 0; // an unescaped U+0000 inside a skipped string
      refused(doc, Reason.NOT_JSON);
    }
  }

  @Nested
  class AUtf8ByteOrderMarkIsDropped {

    @Test
    void theVconIsTheTextAfterIt() {
      byte[] withBom = utf8("\uFEFF" + DOC);
      assertThat(withBom).startsWith(0xef, 0xbb, 0xbf);
      Vcon v = Vcon.parse(VconId.of(ID), withBom);
      assertThat(v.bytes()).isEqualTo(utf8(DOC));
      assertThat(v.createdAt().orElseThrow().localDate()).hasToString("2024-01-15");
      assertThat(VconParser.defaults().parseOwned(VconId.of(ID), utf8("\uFEFF" + DOC)).bytes())
          .isEqualTo(utf8(DOC));
      assertThat(Vcon.parse("\uFEFF" + DOC).text()).isEqualTo(DOC);
    }

    @Test
    void onlyOneMarkIsDropped() {
      refused(utf8("\uFEFF\uFEFF" + DOC), Reason.NOT_JSON, "two byte-order marks");
      refused(utf8("\uFEFF"), Reason.NOT_AN_OBJECT, "empty");
    }

    @Test
    void aMarkInsideTheTextIsLeftAlone() {
      String doc = "{\"uuid\":\"" + ID + "\",\"subject\":\"\uFEFFhi\"}";
      assertThat(Vcon.parse(VconId.of(ID), utf8(doc)).text()).isEqualTo(doc);
    }
  }

  @Nested
  class DuplicateKeysAreRefusedAtAnyDepth {

    @Test
    void atTheTopLevel() {
      refused(
          utf8("{\"uuid\":\"" + ID + "\",\"subject\":\"a\",\"subject\":\"b\"}"),
          Reason.DUPLICATE_FIELD,
          "\"subject\" twice",
          "\"/subject\"");
      refused(
          utf8("{\"uuid\":\"" + ID + "\",\"uuid\":\"" + ID + "\"}"),
          Reason.DUPLICATE_FIELD,
          "\"uuid\" twice");
    }

    @Test
    void deepInside() {
      refused(
          utf8(
              "{\"uuid\":\""
                  + ID
                  + "\",\"parties\":[{\"tel\":\"+1\"},{\"tel\":\"+1\",\"name\":\"a\","
                  + "\"meta\":{\"x\":[{\"role\":1,\"role\":2}]}}]}"),
          Reason.DUPLICATE_FIELD,
          "\"role\" twice",
          "\"/parties/1/meta/x/0/role\"");
    }

    @Test
    void keysAreComparedAfterUnescaping() {
      refused(
          utf8("{\"uuid\":\"" + ID + "\",\"a\":1,\"\\u0061\":2}"),
          Reason.DUPLICATE_FIELD,
          "\"a\" twice");
      refused(
          utf8("{\"\\u0075uid\":\"x\",\"uuid\":\"" + ID + "\"}"),
          Reason.DUPLICATE_FIELD,
          "\"uuid\" twice");
    }

    @Test
    void inBigObjects() {
      StringBuilder doc = new StringBuilder("{\"uuid\":\"" + ID + "\",\"big\":{");
      for (int i = 0; i < 5000; i++) {
        doc.append("\"k").append(i).append("\":").append(i).append(',');
      }
      doc.append("\"k4321\":0}}");
      refused(utf8(doc.toString()), Reason.DUPLICATE_FIELD, "\"k4321\" twice", "\"/big/k4321\"");
    }

    @Test
    void equalKeysInDifferentObjectsAreFine() {
      StringBuilder doc =
          new StringBuilder("{\"uuid\":\"" + ID + "\",\"k1\":{\"k1\":{\"k1\":1}},\"list\":[");
      // siblings at one depth reuse one key set: a big object, then small ones, then a big one
      // again
      for (int object = 0; object < 4; object++) {
        int keys = object % 2 == 0 ? 300 : 9;
        doc.append('{');
        for (int i = 0; i < keys; i++) {
          doc.append(i == 0 ? "" : ",")
              .append("\"k")
              .append(i)
              .append("\":[{\"k1\":")
              .append(i)
              .append("}]");
        }
        doc.append(object == 3 ? "}" : "},");
      }
      doc.append("]}");
      assertThat(Vcon.parse(VconId.of(ID), utf8(doc.toString())).size()).isEqualTo(doc.length());
    }

    /** Agrees with Jackson's own strict duplicate detection on random documents (fixed seed). */
    @Test
    void agreesWithJacksonsStrictDetection() throws IOException {
      Random random = new Random(20261206L);
      JsonFactory strict =
          JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
      int duplicates = 0;
      for (int run = 0; run < 3000; run++) {
        StringBuilder doc = new StringBuilder("{\"uuid\":\"" + ID + "\"");
        int fields = random.nextInt(12);
        for (int i = 0; i < fields; i++) {
          doc.append(",\"").append(key(random)).append("\":");
          value(random, doc, 0);
        }
        doc.append('}');
        boolean jacksonRefuses = false;
        try (JsonParser p = strict.createParser(utf8(doc.toString()))) {
          while (p.nextToken() != null) {
            p.skipChildren();
          }
        } catch (JsonParseException e) {
          jacksonRefuses = true;
        }
        boolean weRefuse = false;
        try {
          Vcon.parse(VconId.of(ID), utf8(doc.toString()));
        } catch (InvalidVconException e) {
          assertThat(e.reason()).isEqualTo(Reason.DUPLICATE_FIELD);
          weRefuse = true;
        }
        assertThat(weRefuse).as(doc.toString()).isEqualTo(jacksonRefuses);
        duplicates += weRefuse ? 1 : 0;
      }
      assertThat(duplicates).as("both outcomes are exercised").isBetween(300, 2700);
    }

    private String key(Random random) {
      // few distinct keys, so duplicates are frequent; "uuid" is among them
      List<String> keys = new ArrayList<>(List.of("a", "b", "c", "uuid2", "k9", "tel"));
      int n = random.nextInt(40);
      return n < keys.size() ? keys.get(n) : "k" + n;
    }

    private void value(Random random, StringBuilder doc, int depth) {
      int kind = depth > 4 ? 0 : random.nextInt(4);
      switch (kind) {
        case 1 -> {
          doc.append('{');
          int n = random.nextInt(14);
          for (int i = 0; i < n; i++) {
            doc.append(i == 0 ? "\"" : ",\"").append(key(random)).append("\":");
            value(random, doc, depth + 1);
          }
          doc.append('}');
        }
        case 2 -> {
          doc.append('[');
          int n = random.nextInt(4);
          for (int i = 0; i < n; i++) {
            doc.append(i == 0 ? "" : ",");
            value(random, doc, depth + 1);
          }
          doc.append(']');
        }
        case 3 -> doc.append("\"s\"");
        default -> doc.append(random.nextInt(100));
      }
    }
  }
}
