package io.vcon.storage.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vcon.storage.api.InvalidVconException.Reason;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VconParserTest {

  private static final String ID = "019f15a6-a752-826f-b9a2-279e0d16bc46";

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void keepsBytesAndReadsTopLevelFieldsOnly() {
    String json =
        "{\"dialog\":[{\"uuid\":\"nested-not-this\",\"created_at\":\"bad\"}],\"uuid\":\""
            + ID
            + "\",\"created_at\":\"2024-01-15T10:00:00Z\"}";
    Vcon v = Vcon.parse(utf8(json));
    assertThat(v.id().value()).isEqualTo(ID);
    assertThat(v.createdAt().orElseThrow().localDate()).hasToString("2024-01-15");
    assertThat(v.text()).isEqualTo(json);
    assertThat(v.size()).isEqualTo(json.length());
  }

  @Test
  void copiesTheInputSoCallersCannotChangeAValidatedVcon() {
    byte[] doc = utf8("{\"uuid\":\"" + ID + "\"}");
    Vcon v = Vcon.parse(doc);
    doc[2] = 'X';
    assertThat(v.text()).startsWith("{\"uuid\"");
    v.bytes()[2] = 'Y';
    assertThat(v.text()).startsWith("{\"uuid\"");
    assertThat(v.body().isReadOnly()).isTrue();
  }

  @Test
  void parseOwnedTakesTheArrayOverAndValidatesLikeParse() {
    byte[] doc = utf8("{\"uuid\":\"" + ID + "\",\"created_at\":\"2024-01-15T23:30:00-05:00\"}");
    Vcon v = VconParser.defaults().parseOwned(VconId.of(ID), doc);
    assertThat(v.sameContentAs(Vcon.parse(doc))).isTrue();
    assertThat(v.createdAt().orElseThrow().localDate()).hasToString("2024-01-15");
    assertThatThrownBy(
            () -> VconParser.defaults().parseOwned(VconId.of(ID), utf8("{\"uuid\":\"other\"}")))
        .isInstanceOfSatisfying(
            InvalidVconException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UUID_MISMATCH));
    assertThatThrownBy(() -> VconParser.defaults().parseOwned(null, doc))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void emptyOrNullCreatedAtCountsAsMissing() {
    assertThat(Vcon.parse(utf8("{\"uuid\":\"" + ID + "\",\"created_at\":\"\"}")).createdAt())
        .isEmpty();
    assertThat(Vcon.parse(utf8("{\"uuid\":\"" + ID + "\",\"created_at\":null}")).createdAt())
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "[]|NOT_AN_OBJECT",
        "\"text\"|NOT_AN_OBJECT",
        "42|NOT_AN_OBJECT",
        "{\"uuid\":\"019f15a6-a752-826f-b9a2-279e0d16bc46\"|NOT_JSON",
        "{\"uuid\":\"019f15a6-a752-826f-b9a2-279e0d16bc46\"} {}|NOT_JSON",
        "{\"uuid\":\"019f15a6-a752-826f-b9a2-279e0d16bc46\",}|NOT_JSON",
        "{'uuid':'019f15a6-a752-826f-b9a2-279e0d16bc46'}|NOT_JSON",
        "{\"a\":1}|MISSING_UUID",
        "{\"uuid\":42}|MISSING_UUID",
        "{\"uuid\":\"019f15a6-a752-826f-b9a2-279e0d16bc46\",\"uuid\":\"019f15a6-a752-826f-b9a2-279e0d16bc46\"}|DUPLICATE_FIELD",
        "{\"uuid\":\"019f15a6-a752-826f-b9a2-279e0d16bc46\",\"created_at\":\"2024-01-15\",\"created_at\":\"2024-01-16\"}|DUPLICATE_FIELD",
        "{\"uuid\":\"019f15a6-a752-826f-b9a2-279e0d16bc46\",\"created_at\":17}|INVALID_CREATED_AT",
        "{\"uuid\":\"019f15a6-a752-826f-b9a2-279e0d16bc46\",\"created_at\":\"soon\"}|INVALID_CREATED_AT",
        "{\"uuid\":\"../etc/passwd\"}|INVALID_ID"
      })
  void rejectsWithATypedReason(String json, Reason reason) {
    assertThatThrownBy(() -> Vcon.parse(utf8(json)))
        .isInstanceOfSatisfying(
            InvalidVconException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  @Test
  void emptyInputIsNotAnObject() {
    assertThatThrownBy(() -> Vcon.parse(new byte[0]))
        .hasMessageContaining("is empty, not a JSON object");
  }

  @Test
  void requestedIdMustMatchTheDocument() {
    String other = "019f15a6-a752-826f-b9a2-279e0d16bc47";
    assertThatThrownBy(() -> Vcon.parse(VconId.of(ID), utf8("{\"uuid\":\"" + other + "\"}")))
        .isInstanceOfSatisfying(
            InvalidVconException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.UUID_MISMATCH);
              assertThat(e.vconId()).contains(ID);
            })
        .hasMessageContaining(ID)
        .hasMessageContaining(other);
  }

  @Test
  void invalidUtf8InsideASkippedStringIsCaught() {
    byte[] doc = utf8("{\"uuid\":\"" + ID + "\",\"x\":\"ab\"}");
    doc[doc.length - 4] = (byte) 0xC3; // a lead byte followed by an ASCII letter: malformed
    assertThatThrownBy(() -> Vcon.parse(doc))
        .isInstanceOfSatisfying(
            InvalidVconException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ENCODING))
        .hasMessageContaining("not valid UTF-8 at byte");
  }

  @Test
  void limitsSizeAndNesting() {
    VconParser small = VconParser.builder().maxDocumentBytes(64).maxNestingDepth(3).build();
    assertThatThrownBy(
            () -> small.parse(utf8("{\"uuid\":\"" + ID + "\",\"pad\":\"" + "x".repeat(64) + "\"}")))
        .isInstanceOfSatisfying(
            InvalidVconException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE))
        .hasMessageContaining("max_document_bytes");
    assertThatThrownBy(() -> small.parse(utf8("{\"a\":[[[[1]]]]}")))
        .isInstanceOfSatisfying(
            InvalidVconException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE))
        .hasMessageContaining("nesting depth");
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    assertThatThrownBy(() -> Vcon.parse(utf8("{\"uuid\":\"" + ID + "\",\"d\":" + deep + "}")))
        .isInstanceOf(InvalidVconException.class);
  }

  @Test
  void builderRejectsNonsenseLimits() {
    assertThatThrownBy(() -> VconParser.builder().maxDocumentBytes(0).build())
        .isInstanceOf(StorageConfigurationException.class);
    assertThatThrownBy(() -> VconParser.builder().maxNestingDepth(0).build())
        .isInstanceOf(StorageConfigurationException.class);
    VconParser p = VconParser.builder().idPolicy(IdPolicy.TOKEN).maxDocumentBytes(10_000).build();
    assertThat(p.toBuilder().build().idPolicy()).isEqualTo(IdPolicy.TOKEN);
    assertThat(p.parse(utf8("{\"uuid\":\"SAMPLE-1\"}")).id().value()).isEqualTo("SAMPLE-1");
  }
}
