package io.vcon.storage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  @DisplayName(
      "on a terminal: one line rewritten in place, with items, bytes, rate and ETA; cleared at the"
          + " end")
  void terminalLine() {
    AtomicLong now = new AtomicLong(0);
    StringWriter text = new StringWriter();
    Progress p = new Progress("copy", new PrintWriter(text), true, now::get);
    p.total(100);
    now.set(SECOND / 10);
    p.item(1024);
    assertThat(text.toString()).as("not yet: at most five updates a second").isEmpty();
    now.set(10 * SECOND);
    p.item(1024);
    assertThat(text.toString())
        .isEqualTo("\rcopy: 2/100 items, 2.0 KiB, 0.2 items/s, ETA 8:10\u001b[K");
    p.close();
    assertThat(text.toString()).endsWith("\r\u001b[K");
  }

  @Test
  @DisplayName(
      "not on a terminal: a plain line every ten seconds, no ETA without a total, nothing to clear")
  void plainLines() {
    AtomicLong now = new AtomicLong(0);
    StringWriter text = new StringWriter();
    Progress p = new Progress("import", new PrintWriter(text), false, now::get);
    now.set(SECOND);
    p.item(10);
    assertThat(text.toString()).isEmpty();
    now.set(11 * SECOND);
    p.item(10);
    assertThat(text.toString())
        .isEqualTo("import: 2 items, 20 B, 0.2 items/s" + System.lineSeparator());
    p.close();
    assertThat(text.toString().lines()).hasSize(1);
    assertThat(p.items()).isEqualTo(2);
    assertThat(p.bytes()).isEqualTo(20);
  }
}
