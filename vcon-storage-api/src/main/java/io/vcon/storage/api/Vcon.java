package io.vcon.storage.api;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * A validated vCon: its id, its parsed {@code created_at} and the JSON bytes exactly as they were given (less a
 * leading UTF-8 byte-order mark, which is not part of the JSON text: ADR 0020).
 *
 * <p>The bytes are never re-serialized (ADR 0002): a signed vCon must keep its exact bytes, and a store
 * writes what the source gave it. The array is copied in, and {@link #bytes()} copies it out, so no caller
 * can change a vCon after it was validated; {@link #body()} hands out a read-only view without copying, for
 * adapters that stream it to a backend.
 */
public final class Vcon {

  private final VconId id;
  private final CreatedAt createdAt;
  private final byte[] json;

  // Takes ownership of json: only VconParser calls this, with an array nobody else holds.
  Vcon(VconId id, CreatedAt createdAt, byte[] json) {
    this.id = id;
    this.createdAt = createdAt;
    this.json = json;
  }

  /** Validates a document with the default {@link VconParser}; the id is the document's {@code uuid}. */
  public static Vcon parse(byte[] json) {
    return VconParser.defaults().parse(json);
  }

  /** Validates a document that must be the vCon {@code expected}: its {@code uuid} must equal the id. */
  public static Vcon parse(VconId expected, byte[] json) {
    return VconParser.defaults().parse(expected, json);
  }

  /** As {@link #parse(byte[])} for a JSON text, encoded as UTF-8. */
  public static Vcon parse(String json) {
    return parse(json.getBytes(StandardCharsets.UTF_8));
  }

  public VconId id() {
    return id;
  }

  /** The parsed {@code created_at}; empty when the document has none (or an empty string, or null). */
  public Optional<CreatedAt> createdAt() {
    return Optional.ofNullable(createdAt);
  }

  /** A copy of the JSON bytes, exactly as given. */
  public byte[] bytes() {
    return json.clone();
  }

  /** A read-only view of the JSON bytes, without copying. */
  public ByteBuffer body() {
    return ByteBuffer.wrap(json).asReadOnlyBuffer();
  }

  public InputStream openStream() {
    return new ByteArrayInputStream(json);
  }

  /** The document decoded as UTF-8 text. */
  public String text() {
    return new String(json, StandardCharsets.UTF_8);
  }

  public int size() {
    return json.length;
  }

  /** Whether both hold the same bytes (a vCon's identity is its id; its content is its bytes). */
  public boolean sameContentAs(Vcon other) {
    return Arrays.equals(json, other.json);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Vcon v && v.id.equals(id) && Arrays.equals(v.json, json);
  }

  @Override
  public int hashCode() {
    return id.hashCode() * 31 + Arrays.hashCode(json);
  }

  @Override
  public String toString() {
    return "Vcon[id=" + id + ", created_at=" + createdAt + ", " + json.length + " bytes]";
  }
}
