package io.vcon.storage.api;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Checks that bytes are well-formed UTF-8 (Unicode 15, table 3-7: no overlong forms, no surrogates, nothing above
 * U+10FFFF, no truncated sequence) without decoding them: no buffer is allocated, and runs of ASCII — the base64
 * recordings that make up most of a large vCon — are checked eight bytes at a time.
 */
final class Utf8 {

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  private Utf8() {}

  /** The index of the first byte of the first malformed sequence, or -1 when all of {@code b} is well-formed. */
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
