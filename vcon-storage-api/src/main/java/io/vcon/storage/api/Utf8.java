package io.vcon.storage.api;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Checks that bytes are well-formed UTF-8 (Unicode 15, table 3-7: no overlong forms, no surrogates,
 * nothing above U+10FFFF, no truncated sequence) without decoding them: no buffer is allocated, and
 * runs of ASCII — the base64 recordings that make up most of a large vCon — are checked eight bytes
 * at a time.
 */
final class Utf8 {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  private Utf8() {}

  /** Whether {@code b} starts with the UTF-8 encoding of U+FEFF, the byte-order mark (EF BB BF). */
  static boolean startsWithByteOrderMark(byte[] b) {
    return b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf;
  }

  /**
   * What the first four bytes say about a text that is not UTF-8 ({@code "is encoded in
   * UTF-16LE"}), or {@code null} when they read as UTF-8. A JSON text starts with two ASCII
   * characters (whitespace, a bracket or a quote), so UTF-16 and UTF-32 show as zero bytes among
   * the first four, with or without a byte-order mark (RFC 4627 §3): the same signs by which
   * Jackson would switch to that encoding. A zero byte is never part of UTF-8 JSON (U+0000 must be
   * escaped), so any zero byte there is an encoding error too.
   */
  static String notUtf8(byte[] b) {
    int n = Math.min(b.length, 4);
    int b0 = n > 0 ? b[0] & 0xff : -1;
    int b1 = n > 1 ? b[1] & 0xff : -1;
    int b2 = n > 2 ? b[2] & 0xff : -1;
    int b3 = n > 3 ? b[3] & 0xff : -1;
    if (b0 == 0 && b1 == 0 && b2 == 0xfe && b3 == 0xff) {
      return "is encoded in UTF-32BE with a byte-order mark";
    }
    if (b0 == 0xff && b1 == 0xfe && b2 == 0 && b3 == 0) {
      return "is encoded in UTF-32LE with a byte-order mark";
    }
    if (b0 == 0xfe && b1 == 0xff) {
      return "is encoded in UTF-16BE with a byte-order mark";
    }
    if (b0 == 0xff && b1 == 0xfe) {
      return "is encoded in UTF-16LE with a byte-order mark";
    }
    if (n == 4 && b0 == 0 && b1 == 0 && b2 == 0 && b3 != 0) {
      return "is encoded in UTF-32BE";
    }
    if (n == 4 && b0 != 0 && b1 == 0 && b2 == 0 && b3 == 0) {
      return "is encoded in UTF-32LE";
    }
    if (b0 == 0 && b1 > 0) {
      return "is encoded in UTF-16BE";
    }
    if (b0 > 0 && b1 == 0) {
      return "is encoded in UTF-16LE";
    }
    for (int i = 0; i < n; i++) {
      if (b[i] == 0) {
        return "has a zero byte at byte " + i;
      }
    }
    return null;
  }

  /**
   * The index of the first byte of the first malformed sequence, or -1 when all of {@code b} is
   * well-formed.
   */
  static int firstMalformed(byte[] b) {
    int i = 0;
    int n = b.length;
    while (i < n) {
      if (i + 8 <= n && ((long) LONGS.get(b, i) & HIGH_BITS) == 0) {
        i += 8;
        continue;
      }
      int lead = b[i] & 0xff;
      if (lead < 0x80) {
        i++;
        continue;
      }
      int start = i;
      int need;
      int lo = 0x80;
      int hi = 0xbf;
      if (lead >= 0xc2 && lead <= 0xdf) {
        need = 1;
      } else if (lead >= 0xe0 && lead <= 0xef) {
        need = 2;
        if (lead == 0xe0) {
          lo = 0xa0; // overlong below U+0800
        } else if (lead == 0xed) {
          hi = 0x9f; // surrogates U+D800..U+DFFF
        }
      } else if (lead >= 0xf0 && lead <= 0xf4) {
        need = 3;
        if (lead == 0xf0) {
          lo = 0x90; // overlong below U+10000
        } else if (lead == 0xf4) {
          hi = 0x8f; // above U+10FFFF
        }
      } else {
        return start; // a continuation byte without a lead, C0/C1 (overlong) or F5..FF
      }
      if (start + need >= n) {
        return start; // truncated at the end
      }
      int second = b[start + 1] & 0xff;
      if (second < lo || second > hi) {
        return start;
      }
      for (int k = 2; k <= need; k++) {
        int c = b[start + k] & 0xff;
        if (c < 0x80 || c > 0xbf) {
          return start;
        }
      }
      i = start + need + 1;
    }
    return -1;
  }
}
