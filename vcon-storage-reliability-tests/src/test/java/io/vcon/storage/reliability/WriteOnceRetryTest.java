package io.vcon.storage.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconConflictException;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.reliability.FaultProxy.Fault;
import io.vcon.storage.s3.S3VconStoreProvider;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.tck.SampleVcons;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Issue 12 §3, through the network: with {@code overwrite: false}, the server stores our conditional PUT, the
 * response is lost, the SDK sends the same PUT again and gets 412 for our own write. That must count as ours
 * when the stored bytes are ours, and as a conflict when they are not. The retries are the SDK's own
 * ({@code max_retries: 1}); the proxy's log shows what each attempt got back from S3Proxy.
 */
class WriteOnceRetryTest {

  private static final S3Server S3 = S3Server.shared();
  private static final String CREATED_AT = "2024-03-09T08:30:00Z";
  private static final LocalDate DAY = LocalDate.of(2024, 3, 9);
  private static final String DROPPED_BUT_STORED = Fault.DROP_RESPONSE.label + " (upstream 200)";

  private final String prefix = "write-once-retry/" + UUID.randomUUID();
  private FaultProxy proxy;
  private VconStore store;
  private S3Client raw;
  private RawBucket bucket;

  @BeforeEach
  void start() {
    proxy = FaultProxy.http(S3.port());
    store =
        new S3VconStoreProvider()
            .create(ProviderOptions.of(WriteOnceTest.s3Options(proxy.port(), prefix)));
    raw = S3.rawClient();
    bucket = new RawBucket(raw, prefix);
  }

  @AfterEach
  void stop() {
    store.close();
    raw.close();
    proxy.close();
  }

  @Test
  @DisplayName(
      "object PUT stored but its response dropped: the retry's 412 is our own write, the save"
          + " completes")
  void droppedObjectResponse() {
    Vcon v = SampleVcons.vcon(CREATED_AT);
    String objectKey = bucket.strategy().objectKey(v.id(), DAY);
    proxy.inject(conditionalPutOf(objectKey), Fault.DROP_RESPONSE, 1);

    store.put(v);

    assertThat(attempts(objectKey)).containsExactly(DROPPED_BUT_STORED, "passes (upstream 412)");
    assertSavedExactly(v);
  }

  @Test
  @DisplayName(
      "pointer PUT stored but its response dropped: the retry's 412 is our own pointer, the save"
          + " completes")
  void droppedPointerResponse() {
    Vcon v = SampleVcons.vcon(CREATED_AT);
    String objectKey = bucket.strategy().objectKey(v.id(), DAY);
    String pointerKey = bucket.strategy().pointerKey(v.id());
    proxy.inject(conditionalPutOf(pointerKey), Fault.DROP_RESPONSE, 1);

    store.put(v);

    assertThat(attempts(objectKey)).containsExactly("passes (upstream 200)");
    assertThat(attempts(pointerKey)).containsExactly(DROPPED_BUT_STORED, "passes (upstream 412)");
    assertSavedExactly(v);
  }

  @Test
  @DisplayName(
      "other bytes already under the key (no pointer): the retried PUT's 412 is a typed conflict,"
          + " nothing changes")
  void differentBytesAlreadyThere() {
    String id = SampleVcons.newId();
    Vcon ours = Vcon.parse(SampleVcons.json(id, CREATED_AT, "ours"));
    Vcon theirs = Vcon.parse(SampleVcons.json(id, CREATED_AT, "someone else's"));
    String objectKey = bucket.strategy().objectKey(ours.id(), DAY);
    // Planted past the library, as a writer that stopped before its pointer would leave it.
    raw.putObject(
        b -> b.bucket(S3Server.BUCKET).key(objectKey), RequestBody.fromBytes(theirs.bytes()));
    proxy.inject(conditionalPutOf(objectKey), Fault.DROP_RESPONSE, 1);

    assertThatThrownBy(() -> store.put(ours))
        .isInstanceOf(VconConflictException.class)
        .hasMessageContaining(id)
        // compared with the planted copy, not mistaken for a writer that keeps saving and deleting
        .hasMessageContaining(
            "write-once (overwrite: false): the stored copy has " + theirs.size() + " bytes");

    assertThat(attempts(objectKey))
        .containsExactly(Fault.DROP_RESPONSE.label + " (upstream 412)", "passes (upstream 412)");
    assertThat(bucket.read(objectKey).orElseThrow()).isEqualTo(theirs.bytes());
    assertThat(bucket.listKeys()).as("no pointer written").containsExactly(objectKey);
  }

  /** Object and pointer hold exactly what we saved, nothing else is under the prefix, and get returns our bytes. */
  private void assertSavedExactly(Vcon v) {
    String objectKey = bucket.strategy().objectKey(v.id(), DAY);
    String pointerKey = bucket.strategy().pointerKey(v.id());
    assertThat(bucket.read(objectKey).orElseThrow()).isEqualTo(v.bytes());
    assertThat(new String(bucket.read(pointerKey).orElseThrow(), StandardCharsets.US_ASCII))
        .isEqualTo(bucket.strategy().pointerBody(DAY));
    assertThat(bucket.listKeys()).containsExactlyInAnyOrder(objectKey, pointerKey);
    assertThat(store.get(v.id()).orElseThrow().bytes()).isEqualTo(v.bytes());
  }

  private static Predicate<FaultProxy.Request> conditionalPutOf(String key) {
    return r ->
        r.method().equals("PUT")
            && r.headers().containsKey("if-none-match")
            && r.path().equals(path(key));
  }

  /** What each PUT of {@code key} went through, in order, from the proxy's log ("fault (upstream status)"). */
  private List<String> attempts(String key) {
    String start = "PUT " + path(key);
    return proxy.seen().stream()
        .filter(e -> e.startsWith(start + " ") || e.startsWith(start + "?"))
        .map(e -> e.substring(e.indexOf(" -> ") + 4))
        .toList();
  }

  private static String path(String key) {
    return "/" + S3Server.BUCKET + "/" + key;
  }
}
