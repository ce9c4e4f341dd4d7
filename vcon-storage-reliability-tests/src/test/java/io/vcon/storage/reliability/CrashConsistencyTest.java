package io.vcon.storage.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vcon.storage.api.BackendException;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.reliability.FaultProxy.Fault;
import io.vcon.storage.s3.S3VconStore;
import io.vcon.storage.tck.SampleVcons;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A save interrupted between its object and its pointer (the proxy fails every PUT of the pointer), and a delete
 * interrupted between its object and its pointer. The pointer is the commit marker: a failed save leaves at most
 * an orphan object, never a pointer to nothing, and the previous copy stays findable.
 */
class CrashConsistencyTest {

  private static final S3Server S3 = S3Server.shared();
  private static FaultProxy proxy;
  private static S3Client raw;
  private static int n;

  @BeforeAll
  static void start() {
    proxy = FaultProxy.http(S3.port());
    raw = S3.rawClient();
  }

  @AfterAll
  static void stop() {
    proxy.close();
    raw.close();
  }

  private static VconStore store(String prefix) {
    return S3VconStore.create(
        S3.config(proxy.port(), prefix).maxRetries(1).apiTimeout(Duration.ofSeconds(10)).build());
  }

  private static void failPointerPuts() {
    proxy.clear();
    proxy.inject(
        r -> r.method().equals("PUT") && r.isPointer(),
        Fault.INTERNAL_ERROR_500,
        Integer.MAX_VALUE);
  }

  @Test
  @DisplayName(
      "a first save that fails before its pointer leaves an orphan object and no pointer; get finds"
          + " nothing")
  void firstSaveCrash() {
    String prefix = "crash/" + (++n);
    RawBucket bucket = new RawBucket(raw, prefix);
    Vcon v =
        SampleVcons.vcon(
            "2024-01-15T10:00:00Z"); // a UUIDv4: no date in the id to find the orphan by
    try (VconStore store = store(prefix)) {
      failPointerPuts();
      assertThatThrownBy(() -> store.put(v)).isInstanceOf(BackendException.class);
      proxy.clear();
      assertThat(bucket.listKeys())
          .containsExactly(bucket.strategy().objectKey(v.id(), LocalDate.of(2024, 1, 15)));
      assertThat(bucket.pointerProblems()).isEmpty();
      assertThat(store.get(v.id())).isEmpty();
      assertThat(store.exists(v.id())).isFalse();
      store.put(v); // the retry commits it
      assertThat(store.get(v.id()).orElseThrow().bytes()).isEqualTo(v.bytes());
    }
  }

  @Test
  @DisplayName(
      "an overwrite to another day that fails before its pointer keeps the previous copy intact and"
          + " found")
  void overwriteToAnotherDayCrash() {
    String prefix = "crash/" + (++n);
    RawBucket bucket = new RawBucket(raw, prefix);
    String id = SampleVcons.newId();
    Vcon v1 = Vcon.parse(SampleVcons.json(id, "2024-01-15T10:00:00Z", "v1"));
    Vcon v2 = Vcon.parse(SampleVcons.json(id, "2024-03-02T10:00:00Z", "v2, a later edit"));
    try (VconStore store = store(prefix)) {
      store.put(v1);
      failPointerPuts();
      assertThatThrownBy(() -> store.put(v2)).isInstanceOf(BackendException.class);
      proxy.clear();
      assertThat(store.get(v1.id()).orElseThrow().bytes()).isEqualTo(v1.bytes());
      assertThat(bucket.pointerProblems()).isEmpty();
      assertThat(bucket.read(bucket.strategy().pointerKey(v1.id())).orElseThrow())
          .asString()
          .isEqualTo("2024/01/15");
      // v2's object is an orphan under its own day until a retried save commits it.
      assertThat(bucket.listKeys())
          .contains(bucket.strategy().objectKey(v2.id(), LocalDate.of(2024, 3, 2)));
      store.put(v2);
      assertThat(store.get(v2.id()).orElseThrow().bytes()).isEqualTo(v2.bytes());
    }
  }

  @Test
  @DisplayName(
      "an overwrite on the same day that fails at its pointer: get returns a whole copy, old or"
          + " new, never nothing")
  void overwriteOnSameDayCrash() {
    String prefix = "crash/" + (++n);
    RawBucket bucket = new RawBucket(raw, prefix);
    String id = SampleVcons.newId();
    Vcon v1 = Vcon.parse(SampleVcons.json(id, "2024-01-15T10:00:00Z", "v1"));
    Vcon v2 = Vcon.parse(SampleVcons.json(id, "2024-01-15T10:00:00Z", "v2, same day"));
    try (VconStore store = store(prefix)) {
      store.put(v1);
      failPointerPuts();
      assertThatThrownBy(() -> store.put(v2)).isInstanceOf(BackendException.class);
      proxy.clear();
      // One key holds the day's copy, and S3 replaces it in one PUT: the object PUT succeeded, so
      // the new copy is
      // what is there (docs/reliability.md: bucket versioning keeps the old one).
      byte[] found = store.get(id(v1)).orElseThrow().bytes();
      assertThat(found)
          .satisfiesAnyOf(
              b -> assertThat(b).isEqualTo(v1.bytes()), b -> assertThat(b).isEqualTo(v2.bytes()));
      assertThat(bucket.pointerProblems()).isEmpty();
    }
  }

  @Test
  @DisplayName(
      "a delete that fails between object and pointer: get finds nothing, a retried delete removes"
          + " the pointer")
  void deleteCrash() {
    String prefix = "crash/" + (++n);
    RawBucket bucket = new RawBucket(raw, prefix);
    Vcon v = SampleVcons.vcon("2024-01-15T10:00:00Z");
    try (VconStore store = store(prefix)) {
      store.put(v);
      proxy.clear();
      proxy.inject(
          r -> r.method().equals("DELETE") && r.isPointer(),
          Fault.INTERNAL_ERROR_500,
          Integer.MAX_VALUE);
      assertThatThrownBy(() -> store.delete(v.id())).isInstanceOf(BackendException.class);
      proxy.clear();
      assertThat(store.get(v.id())).isEmpty();
      assertThat(store.exists(v.id())).isFalse();
      assertThat(bucket.listKeys()).containsExactly(bucket.strategy().pointerKey(v.id()));
      assertThat(store.delete(v.id())).isTrue();
      assertThat(bucket.listKeys()).isEmpty();
    }
  }

  private static VconId id(Vcon v) {
    return v.id();
  }
}
