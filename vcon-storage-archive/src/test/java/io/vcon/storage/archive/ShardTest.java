package io.vcon.storage.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vcon.storage.api.RawObjects;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.spi.Providers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * N jobs with --shard i/N over one store cover every vCon exactly once, and their reports add up.
 */
class ShardTest {

  static final int VCONS = 200;
  static final int SHARDS = 4;

  @TempDir Path work;

  private VconStore dir(String name) {
    return Providers.createStore(
        "file", ProviderOptions.of(Map.of("path", work.resolve(name).toString())));
  }

  @Test
  @DisplayName(
      "4 copy jobs, shards 0/4..3/4: union of what they copied == a single run; none twice, none"
          + " missed")
  void shardsCoverEveryVconOnce() {
    try (VconStore source = dir("source")) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < VCONS; i++) {
        String id = UUID.randomUUID().toString();
        ids.add(id);
        source.put(
            ArchiveJobsTest.vcon(
                id, String.format("2024-%02d-%02dT10:00:00Z", 1 + i % 3, 1 + i % 27)));
      }
      // A defect, so the verify counts have something to add up.
      RawObjects raw = source.rawObjects();
      raw.delete(raw.keys().pointerKey(VconId.of(ids.get(7))));

      long copied = 0;
      int objects = 0;
      int pointers = 0;
      int orphans = 0;
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < SHARDS; i++) {
        try (VconStore target = dir("part-" + i)) {
          CopyReport part =
              CopyJob.builder(source, target).shard(new Shard(i, SHARDS)).build().run();
          copied += part.copied();
          assertThat(part.copied())
              .as("shard %d/%d holds a fair part", i, SHARDS)
              .isBetween(20L, 80L);
          try (Stream<String> keys = target.rawObjects().list(target.rawObjects().keys().root())) {
            keys.map(k -> target.rawObjects().keys().parseObjectKey(k))
                .flatMap(Optional::stream)
                .forEach(
                    k ->
                        assertThat(seen.add(k.id().value()))
                            .as("copied twice: %s", k.id())
                            .isTrue());
          }
        }
        VerifyReport check = VerifyJob.builder(source).shard(new Shard(i, SHARDS)).build().run();
        objects += check.objects();
        pointers += check.pointers();
        orphans += check.counts().getOrDefault(FindingKind.ORPHAN, 0);
      }
      assertThat(copied).isEqualTo(VCONS);
      assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);

      VerifyReport whole = VerifyJob.builder(source).build().run();
      assertThat(objects).isEqualTo(whole.objects()).isEqualTo(VCONS);
      assertThat(pointers).isEqualTo(whole.pointers()).isEqualTo(VCONS - 1);
      assertThat(orphans).isEqualTo(whole.counts().get(FindingKind.ORPHAN)).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("auto/N reads the index of a Kubernetes Indexed Job or an AWS Batch array job")
  void autoIndex() {
    assertThat(Shard.parse("auto/8", Map.of("JOB_COMPLETION_INDEX", "3")::get))
        .isEqualTo(new Shard(3, 8));
    assertThat(Shard.parse("auto/8", Map.of("AWS_BATCH_JOB_ARRAY_INDEX", "5")::get))
        .isEqualTo(new Shard(5, 8));
    assertThat(Shard.parse(" 2/4 ", Map.<String, String>of()::get)).isEqualTo(new Shard(2, 4));
    assertThatThrownBy(() -> Shard.parse("auto/8", Map.<String, String>of()::get))
        .hasMessageContaining("JOB_COMPLETION_INDEX")
        .hasMessageContaining("AWS_BATCH_JOB_ARRAY_INDEX");
    assertThatThrownBy(() -> Shard.parse("4/4", Map.<String, String>of()::get))
        .hasMessageContaining("0 <= i < N");
    assertThatThrownBy(() -> Shard.parse("x", Map.<String, String>of()::get))
        .hasMessageContaining("i/N");
  }
}
