package io.vcon.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.tck.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Golden interoperability with vcon-server's {@code storage.s3}: objects laid out with raw SDK calls exactly as
 * its {@code save} does are read by our store, and what our store writes is exactly what its {@code get} reads.
 * Keys here are spelled out literally, not computed with our own key strategy.
 */
@DisplayName("interop with vcon-server's storage.s3 on the wire")
class VconServerInteropTest {

  @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

  private static S3Client raw;

  @BeforeAll
  static void rawClient() {
    raw = S3.rawClient();
  }

  @AfterAll
  static void closeRaw() {
    raw.close();
  }

  /** What {@code json.dumps(vcon.to_dict())} produces: ", " and ": " separators, one line. */
  private static String jsonDumps(String uuid, String createdAt) {
    return "{\"uuid\": \""
        + uuid
        + "\", \"vcon\": \"0.0.1\", \"created_at\": \""
        + createdAt
        + "\", \"redacted\": {}, \"group\": [], \"parties\": [{\"tel\": \"+15551234567\", \"name\":"
        + " \"Alice\"}], \"dialog\": [], \"attachments\": [], \"analysis\": []}";
  }

  /** vcon-server's {@code s3_path.rstrip('/') + '/'}, or nothing. */
  private static String root(String s3Path) {
    return s3Path.isEmpty() ? "" : s3Path.replaceAll("/+$", "") + "/";
  }

  private static void rawPut(String key, byte[] body) {
    // boto3's put_object(Body=str) sends the UTF-8 bytes with its default content type.
    raw.putObject(
        b -> b.bucket(S3.bucket()).key(key).contentType("binary/octet-stream"),
        RequestBody.fromBytes(body));
  }

  private static ResponseBytes<GetObjectResponse> rawGet(String key) {
    return raw.getObjectAsBytes(b -> b.bucket(S3.bucket()).key(key));
  }

  private static boolean rawExists(String key) {
    try {
      raw.headObject(b -> b.bucket(S3.bucket()).key(key));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    }
  }

  /** vcon-server's {@code get}: read the pointer, strip it, read {@code [s3_path/]<date>/<uuid>.vcon}. */
  private static byte[] vconServerGet(String s3Path, String uuid) {
    String datePath = rawGet(root(s3Path) + "lookup/" + uuid + ".txt").asUtf8String().strip();
    return rawGet(root(s3Path) + datePath + "/" + uuid + ".vcon").asByteArray();
  }

  private static VconStore store(String s3Path) {
    return S3VconStore.create(S3.config(s3Path.isEmpty() ? null : s3Path).build());
  }

  @ParameterizedTest(name = "s3_path ''{0}''")
  @CsvSource({"''", "vcons/", "vcons", "a/b/c"})
  @DisplayName("a vCon saved by vcon-server (object, then pointer) is read, listed and deleted")
  void readsWhatVconServerSaved(String s3Path) {
    String uuid = UUID.randomUUID().toString();
    byte[] body = jsonDumps(uuid, "2024-01-15T23:30:00-05:00").getBytes(StandardCharsets.UTF_8);
    String objectKey = root(s3Path) + "2024/01/15/" + uuid + ".vcon";
    String pointerKey = root(s3Path) + "lookup/" + uuid + ".txt";
    rawPut(objectKey, body);
    rawPut(pointerKey, "2024/01/15".getBytes(StandardCharsets.US_ASCII));

    try (VconStore store = store(s3Path)) {
      VconId id = VconId.of(uuid);
      assertThat(store.get(id)).hasValueSatisfying(v -> assertThat(v.bytes()).isEqualTo(body));
      assertThat(store.get(id, LocalDate.of(2024, 1, 15)))
          .hasValueSatisfying(v -> assertThat(v.bytes()).isEqualTo(body));
      assertThat(store.exists(id)).isTrue();
      try (Stream<VconId> listed =
          store.list(LocalDate.of(2024, 1, 15), LocalDate.of(2024, 1, 15))) {
        assertThat(listed).contains(id);
      }
      assertThat(store.delete(id)).isTrue();
    }
    assertThat(rawExists(objectKey)).as(objectKey).isFalse();
    assertThat(rawExists(pointerKey)).as(pointerKey).isFalse();
  }

  @ParameterizedTest(name = "s3_path ''{0}''")
  @CsvSource({
    "'', 2024/01/15/",
    "vcons/, vcons/2024/01/15/",
    "vcons, vcons/2024/01/15/",
    "a/b/c, a/b/c/2024/01/15/"
  })
  @DisplayName("what our put writes is exactly what vcon-server's get reads")
  void writesWhatVconServerReads(String s3Path, String expectedFolder) {
    String uuid = UUID.randomUUID().toString();
    // The date in the timestamp's own offset, not UTC (which would be 2024-01-16).
    Vcon v = Vcon.parse(jsonDumps(uuid, "2024-01-15T23:30:00-05:00"));
    try (VconStore store = store(s3Path)) {
      store.put(v);
    }
    String pointerKey = expectedFolder.replace("2024/01/15/", "lookup/") + uuid + ".txt";
    ResponseBytes<GetObjectResponse> pointer = rawGet(pointerKey);
    assertThat(pointer.asByteArray()).isEqualTo("2024/01/15".getBytes(StandardCharsets.US_ASCII));
    assertThat(pointer.response().contentType()).isEqualTo("text/plain");
    ResponseBytes<GetObjectResponse> object = rawGet(expectedFolder + uuid + ".vcon");
    assertThat(object.asByteArray()).isEqualTo(v.bytes());
    assertThat(object.response().contentType()).isEqualTo("application/vcon+json");
    assertThat(vconServerGet(s3Path, uuid)).isEqualTo(v.bytes());
    assertThat(keysContaining(root(s3Path), uuid))
        .containsExactlyInAnyOrder(pointerKey, expectedFolder + uuid + ".vcon");
  }

  @Test
  @DisplayName("every real fixture vCon is stored byte for byte where vcon-server's get finds it")
  void fixturesLandWhereVconServerReads() {
    Pattern objectKey = Pattern.compile("fixtures/(\\d{1,4}/\\d{2}/\\d{2})/([0-9a-f-]{36})\\.vcon");
    Map<String, byte[]> fixtures = Fixtures.valid();
    assertThat(fixtures).hasSizeGreaterThan(10);
    try (VconStore store = store("fixtures/")) {
      for (Map.Entry<String, byte[]> fixture : fixtures.entrySet()) {
        // Fixtures share uuids; each gets its own so they do not overwrite each other.
        String uuid = UUID.randomUUID().toString();
        String original = Vcon.parse(fixture.getValue()).id().value();
        Vcon v =
            Vcon.parse(
                new String(fixture.getValue(), StandardCharsets.UTF_8)
                    .replace(original, uuid)
                    .getBytes(StandardCharsets.UTF_8));
        store.put(v);

        List<String> keys = keysContaining("fixtures/", uuid);
        assertThat(keys)
            .as(fixture.getKey())
            .hasSize(2)
            .contains("fixtures/lookup/" + uuid + ".txt");
        String object = keys.stream().filter(k -> k.endsWith(".vcon")).findFirst().orElseThrow();
        Matcher m = objectKey.matcher(object);
        assertThat(m.matches()).as("object key %s of %s", object, fixture.getKey()).isTrue();
        assertThat(rawGet("fixtures/lookup/" + uuid + ".txt").asUtf8String()).isEqualTo(m.group(1));
        assertThat(vconServerGet("fixtures/", uuid)).as(fixture.getKey()).isEqualTo(v.bytes());
        assertThat(store.get(v.id()))
            .hasValueSatisfying(read -> assertThat(read.bytes()).isEqualTo(v.bytes()));
      }
    }
  }

  @Test
  @DisplayName("a vCon without created_at is filed under the save day, and the pointer says so")
  void missingCreatedAtIsFoundThroughThePointer() {
    String uuid = UUID.randomUUID().toString();
    Vcon v = Vcon.parse("{\"uuid\": \"" + uuid + "\", \"vcon\": \"0.0.1\", \"parties\": []}");
    Clock clock = Clock.fixed(Instant.parse("2025-12-31T23:59:59Z"), ZoneOffset.UTC);
    try (VconStore store = S3VconStore.create(S3.config("nodate").build(), clock)) {
      store.put(v);
    }
    assertThat(rawGet("nodate/lookup/" + uuid + ".txt").asUtf8String()).isEqualTo("2025/12/31");
    assertThat(vconServerGet("nodate", uuid)).isEqualTo(v.bytes());
  }

  /** Keys under {@code prefix} that contain {@code uuid}, listed with the raw client. */
  private static List<String> keysContaining(String prefix, String uuid) {
    return raw.listObjectsV2Paginator(b -> b.bucket(S3.bucket()).prefix(prefix)).contents().stream()
        .map(S3Object::key)
        .filter(k -> k.contains(uuid))
        .collect(Collectors.toList());
  }
}
