package io.vcon.storage.tck;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Real vCons from the IETF vCon core draft's examples, byte-identical to their source (see
 * {@code fixtures/README.md} beside them in this jar). {@link #valid()} must store and read back unchanged;
 * {@link #invalid()} are signed (JWS) and encrypted (JWE) containers with no top-level {@code uuid}.
 */
public final class Fixtures {

  private static final String ROOT = "/io/vcon/storage/tck/fixtures/";

  private static final List<String> VALID =
      List.of(
          "00fb2e9_ab_email_acct_prob_thread.vcon",
          "3fd3e41_ab_email_acct_prob_thread.vcon",
          "ab_call_ext_rec.vcon",
          "ab_call_ext_rec_amended.vcon",
          "ab_call_ext_rec_analysis.vcon",
          "ab_call_ext_rec_redacted.vcon",
          "ab_call_ext_rec_with_redact.vcon",
          "ab_call_int_rec.vcon",
          "ab_email_acct_prob_thread.vcon",
          "ab_email_prob_followup_alice.vcon",
          "ab_email_prob_followup_bob_reply.vcon",
          "ab_email_prob_followup_text_thread.vcon",
          "b_email_acct_prob_image.vcon");

  private static final List<String> INVALID =
      List.of("ab_call_ext_rec_encrypted.vcon", "ab_call_ext_rec_signed.vcon");

  private Fixtures() {}

  /** File name → bytes of every valid fixture, in a stable order. */
  public static Map<String, byte[]> valid() {
    return load("valid/", VALID);
  }

  /** File name → bytes of the signed and encrypted fixtures. */
  public static Map<String, byte[]> invalid() {
    return load("invalid/", INVALID);
  }

  /** One fixture by its path under the fixtures folder, e.g. {@code valid/ab_call_ext_rec.vcon}. */
  public static byte[] bytes(String path) {
    try (InputStream in = Fixtures.class.getResourceAsStream(ROOT + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, byte[]> load(String folder, List<String> names) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    names.forEach(n -> out.put(n, bytes(folder + n)));
    return out;
  }
}
