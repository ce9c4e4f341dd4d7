package io.vcon.storage.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.vcon.storage.api.InvalidVconException.Reason;
import io.vcon.storage.internal.Texts;
import java.io.IOException;
import java.util.Arrays;

/**
 * Checks that bytes are a vCon before anything is written: one JSON object, valid UTF-8 (not UTF-16
 * or UTF-32), within size and nesting limits, no key twice in any object, with a string {@code
 * uuid} (equal to the requested id, if one was requested) and an optional ISO 8601 {@code
 * created_at}. A leading UTF-8 byte-order mark is dropped: the vCon is the JSON text after it.
 *
 * <p>It streams: only the two top-level fields it needs are read as text, the rest is checked for
 * syntax and duplicate keys and skipped, so a 50 MB vCon with an inline recording costs no tree.
 * Thread-safe; build one and share it.
 */
public final class VconParser {

  /**
   * 100 MiB: above the largest inline-recording vCons seen in practice, below what would exhaust a
   * heap.
   */
  public static final int DEFAULT_MAX_DOCUMENT_BYTES = 100 * 1024 * 1024;

  /**
   * Real vCons nest a few levels; 500 stops stack-exhausting documents long before the JVM's stack
   * does.
   */
  public static final int DEFAULT_MAX_NESTING_DEPTH = 500;

  private static final VconParser DEFAULTS = builder().build();

  private final int maxDocumentBytes;
  private final int maxNestingDepth;
  private final IdPolicy idPolicy;
  private final JsonFactory json;

  private VconParser(Builder b) {
    this.maxDocumentBytes = b.maxDocumentBytes;
    this.maxNestingDepth = b.maxNestingDepth;
    this.idPolicy = b.idPolicy;
    this.json =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(maxNestingDepth)
                    // Inline recordings are long base64 strings; the document limit bounds them
                    // instead.
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxDocumentLength(maxDocumentBytes)
                    .build())
            .build();
  }

  public static VconParser defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .maxDocumentBytes(maxDocumentBytes)
        .maxNestingDepth(maxNestingDepth)
        .idPolicy(idPolicy);
  }

  public int maxDocumentBytes() {
    return maxDocumentBytes;
  }

  public int maxNestingDepth() {
    return maxNestingDepth;
  }

  public IdPolicy idPolicy() {
    return idPolicy;
  }

  /**
   * Validates a document; its id is its {@code uuid}, checked against this parser's {@link
   * IdPolicy}.
   */
  public Vcon parse(byte[] document) {
    return scan(null, document);
  }

  /** Validates a document that must be the vCon {@code expected}. */
  public Vcon parse(VconId expected, byte[] document) {
    if (expected == null) {
      throw new IllegalArgumentException(
          "expected id is null; use parse(byte[]) to take the document's uuid");
    }
    return scan(expected, document, true);
  }

  /**
   * As {@link #parse(VconId, byte[])}, but takes over {@code document} instead of copying it. For
   * adapters that have just read the bytes (from Redis, from the network) and hold the only
   * reference: the caller must not change, keep or share the array afterwards. Saves one copy of
   * the document per read (50 MB for a 50 MB vCon).
   */
  public Vcon parseOwned(VconId expected, byte[] document) {
    if (expected == null) {
      throw new IllegalArgumentException(
          "expected id is null; use parse(byte[]) to take the document's uuid");
    }
    return scan(expected, document, false);
  }

  private Vcon scan(VconId expected, byte[] document) {
    return scan(expected, document, true);
  }

  private Vcon scan(VconId expected, byte[] document, boolean copy) {
    String subject = expected == null ? "" : " for vCon " + expected;
    String idText = expected == null ? null : expected.value();
    if (document == null) {
      throw new InvalidVconException(
          Reason.NOT_JSON, "Document" + subject + " is missing (null).", idText);
    }
    if (document.length > maxDocumentBytes) {
      throw new InvalidVconException(
          Reason.TOO_LARGE,
          "Document"
              + subject
              + " has "
              + document.length
              + " bytes, over the limit of "
              + maxDocumentBytes
              + " (max_document_bytes); raise the limit if such vCons are expected. Nothing was"
              + " written.",
          idText);
    }
    // Copy first, then check the copy: the caller cannot change the bytes between the check and the
    // write.
    byte[] owned = copy ? document.clone() : document;
    // A UTF-8 byte-order mark is not part of the JSON text (RFC 8259 §8.1) and breaks Python
    // readers that
    // decode before json.loads, vcon-server's among them: the vCon is the text after it (ADR 0020).
    if (Utf8.startsWithByteOrderMark(owned)) {
      owned = Arrays.copyOfRange(owned, 3, owned.length);
      if (Utf8.startsWithByteOrderMark(owned)) {
        // Jackson would skip this one too; no JSON reader takes two.
        throw new InvalidVconException(
            Reason.NOT_JSON,
            "Document"
                + subject
                + " starts with two byte-order marks (U+FEFF); a JSON text has at most one. "
                + "Nothing was written.",
            idText);
      }
    }
    requireUtf8(owned, subject, idText);
    TopLevelFields fields = readTopLevel(owned, subject, idText);
    if (fields.uuid == null) {
      throw new InvalidVconException(
          Reason.MISSING_UUID,
          "Document"
              + subject
              + " has no top-level string \"uuid\"; a signed (JWS) or encrypted (JWE) vCon "
              + "must be verified or decrypted before it is stored by uuid. Nothing was written.",
          idText);
    }
    VconId id;
    if (expected != null) {
      if (!expected.value().equals(fields.uuid)) {
        throw new InvalidVconException(
            Reason.UUID_MISMATCH,
            "Document requested as vCon "
                + expected
                + " has uuid "
                + Texts.quote(fields.uuid)
                + "; the source holds another vCon under this id. Nothing was written.",
            idText);
      }
      id = expected;
    } else {
      id = VconId.of(fields.uuid, idPolicy);
    }
    CreatedAt createdAt =
        fields.createdAt == null || fields.createdAt.isEmpty()
            ? null
            : CreatedAt.parse(fields.createdAt, id.value());
    return new Vcon(id, createdAt, owned);
  }

  private static final class TopLevelFields {
    String uuid;
    String createdAt;
  }

  private TopLevelFields readTopLevel(byte[] document, String subject, String idText) {
    TopLevelFields fields = new TopLevelFields();
    KeySets keys = new KeySets();
    try (JsonParser p = json.createParser(document)) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new InvalidVconException(
            Reason.NOT_AN_OBJECT,
            "Document"
                + subject
                + " is "
                + describe(first)
                + ", not a JSON object; a vCon is a JSON object. "
                + "Nothing was written.",
            idText);
      }
      keys.enter();
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        requireNew(keys, name, p, subject, idText);
        JsonToken value = p.nextToken();
        if ("uuid".equals(name)) {
          fields.uuid = requireString(p, value, "uuid", subject, idText);
        } else if ("created_at".equals(name)) {
          fields.createdAt = requireString(p, value, "created_at", subject, idText);
        } else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
          skipChecked(p, keys, subject, idText);
        }
      }
      if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw new InvalidVconException(
            Reason.NOT_JSON,
            "Document" + subject + " has content after its JSON object. Nothing was written.",
            idText);
      }
    } catch (JsonProcessingException e) {
      boolean tooDeep =
          e.getOriginalMessage() != null && e.getOriginalMessage().contains("nesting depth");
      throw new InvalidVconException(
          tooDeep ? Reason.TOO_LARGE : Reason.NOT_JSON,
          "Document"
              + subject
              + " is not valid JSON"
              + where(e)
              + ": "
              + e.getOriginalMessage()
              + (tooDeep ? " (max nesting depth " + maxNestingDepth + ")" : "")
              + ". Nothing was written.",
          idText,
          e);
    } catch (IOException e) {
      // A byte array cannot fail to read; anything else is a parser defect worth seeing as such.
      throw new IllegalStateException("reading an in-memory document failed", e);
    }
    return fields;
  }

  /**
   * Skips the object or array the parser stands on, as {@code skipChildren} would, but checks the
   * keys of every object inside it: this walk is the syntax check and the duplicate-key check in
   * one pass (ADR 0021).
   */
  private static void skipChecked(JsonParser p, KeySets keys, String subject, String idText)
      throws IOException {
    int open = 0;
    JsonToken t = p.currentToken();
    while (true) {
      switch (t) {
        case START_OBJECT -> {
          keys.enter();
          open++;
        }
        case START_ARRAY -> open++;
        case END_OBJECT -> {
          keys.exit();
          if (--open == 0) {
            return;
          }
        }
        case END_ARRAY -> {
          if (--open == 0) {
            return;
          }
        }
        case FIELD_NAME -> requireNew(keys, p.currentName(), p, subject, idText);
        default -> {
          // scalars: Jackson checks their syntax when it moves past them
        }
      }
      t = p.nextToken();
      if (t == null) {
        return; // cannot happen: Jackson reports an unclosed object or array at the end of input
      }
    }
  }

  // Two readers of one JSON text may keep the first or the last of two equal keys (RFC 8259 §4); a
  // signature
  // checked by one and a value acted on by another would then see two different vCons.
  private static void requireNew(
      KeySets keys, String name, JsonParser p, String subject, String idText) {
    if (!keys.add(name)) {
      throw new InvalidVconException(
          Reason.DUPLICATE_FIELD,
          "Document"
              + subject
              + " has the key "
              + Texts.quote(name)
              + " twice in one object (at "
              + Texts.quote(p.getParsingContext().pathAsPointer().toString())
              + "); JSON readers disagree on which value counts, so two systems could read two"
              + " different vCons. Remove the duplicate. Nothing was written.",
          idText);
    }
  }

  private static String where(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }

  private static String requireString(
      JsonParser p, JsonToken value, String field, String subject, String idText)
      throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    p.skipChildren();
    throw new InvalidVconException(
        field.equals("uuid") ? Reason.MISSING_UUID : Reason.INVALID_CREATED_AT,
        "Document"
            + subject
            + " has a \""
            + field
            + "\" that is "
            + describe(value)
            + ", not a string. "
            + "Nothing was written.",
        idText);
  }

  private static String describe(JsonToken token) {
    if (token == null) {
      return "empty";
    }
    return switch (token) {
      case START_ARRAY -> "an array";
      case START_OBJECT -> "an object";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.asString() == null ? token.name() : token.asString();
    };
  }

  // Jackson skips the bodies of strings it is not asked to read, so it does not see every encoding
  // error.
  private static void requireUtf8(byte[] document, String subject, String idText) {
    // Jackson would read UTF-16 and UTF-32 too and the bytes would be stored so (ADR 0019).
    String other = Utf8.notUtf8(document);
    if (other != null) {
      throw new InvalidVconException(
          Reason.INVALID_ENCODING,
          "Document"
              + subject
              + " "
              + other
              + "; a vCon must be UTF-8 JSON (RFC 8259 §8.1), as vcon-server writes it. Convert it"
              + " (e.g. iconv -f UTF-16 -t UTF-8) and save it again. Nothing was written.",
          idText);
    }
    int bad = Utf8.firstMalformed(document);
    if (bad >= 0) {
      throw new InvalidVconException(
          Reason.INVALID_ENCODING,
          "Document"
              + subject
              + " is not valid UTF-8 at byte "
              + bad
              + "; JSON must be UTF-8. Nothing was written.",
          idText);
    }
  }

  /** Builds a {@link VconParser}. Limits must be positive. */
  public static final class Builder {
    private int maxDocumentBytes = DEFAULT_MAX_DOCUMENT_BYTES;
    private int maxNestingDepth = DEFAULT_MAX_NESTING_DEPTH;
    private IdPolicy idPolicy = IdPolicy.UUID;

    private Builder() {}

    public Builder maxDocumentBytes(int maxDocumentBytes) {
      this.maxDocumentBytes = maxDocumentBytes;
      return this;
    }

    public Builder maxNestingDepth(int maxNestingDepth) {
      this.maxNestingDepth = maxNestingDepth;
      return this;
    }

    public Builder idPolicy(IdPolicy idPolicy) {
      this.idPolicy = idPolicy;
      return this;
    }

    public VconParser build() {
      if (maxDocumentBytes < 2) {
        throw new StorageConfigurationException(
            "max_document_bytes must be at least 2, was " + maxDocumentBytes);
      }
      if (maxNestingDepth < 1) {
        throw new StorageConfigurationException(
            "max_nesting_depth must be at least 1, was " + maxNestingDepth);
      }
      if (idPolicy == null) {
        throw new StorageConfigurationException("id_policy must be set");
      }
      return new VconParser(this);
    }
  }
}
