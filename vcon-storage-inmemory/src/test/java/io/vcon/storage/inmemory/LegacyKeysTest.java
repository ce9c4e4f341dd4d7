package io.vcon.storage.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.engine.StoreLayout;
import io.vcon.storage.tck.SampleVcons;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Old vcon-server buckets under a prefix with a trailing slash hold keys such as vcons//2024/...: opt-in fallbacks. */
class LegacyKeysTest {

  private static final String ID =
      "019f159f-2cfb-8d95-" + UUID.randomUUID().toString().substring(19);

  @Test
  void doubledSlashKeysAreFoundWhenEnabled() {
    StoreLayout layout =
        StoreLayout.vconServer("vcons/").withLegacyDoubledSlash(true).withClock(Clock.systemUTC());
    assertThat(layout.legacyDoubledSlash()).isTrue();
    try (VconStore store = InMemoryVconStore.create(layout)) {
      Vcon flat = SampleVcons.vcon("2022-01-01T00:00:00Z");
      store.rawObjects().write("vcons//" + flat.id() + ".vcon", flat.bytes());
      assertThat(store.get(flat.id()))
          .hasValueSatisfying(v -> assertThat(v.bytes()).isEqualTo(flat.bytes()));

      Vcon dated = SampleVcons.vcon(ID, "2026-06-29T23:03:01Z");
      store.rawObjects().write("vcons//2026/06/30/" + ID + ".vcon", dated.bytes());
      assertThat(store.get(VconId.of(ID)))
          .hasValueSatisfying(v -> assertThat(v.bytes()).isEqualTo(dated.bytes()));
      assertThat(store.delete(VconId.of(ID))).isTrue();
      assertThat(store.rawObjects().read("vcons//2026/06/30/" + ID + ".vcon")).isEmpty();
    }
  }

  @Test
  void doubledSlashKeysAreNotTriedByDefault() {
    StoreLayout layout = StoreLayout.vconServer("vcons/");
    assertThat(layout.fallbackKeys(VconId.of(ID))).noneMatch(k -> k.contains("//")).hasSize(4);
    assertThat(layout.withLegacyDoubledSlash(true).fallbackKeys(VconId.of(ID)))
        .hasSize(8)
        .contains("vcons//" + ID + ".vcon", "vcons//2026/06/29/" + ID + ".vcon");
    assertThat(
            StoreLayout.vconServer(null).withLegacyDoubledSlash(true).fallbackKeys(VconId.of(ID)))
        .hasSize(4);
  }
}
