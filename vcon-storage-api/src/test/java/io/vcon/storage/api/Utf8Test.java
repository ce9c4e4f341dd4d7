package io.vcon.storage.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The allocation-free UTF-8 check agrees with the JDK's strict decoder, on validity and on where it fails. */
class Utf8Test {

  private static final int[] EDGES = {
    0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xf4, 0xff
  };

  /** What the strict JDK decoder says: -1, or the index where it first reports malformed input. */
  private static int jdk(byte[] b) {
    CharsetDecoder d =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(b);
    CharBuffer out = CharBuffer.allocate(b.length * 2 + 4);
    CoderResult r = d.decode(in, out, true);
    if (r.isError()) {
      return in.position();
    }
    return d.flush(out).isError() ? in.position() : -1;
  }

  private static void agree(byte[] b) {
    boolean jdkValid = jdk(b) < 0;
    int ours = Utf8.firstMalformed(b);
    assertThat(ours < 0).as("validity of %s", HexFormat.of().formatHex(b)).isEqualTo(jdkValid);
    if (!jdkValid) {
      assertThat(ours).as("position in %s", HexFormat.of().formatHex(b)).isEqualTo(jdk(b));
    }
  }

  @Test
  void everyOneAndTwoByteSequenceBetweenAsciiAgrees() {
    for (int a = 0; a < 256; a++) {
      agree(new byte[] {'x', (byte) a, 'y'});
      for (int b = 0; b < 256; b++) {
        agree(new byte[] {'a', 'b', (byte) a, (byte) b, 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'});
        agree(new byte[] {(byte) a, (byte) b});
      }
    }
  }

  @Test
  void threeAndFourByteSequencesAroundEveryBoundaryAgree() {
    for (int a = 0x80; a < 256; a++) {
      for (int b = 0; b < 256; b++) {
        for (int c : EDGES) {
          agree(new byte[] {'q', (byte) a, (byte) b, (byte) c});
          for (int d : EDGES) {
            agree(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d, 'z'});
          }
        }
      }
    }
  }

  @Test
  void realTextAndRandomBytesAgree() {
    agree("Café ☎ 電話 📞 مرحبا e\u0301 Zoë Ångström".repeat(20).getBytes(StandardCharsets.UTF_8));
    Random random = new Random(14);
    for (int i = 0; i < 20_000; i++) {
      byte[] b = new byte[random.nextInt(40)];
      random.nextBytes(b);
      // Mostly ASCII with a few high bytes, so that the eight-byte fast path meets every kind of
      // break.
      for (int k = 0; k < b.length; k++) {
        if (random.nextInt(6) != 0) {
          b[k] &= 0x7f;
        }
      }
      agree(b);
    }
  }
}
