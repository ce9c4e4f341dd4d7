package io.vcon.storage.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CreatedAtTest {

  @ParameterizedTest
  @CsvSource({
    "2024-01-15T23:30:00-05:00, 2024-01-15, -18000",
    "2024-01-15T23:30:00+0530, 2024-01-15, 19800",
    "2024-01-15T23:30:00Z, 2024-01-15, 0",
    "2024-01-15T23:30:00+05:30:15, 2024-01-15, 19815",
    "2024-01-15T23:30:00+05:30:15.123456, 2024-01-15, 19815",
    "2024-01-15T23:30:00-23:59, 2024-01-15, -86340",
    "2024-W03-1, 2024-01-15, ",
    "2024W031T10, 2024-01-15, ",
    "2020-W53-7, 2021-01-03, ",
    "2024-01-15T10, 2024-01-15, ",
    "2024-01-15T10:05, 2024-01-15, ",
    "'2024-01-15t10:05:00,5', 2024-01-15, ",
    // RFC 3339's lower case (ADR 0023): Python reads the t, and we read the z as Z
    "2024-01-15t23:30:00z, 2024-01-15, 0",
    "2024-01-15T23:30:00.5z, 2024-01-15, 0",
    // fromisoformat takes any one character between date and time
    "2024-01-15X10:00, 2024-01-15, ",
    "2024-01-15_23:30:00-05:00, 2024-01-15, -18000"
  })
  void keepsTheWrittenDateAndOffset(String text, LocalDate date, Integer offset) {
    CreatedAt c = CreatedAt.parse(text);
    assertThat(c.localDate()).isEqualTo(date);
    assertThat(c.text()).isEqualTo(text);
    if (offset == null) {
      assertThat(c.offsetSeconds()).isEmpty();
      assertThat(c.instant()).isEmpty();
    } else {
      assertThat(c.offsetSeconds()).hasValue(offset);
    }
  }

  @Test
  void instantUsesTheOffset() {
    assertThat(CreatedAt.parse("2024-01-15T23:30:00-05:00").instant())
        .contains(Instant.parse("2024-01-16T04:30:00Z"));
    assertThat(CreatedAt.parse("2024-01-15T23:30:00.25Z").localDateTime().getNano())
        .isEqualTo(250_000_000);
    assertThat(CreatedAt.parse("2024-01-15T23:30:00-23:00").instant()).isEmpty();
  }

  @Test
  void rejectsBadValuesNamingTheVcon() {
    for (String bad :
        new String[] {
          "2024-W54-1",
          "2024-W01-8",
          "2024-01-15T",
          "2024-01-15z",
          "2024-01-15T10:00:00zz",
          "",
          "2024-01-15T10:00:00+5"
        }) {
      assertThatThrownBy(() -> CreatedAt.parse(bad, "the-id"))
          .isInstanceOfSatisfying(
              InvalidVconException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(InvalidVconException.Reason.INVALID_CREATED_AT);
                assertThat(e.vconId()).contains("the-id");
              })
          .hasMessageContaining("of vCon the-id");
    }
  }

  @Test
  void equalityIsByText() {
    assertThat(CreatedAt.parse("2024-01-15"))
        .isEqualTo(CreatedAt.parse("2024-01-15"))
        .hasToString("2024-01-15");
    assertThat(CreatedAt.parse("2024-01-15")).isNotEqualTo(CreatedAt.parse("20240115"));
  }
}
