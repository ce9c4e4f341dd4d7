package io.vcon.storage.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DiagnosticOptionsTest {

  @Test
  @DisplayName("the factories: read-only, with a write probe, quick")
  void factories() {
    assertThat(DiagnosticOptions.readOnly()).isEqualTo(new DiagnosticOptions(false));
    assertThat(DiagnosticOptions.withWriteProbe()).isEqualTo(new DiagnosticOptions(true, false));
    assertThat(DiagnosticOptions.quick().cheapOnly()).isTrue();
    assertThat(DiagnosticOptions.quick().writeProbe()).isFalse();
  }

  @Test
  @DisplayName("a quick check never writes")
  void quickNeverWrites() {
    assertThatThrownBy(() -> new DiagnosticOptions(true, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a quick check never writes");
  }
}
