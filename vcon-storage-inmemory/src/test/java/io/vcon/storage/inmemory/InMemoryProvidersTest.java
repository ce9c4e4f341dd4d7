package io.vcon.storage.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vcon.storage.api.Capability;
import io.vcon.storage.api.IdPolicy;
import io.vcon.storage.api.InvalidVconException;
import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconSource;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.spi.Providers;
import io.vcon.storage.tck.SampleVcons;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ServiceLoader finds the memory providers on the class path, and their options are checked. */
class InMemoryProvidersTest {

  @Test
  void storeProviderIsFoundById() {
    assertThat(Providers.storeProvider("memory")).isInstanceOf(InMemoryVconStoreProvider.class);
    try (VconStore store =
        Providers.createStore(
            "memory",
            ProviderOptions.of(Map.of("prefix", "vcons/", "missing_created_at", "reject")))) {
      assertThat(store.name()).isEqualTo("memory:vcons/");
      assertThat(store.capabilities()).containsExactlyInAnyOrder(Capability.values());
      assertThatThrownBy(() -> store.put(SampleVcons.vcon(null)))
          .isInstanceOfSatisfying(
              InvalidVconException.class,
              e -> assertThat(e.reason()).isEqualTo(InvalidVconException.Reason.MISSING_CREATED_AT))
          .hasMessageContaining("missing_created_at: reject");
    }
  }

  @Test
  void unknownStoreOptionIsNamed() {
    assertThatThrownBy(
            () -> Providers.createStore("memory", ProviderOptions.of(Map.of("prefx", "x"))))
        .isInstanceOf(StorageConfigurationException.class)
        .hasMessageContaining("options.prefx: unknown option");
  }

  @Test
  void sourceProviderAppliesDocumentOptions() {
    assertThat(Providers.sourceProvider("memory").id()).isEqualTo("memory");
    try (VconSource source =
        Providers.createSource("memory", ProviderOptions.of(Map.of("id_policy", "token")))) {
      assertThat(source.name()).isEqualTo("memory-source");
      InMemoryVconSource memory = (InMemoryVconSource) source;
      memory.putRaw("SAMPLE-1", "{\"uuid\":\"SAMPLE-1\"}".getBytes(StandardCharsets.UTF_8));
      assertThat(memory.read(VconId.of("SAMPLE-1", IdPolicy.TOKEN))).isPresent();
      assertThat(memory.ids()).containsExactly(VconId.of("SAMPLE-1", IdPolicy.TOKEN));
    }
    assertThatThrownBy(
            () -> Providers.createSource("memory", ProviderOptions.of(Map.of("url", "x"))))
        .hasMessageContaining("options.url: unknown option");
  }
}
