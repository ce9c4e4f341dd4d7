package io.vcon.storage.fs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.tck.SampleVcons;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Directory-specific races: deletes remove empty day folders while other threads write into them. */
class FsConcurrencyTest {

  @TempDir Path dir;

  private static <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<T> results = new ArrayList<>();
      for (Future<T> f : pool.invokeAll(tasks)) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void writesSurviveDeletesEmptyingTheSameDayFolder() throws Exception {
    try (VconStore store =
        new FsVconStoreProvider().create(ProviderOptions.of(Map.of("path", dir.toString())))) {
      List<Callable<Boolean>> tasks = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        tasks.add(
            () -> {
              for (int i = 0; i < 40; i++) {
                Vcon v = SampleVcons.vcon(SampleVcons.newId(), "2024-01-15T10:00:00Z");
                store.put(v);
                if (!store.get(v.id()).map(r -> r.sameContentAs(v)).orElse(false)) {
                  return false;
                }
                store.delete(v.id());
              }
              return true;
            });
      }
      assertThat(runAll(tasks)).containsOnly(true);
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void exactlyOnePutIfAbsentWins() throws Exception {
    try (VconStore store =
        new FsVconStoreProvider().create(ProviderOptions.of(Map.of("path", dir.toString())))) {
      String id = SampleVcons.newId();
      List<Callable<Boolean>> tasks = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        Vcon v = SampleVcons.vcon(id, "2024-01-15T10:00:00Z");
        tasks.add(() -> store.putIfAbsent(v));
      }
      assertThat(runAll(tasks)).containsOnlyOnce(true);
      assertThat(store.exists(SampleVcons.vcon(id, "2024-01-15T10:00:00Z").id())).isTrue();
    }
  }
}
