package io.vcon.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.vcon.storage.api.Capability;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.spi.Providers;
import io.vcon.storage.tck.SampleVcons;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Write-once puts against S3Proxy, one writer at a time (its If-None-Match check is not atomic under races). */
class S3ConditionalWriteTest {

  @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

  @Test
  void putIfAbsentWritesOnceAndNeverReplaces() {
    try (VconStore store = S3VconStore.create(S3.config("write-once").build())) {
      assertThat(store.capabilities()).contains(Capability.CONDITIONAL_WRITE);
      String id = SampleVcons.newId();
      Vcon first = SampleVcons.vcon(id, "2024-01-15T10:00:00Z");
      assertThat(store.putIfAbsent(first)).isTrue();
      assertThat(store.putIfAbsent(SampleVcons.vcon(id, "2024-01-15T10:00:00Z"))).isFalse();
      assertThat(store.putIfAbsent(SampleVcons.vcon(id, "2025-02-02T10:00:00Z"))).isFalse();
      assertThat(store.get(first.id()).orElseThrow().bytes()).isEqualTo(first.bytes());
    }
  }

  @Test
  void putIfAbsentFinishesItsOwnInterruptedSaveButNotAnothers() {
    try (VconStore store = S3VconStore.create(S3.config("write-once").build())) {
      KeyStrategy keys = KeyStrategy.vconServer("write-once");
      Vcon v = SampleVcons.vcon("2024-01-15T10:00:00Z");
      store.rawObjects().write(keys.objectKey(v.id(), LocalDate.of(2024, 1, 15)), v.bytes());
      assertThat(store.putIfAbsent(v))
          .as("the 412 is our own earlier attempt: same bytes")
          .isTrue();
      assertThat(store.get(v.id())).isPresent();

      String id = SampleVcons.newId();
      Vcon theirs = SampleVcons.vcon(id, "2024-01-15T10:00:00Z");
      store
          .rawObjects()
          .write(keys.objectKey(theirs.id(), LocalDate.of(2024, 1, 15)), theirs.bytes());
      Vcon ours =
          Vcon.parse(
              SampleVcons.json(id, "2024-01-15T10:00:00Z", "ours")
                  .getBytes(StandardCharsets.UTF_8));
      assertThat(store.putIfAbsent(ours)).isFalse();
    }
  }

  @Test
  void conditionalWritesCanBeTurnedOff() {
    Map<String, Object> options =
        Map.of(
            "aws_bucket",
            S3.bucket(),
            "endpoint_url",
            S3.endpoint().toString(),
            "aws_region",
            "us-east-1",
            "aws_access_key_id",
            S3ProxyExtension.ACCESS_KEY,
            "aws_secret_access_key",
            S3ProxyExtension.SECRET_KEY,
            "conditional_writes",
            "false");
    try (VconStore store = Providers.createStore("s3", ProviderOptions.of(options))) {
      assertThat(store.capabilities()).doesNotContain(Capability.CONDITIONAL_WRITE);
    }
  }
}
