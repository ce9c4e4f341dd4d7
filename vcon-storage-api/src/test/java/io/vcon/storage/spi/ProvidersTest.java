package io.vcon.storage.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.api.key.MissingCreatedAtPolicy;
import io.vcon.storage.engine.StoreLayout;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProvidersTest {

  static class FakeProvider implements VconStoreProvider {
    private final String id;
    private final Set<String> aliases;

    FakeProvider(String id, Set<String> aliases) {
      this.id = id;
      this.aliases = aliases;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public Set<String> aliases() {
      return aliases;
    }

    @Override
    public VconStore create(ProviderOptions options) {
      throw new StorageConfigurationException("not for this test");
    }
  }

  static class OtherProvider extends FakeProvider {
    OtherProvider() {
      super("s3", Set.of());
    }
  }

  @Test
  void selectsByIdOrAlias() {
    FakeProvider s3 = new FakeProvider("s3", Set.of("storage.s3"));
    FakeProvider file = new FakeProvider("file", Set.of("storage.file"));
    assertThat(Providers.select(List.of(s3, file), "storage.s3", "store")).isSameAs(s3);
    assertThat(Providers.select(List.of(s3, file), "file", "store")).isSameAs(file);
  }

  @Test
  void unknownIdListsWhatWasFoundAndNamesTheMissingArtifact() {
    FakeProvider file = new FakeProvider("file", Set.of());
    assertThatThrownBy(() -> Providers.select(List.of(file), "storage.s3", "store"))
        .isInstanceOf(StorageConfigurationException.class)
        .hasMessageContaining("Unknown store module 'storage.s3'; store modules found: file.")
        .hasMessageContaining("io.vcon.storage:vcon-storage-s3")
        .hasMessageContaining("add it as a dependency");
    assertThatThrownBy(() -> Providers.select(List.of(), "gcs", "store"))
        .hasMessage("Unknown store module 'gcs'; store modules found: none.");
  }

  @Test
  void duplicateIdsNameBothClasses() {
    assertThatThrownBy(
            () ->
                Providers.select(
                    List.of(new FakeProvider("s3", Set.of()), new OtherProvider()), "s3", "store"))
        .hasMessageContaining("Two store providers claim the name 's3'")
        .hasMessageContaining(FakeProvider.class.getName())
        .hasMessageContaining(OtherProvider.class.getName());
  }

  @Test
  void serviceLoaderFindsNothingInTheApiAlone() {
    assertThat(Providers.storeProviders()).isEmpty();
    assertThatThrownBy(() -> Providers.createStore("memory", ProviderOptions.empty()))
        .hasMessageContaining("io.vcon.storage:vcon-storage-inmemory");
    assertThatThrownBy(() -> Providers.sourceProvider("redis"))
        .hasMessageContaining("Unknown source module 'redis'");
  }

  @Test
  void optionsNameTheBadOptionByPath() {
    ProviderOptions o =
        ProviderOptions.of(Map.of("n", "x", "b", "maybe", "t", "soon", "big", "99"))
            .withPath("storages.s3.options");
    assertThatThrownBy(() -> o.requireString("aws_bucket"))
        .hasMessage("storages.s3.options.aws_bucket: required");
    assertThatThrownBy(() -> o.integer("n", 1, 0, 10))
        .hasMessageContaining("storages.s3.options.n: must be a whole number");
    assertThatThrownBy(() -> o.integer("big", 1, 0, 10)).hasMessageContaining("between 0 and 10");
    assertThatThrownBy(() -> o.bool("b", true)).hasMessageContaining("must be true or false");
    assertThatThrownBy(() -> o.duration("t", Duration.ZERO))
        .hasMessageContaining("must be a duration");
    assertThatThrownBy(() -> o.requireOnly(Set.of("n", "b", "t")))
        .hasMessageContaining("storages.s3.options.big: unknown option");
  }

  @Test
  void optionsParseTypedValues() {
    ProviderOptions o =
        ProviderOptions.of(
            Map.of(
                "a",
                5,
                "b",
                "yes",
                "c",
                "500ms",
                "d",
                "PT2M",
                "e",
                "30",
                "missing_created_at",
                "reject",
                "s3_path",
                "vcons/"));
    assertThat(o.integer("a", 1, 0, 10)).isEqualTo(5);
    assertThat(o.bool("b", false)).isTrue();
    assertThat(o.bool("zz", true)).isTrue();
    assertThat(o.duration("c", null)).isEqualTo(Duration.ofMillis(500));
    assertThat(o.duration("d", null)).isEqualTo(Duration.ofMinutes(2));
    assertThat(o.duration("e", null)).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.missingCreatedAt()).isEqualTo(MissingCreatedAtPolicy.REJECT);
    assertThat(StoreLayout.fromOptions(o, "s3_path").keys().root()).isEqualTo("vcons/");
    assertThatThrownBy(
            () -> ProviderOptions.of(Map.of("missing_created_at", "later")).missingCreatedAt())
        .hasMessageContaining("options.missing_created_at: must be save_time or reject");
  }

  @Test
  void nullValuesAreAbsentAsInYaml() {
    HashMap<String, Object> m = new HashMap<>();
    m.put("endpoint_url", null);
    assertThat(ProviderOptions.of(m).has("endpoint_url")).isFalse();
  }

  @Test
  void toStringMasksSecretsAndUrlCredentials() {
    ProviderOptions o =
        ProviderOptions.of(
            Map.of(
                "aws_access_key_id",
                "AKIAEXAMPLE",
                "aws_secret_access_key",
                "wJalrSECRET",
                "aws_session_token",
                "TOKENVALUE",
                "url",
                "redis://user:hunter2@host:6379/0",
                "aws_bucket",
                "vcons"));
    assertThat(o.toString())
        .doesNotContain("AKIAEXAMPLE", "wJalrSECRET", "TOKENVALUE", "hunter2", "user:")
        .contains("aws_bucket=vcons", "redis://***@host:6379/0");
    assertThat(
            ProviderOptions.of(
                Map.of(
                    "nested",
                    Map.of(
                        "api_key",
                        "K3Y",
                        "list",
                        List.of(Map.of("password", "PW"), "https://u:p4ss@h/x")))))
        .asString()
        .doesNotContain("K3Y", "PW", "p4ss")
        .contains("api_key=****", "https://***@h/x");
    assertThat(ProviderOptions.isSecret("password")).isTrue();
    assertThat(ProviderOptions.isSecret("aws_region")).isFalse();
  }
}
