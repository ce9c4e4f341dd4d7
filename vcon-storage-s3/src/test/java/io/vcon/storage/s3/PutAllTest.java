package io.vcon.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vcon.storage.api.InvalidVconException;
import io.vcon.storage.api.StoreOutcome;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.api.key.MissingCreatedAtPolicy;
import io.vcon.storage.tck.SampleVcons;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("putAll: many saves, bounded parallelism, one outcome per vCon")
class PutAllTest {

  @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

  @Test
  @DisplayName("every vCon gets its own outcome, in order; a refused one does not stop the others")
  void perItemOutcomes() {
    List<Vcon> vcons = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      vcons.add(SampleVcons.vcon("2024-02-" + String.format("%02d", i + 1) + "T10:00:00Z"));
    }
    Vcon undated = SampleVcons.vcon(SampleVcons.newId(), null);
    vcons.add(5, undated);
    try (VconStore store =
        S3VconStore.create(
            S3.config("bulk").missingCreatedAt(MissingCreatedAtPolicy.REJECT).build())) {
      Map<VconId, StoreOutcome> outcomes = S3VconStore.putAll(store, vcons, 4);
      assertThat(outcomes.keySet())
          .containsExactlyElementsOf(vcons.stream().map(Vcon::id).toList());
      assertThat(outcomes.get(undated.id()).error())
          .hasValueSatisfying(e -> assertThat(e).isInstanceOf(InvalidVconException.class));
      assertThat(store.exists(undated.id())).isFalse();
      for (Vcon v : vcons) {
        if (v != undated) {
          assertThat(outcomes.get(v.id()).succeeded()).as("outcome of %s", v.id()).isTrue();
          assertThat(outcomes.get(v.id()).store()).isEqualTo(store.name());
          assertThat(store.get(v.id()))
              .hasValueSatisfying(read -> assertThat(read.bytes()).isEqualTo(v.bytes()));
        }
      }
    }
  }

  @Test
  @DisplayName(
      "an id given twice, or a parallelism out of range, is refused before anything is written")
  void refusesBadInput() {
    Vcon v = SampleVcons.vcon("2024-02-01T10:00:00Z");
    try (VconStore store = S3VconStore.create(S3.config("bulk").build())) {
      assertThatThrownBy(() -> S3VconStore.putAll(store, List.of(v, v), 2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("vCon " + v.id() + " appears more than once");
      assertThatThrownBy(() -> S3VconStore.putAll(store, List.of(v), 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("parallelism must be between 1 and 256, was 0");
      assertThat(store.exists(v.id())).isFalse();
      assertThat(S3VconStore.putAll(store, List.of(), 3)).isEmpty();
    }
  }
}
