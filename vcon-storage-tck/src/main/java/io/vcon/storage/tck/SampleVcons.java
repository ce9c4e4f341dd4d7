package io.vcon.storage.tck;

import io.vcon.storage.api.Vcon;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.UUID;

/** Builds vCon documents for the kit: fresh ids per test, chosen dates, odd formatting, large bodies. */
public final class SampleVcons {

  private SampleVcons() {}

  /** A fresh random UUID text, so tests never collide in a shared bucket. */
  public static String newId() {
    return UUID.randomUUID().toString();
  }

  /** A small vCon with this id and {@code created_at} (null for none). */
  public static Vcon vcon(String id, String createdAt) {
    return Vcon.parse(json(id, createdAt, "").getBytes(StandardCharsets.UTF_8));
  }

  /** A small vCon with a fresh id, created at {@code createdAt}. */
  public static Vcon vcon(String createdAt) {
    return vcon(newId(), createdAt);
  }

  /** The JSON text of a minimal vCon with an extra subject, in vcon-server's own {@code json.dumps} style. */
  public static String json(String id, String createdAt, String subject) {
    StringBuilder out =
        new StringBuilder("{\"vcon\": \"0.0.1\", \"uuid\": \"").append(id).append('"');
    if (createdAt != null) {
      out.append(", \"created_at\": \"").append(createdAt).append('"');
    }
    out.append(", \"subject\": \"").append(subject).append('"');
    return out.append(", \"parties\": [], \"dialog\": [], \"analysis\": [], \"attachments\": []}")
        .toString();
  }

  /**
   * A vCon of about {@code bytes} bytes carrying an inline base64 "recording", as real vCons with embedded
   * audio do. Deterministic for a given seed.
   */
  public static Vcon large(String id, String createdAt, int bytes, long seed) {
    byte[] audio = new byte[Math.max(0, (bytes - 400) * 3 / 4)];
    new Random(seed).nextBytes(audio);
    String body = Base64.getUrlEncoder().withoutPadding().encodeToString(audio);
    String json =
        "{\"vcon\":\"0.0.1\",\"uuid\":\""
            + id
            + "\",\"created_at\":\""
            + createdAt
            + "\",\"parties\":[{\"tel\":"
            + "\"+12025550123\"}],\"dialog\":[{\"type\":\"recording\",\"start\":\""
            + createdAt
            + "\","
            + "\"mediatype\":\"audio/x-wav\",\"encoding\":\"base64url\",\"body\":\""
            + body
            + "\"}]}";
    return Vcon.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  /** A vCon whose text is pretty-printed with unusual spacing and key order: must survive byte for byte. */
  public static Vcon oddlyFormatted(String id) {
    String json =
        "{\n\t\"subject\" :  \"formatting\" ,\r\n  \"uuid\":\""
            + id
            + "\",\n"
            + "  \"created_at\"  :\"2023-07-04T12:00:00.123456789+05:30\",\n\n"
            + "  \"parties\": [ ],\n"
            + "  \"n\": 1.50E+2 }\n";
    return Vcon.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  /** A vCon full of non-ASCII text, both raw UTF-8 and JSON escapes, which must be kept as written. */
  public static Vcon unicode(String id) {
    String json =
        "{\"uuid\":\""
            + id
            + "\",\"created_at\":\"2024-02-29T23:59:59-12:00\",\"subject\":\"Café ☎ 電話 📞 "
            + "مرحبا \\u00e9\\ud83d\\udcde e\u0301\",\"parties\":[{\"name\":\"Zoë Ångström\"}]}";
    return Vcon.parse(json.getBytes(StandardCharsets.UTF_8));
  }
}
