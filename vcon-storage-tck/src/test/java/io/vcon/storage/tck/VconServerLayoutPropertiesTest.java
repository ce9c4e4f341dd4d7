package io.vcon.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.vcon.storage.api.VconId;
import io.vcon.storage.api.key.KeyStrategy;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The default layout passes the kit's properties, and writes exactly vcon-server's keys. */
class VconServerLayoutPropertiesTest extends KeyStrategyContract {

  @Override
  protected KeyStrategy strategyFor(String prefix) {
    return KeyStrategy.vconServer(prefix);
  }

  @Test
  void goldenKeys() {
    VconId id = VconId.of("019f15a6-a752-826f-b9a2-279e0d16bc46");
    LocalDate day = LocalDate.of(2024, 1, 15);
    assertThat(KeyStrategy.vconServer(null).objectKey(id, day))
        .isEqualTo("2024/01/15/" + id + ".vcon");
    assertThat(KeyStrategy.vconServer("").pointerKey(id)).isEqualTo("lookup/" + id + ".txt");
    assertThat(KeyStrategy.vconServer("vcons//").objectKey(id, day))
        .isEqualTo("vcons/2024/01/15/" + id + ".vcon");
    assertThat(KeyStrategy.vconServer("/").pointerKey(id)).isEqualTo("/lookup/" + id + ".txt");
    assertThat(KeyStrategy.vconServer("a/b").legacyFlatKey(id)).isEqualTo("a/b/" + id + ".vcon");
    assertThat(KeyStrategy.vconServer("a/b").dayPrefix(LocalDate.of(999, 1, 2)))
        .isEqualTo("a/b/999/01/02/");
  }
}
