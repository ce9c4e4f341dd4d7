package io.vcon.storage.engine;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The CRC32C a backend records beside objects written without a content hash (pointers; vCons with
 * {@code content_hash: off}), as 8 lower-case hex digits. A CRC catches bytes changed in transit, not on purpose;
 * the SHA-512 {@code ContentHash} does that. {@link ObjectVconStore} checks both on every read.
 */
public final class Crc32c {

  /** What {@link #parseHex} answers for text that is not 8 hex digits: no CRC32C equals it. */
  public static final long MALFORMED = -1L;

  private Crc32c() {}

  /** The CRC32C of {@code body}'s remaining bytes; the buffer's position is left alone. */
  public static long of(ByteBuffer body) {
    CRC32C crc = new CRC32C();
    crc.update(body.duplicate());
    return crc.getValue();
  }

  public static long of(byte[] body) {
    CRC32C crc = new CRC32C();
    crc.update(body, 0, body.length);
    return crc.getValue();
  }

  /** {@code value} as 8 hex digits, the form stored in metadata. */
  public static String hex(long value) {
    return String.format("%08x", value);
  }

  /** The value 8 hex digits spell (either case), or {@link #MALFORMED}. */
  public static long parseHex(String text) {
    if (text == null || text.length() != 8) {
      return MALFORMED;
    }
    long value = 0;
    for (int i = 0; i < text.length(); i++) {
      int digit = Character.digit(text.charAt(i), 16);
      if (digit < 0) {
        return MALFORMED;
      }
      value = value << 4 | digit;
    }
    return value;
  }
}
