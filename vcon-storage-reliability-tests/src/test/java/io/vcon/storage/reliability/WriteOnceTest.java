package io.vcon.storage.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconConflictException;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.fs.FsVconStoreProvider;
import io.vcon.storage.reliability.FaultProxy.Fault;
import io.vcon.storage.s3.S3VconStoreProvider;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.tck.SampleVcons;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code overwrite: false}: put becomes putIfAbsent, a different copy is a conflict, the same copy succeeds. */
class WriteOnceTest {

  private static final S3Server S3 = S3Server.shared();
  private static int n;

  static Map<String, Object> s3Options(int port, String prefix) {
    Map<String, Object> o = new HashMap<>();
    o.put("aws_bucket", S3Server.BUCKET);
    o.put("aws_region", "us-east-1");
    o.put("endpoint_url", "http://127.0.0.1:" + port);
    o.put("aws_access_key_id", S3Server.ACCESS_KEY);
    o.put("aws_secret_access_key", S3Server.SECRET_KEY);
    o.put("s3_path", prefix);
    o.put("max_retries", 1);
    o.put("overwrite", false);
    return o;
  }

  abstract static class WriteOnceBehaviour {
    abstract VconStore store();

    @Test
    @DisplayName(
        "the same copy twice succeeds; a different copy is a VconConflictException and changes"
            + " nothing")
    void sameSucceedsDifferentConflicts() {
      String id = SampleVcons.newId();
      Vcon v1 = Vcon.parse(SampleVcons.json(id, "2024-01-15T10:00:00Z", "original"));
      Vcon v2 = Vcon.parse(SampleVcons.json(id, "2024-01-15T10:00:00Z", "tampered"));
      Vcon v3 = Vcon.parse(SampleVcons.json(id, "2024-05-05T10:00:00Z", "other day"));
      try (VconStore store = store()) {
        store.put(v1);
        store.put(v1);
        assertThatThrownBy(() -> store.put(v2))
            .isInstanceOf(VconConflictException.class)
            .hasMessageContaining(id)
            .hasMessageContaining("write-once");
        assertThatThrownBy(() -> store.put(v3)).isInstanceOf(VconConflictException.class);
        assertThat(store.get(v1.id()).orElseThrow().bytes()).isEqualTo(v1.bytes());
        assertThat(store.rawObjects().list("").filter(k -> k.contains(id)).toList())
            .hasSize(2); // object + pointer
        assertThat(store.delete(v1.id())).isTrue();
        store.put(v2); // after a delete the id is free again
        assertThat(store.get(v2.id()).orElseThrow().bytes()).isEqualTo(v2.bytes());
      }
    }
  }

  @Nested
  @DisplayName("S3 store against S3Proxy (If-None-Match: *, 412 on the second PUT)")
  class S3WriteOnce extends WriteOnceBehaviour {
    @Override
    VconStore store() {
      return new S3VconStoreProvider()
          .create(ProviderOptions.of(s3Options(S3.port(), "write-once/" + (++n))));
    }

    @Test
    @DisplayName(
        "a server that ignores If-None-Match is detected before the first write, with a clear"
            + " error")
    void serverIgnoringConditionalWrites() {
      String prefix = "write-once/" + (++n);
      try (FaultProxy proxy = FaultProxy.http(S3.port());
          VconStore store =
              new S3VconStoreProvider()
                  .create(ProviderOptions.of(s3Options(proxy.port(), prefix)));
          S3Client raw = S3.rawClient()) {
        proxy.inject(
            r -> r.headers().containsKey("if-none-match"),
            Fault.IGNORE_CONDITION,
            Integer.MAX_VALUE);
        Vcon v = SampleVcons.vcon("2024-01-15T10:00:00Z");
        assertThatThrownBy(() -> store.put(v))
            .isInstanceOf(StorageConfigurationException.class)
            .hasMessageContaining("ignored If-None-Match")
            .hasMessageContaining("overwrite: true");
        assertThat(new RawBucket(raw, prefix).listKeys())
            .as("nothing written, probe removed")
            .isEmpty();
      }
    }
  }

  @Nested
  @DisplayName("file store (hard-link create-new)")
  class FsWriteOnce extends WriteOnceBehaviour {
    @TempDir Path dir;

    @Test
    @DisplayName(
        "8 writers racing with different copies of one id: one copy wins, every other writer gets a"
            + " conflict")
    void racingWriters() throws Exception {
      String id = SampleVcons.newId();
      List<Vcon> copies = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        copies.add(Vcon.parse(SampleVcons.json(id, "2024-01-15T10:00:00Z", "writer " + i)));
      }
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try (VconStore store = store()) {
        List<Future<Boolean>> results = new ArrayList<>();
        for (Vcon c : copies) {
          results.add(
              pool.submit(
                  () -> {
                    try {
                      store.put(c);
                      return true;
                    } catch (VconConflictException e) {
                      return false;
                    }
                  }));
        }
        List<Integer> winners = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
          if (results.get(i).get(60, TimeUnit.SECONDS)) {
            winners.add(i);
          }
        }
        assertThat(winners).hasSize(1);
        assertThat(store.get(copies.get(0).id()).orElseThrow().bytes())
            .isEqualTo(copies.get(winners.get(0)).bytes());
      } finally {
        pool.shutdownNow();
      }
    }

    @Override
    VconStore store() {
      return new FsVconStoreProvider()
          .create(ProviderOptions.of(Map.of("path", dir.toString(), "overwrite", false)));
    }
  }
}
