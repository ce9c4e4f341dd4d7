package io.vcon.storage.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VconIdTest {

  @Test
  void acceptsCanonicalUuidsOfAnyVersionAndKeepsCase() {
    assertThat(VconId.of("019F15A6-a752-826f-B9A2-279e0d16bc46").value())
        .isEqualTo("019F15A6-a752-826f-B9A2-279e0d16bc46");
    assertThat(VconId.of("00000000-0000-0000-0000-000000000000").isUuid()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../../etc/passwd",
        "a/b",
        "",
        " ",
        "..",
        ".",
        "%2e%2e",
        "a\\b",
        "x\u0000y",
        "SAMPLE-1234-abcd-5678",
        "019f15a6a752826fb9a2279e0d16bc46",
        "{019f15a6-a752-826f-b9a2-279e0d16bc46}",
        "019f15a6-a752-826f-b9a2-279e0d16bc4g",
        "019f15a6-a752-826f-b9a2-279e0d16bc46 "
      })
  void rejectsAnythingButACanonicalUuidByDefault(String bad) {
    assertThatThrownBy(() -> VconId.of(bad))
        .isInstanceOfSatisfying(
            InvalidVconException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidVconException.Reason.INVALID_ID))
        .hasMessageStartingWith("Invalid vCon id \"")
        .hasMessageContaining("Nothing was read or written");
  }

  @Test
  void tokenPolicyAcceptsPathSafeIdsOnly() {
    assertThat(VconId.of("SAMPLE-1234-abcd-5678", IdPolicy.TOKEN).value())
        .isEqualTo("SAMPLE-1234-abcd-5678");
    assertThat(VconId.of("a" + "b".repeat(127), IdPolicy.TOKEN).value()).hasSize(128);
    for (String bad :
        new String[] {".", "..", ".hidden", "-x", "a/b", "a b", "b".repeat(129), "é"}) {
      assertThatThrownBy(() -> VconId.of(bad, IdPolicy.TOKEN))
          .isInstanceOf(InvalidVconException.class);
      assertThat(VconId.isValid(bad, IdPolicy.TOKEN)).isFalse();
    }
  }

  @Test
  void errorQuotesControlCharactersEscapedAndCutsLongIds() {
    assertThatThrownBy(() -> VconId.of("a\nb\u0000\""))
        .hasMessageContaining("\"a\\u000ab\\u0000\\\"\"");
    String huge = "x".repeat(1_100);
    assertThatThrownBy(() -> VconId.of(huge))
        .hasMessageContaining("... (1100 characters)")
        .satisfies(
            e ->
                assertThat(((InvalidVconException) e).vconId().orElseThrow()).hasSizeLessThan(100));
    assertThatThrownBy(() -> VconId.of(null))
        .isInstanceOf(InvalidVconException.class)
        .hasMessageContaining("null");
  }

  @Test
  void embeddedTimestampOfVersion7And8Ids() {
    assertThat(VconId.of("019f159f-2cfb-8d95-b9a2-279e0d16bc46").embeddedTimestamp())
        .contains(Instant.ofEpochMilli(0x019f159f2cfbL));
    assertThat(VconId.of("018b4f72-df56-72ac-b9a2-279e0d16bc46").embeddedTimestamp()).isPresent();
    assertThat(VconId.of("018b4f72-df56-42ac-b9a2-279e0d16bc46").embeddedTimestamp()).isEmpty();
    assertThat(VconId.of("SAMPLE-1", IdPolicy.TOKEN).embeddedTimestamp()).isEmpty();
  }

  @Test
  void equalityIsByValueAndToStringIsTheValue() {
    assertThat(VconId.of("019f159f-2cfb-8d95-b9a2-279e0d16bc46"))
        .isEqualTo(VconId.of("019f159f-2cfb-8d95-b9a2-279e0d16bc46"))
        .hasSameHashCodeAs(VconId.of("019f159f-2cfb-8d95-b9a2-279e0d16bc46"))
        .isNotEqualTo(VconId.of("019F159F-2cfb-8d95-b9a2-279e0d16bc46"))
        .hasToString("019f159f-2cfb-8d95-b9a2-279e0d16bc46");
  }
}
