package io.vcon.storage.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.spi.ProviderOptions;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Key prefixes with "." or ".." segments are refused wherever a layout is built (ADR 0022). */
class DotSegmentPrefixTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "..",
        ".",
        "../vcons",
        "vcons/..",
        "vcons/../other",
        "a/./b",
        "vcons/../",
        "/..",
        "a//../b"
      })
  void refused(String prefix) {
    assertThatThrownBy(() -> KeyStrategy.vconServer(prefix))
        .isInstanceOf(StorageConfigurationException.class)
        .hasMessageContaining("segment")
        .hasMessageContaining("without \".\" and \"..\" segments");
    ProviderOptions options =
        ProviderOptions.of(Map.of("s3_path", prefix)).withPath("storages.s3.options");
    assertThatThrownBy(() -> StoreLayout.fromOptions(options, "s3_path"))
        .isInstanceOf(StorageConfigurationException.class)
        .hasMessageStartingWith("storages.s3.options.s3_path: the key prefix");
    assertThatThrownBy(() -> options.keyPrefix("s3_path"))
        .isInstanceOf(StorageConfigurationException.class)
        .hasMessageStartingWith("storages.s3.options.s3_path: the key prefix");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "vcons",
        "/",
        "vcons/",
        "a//b",
        "..vcons",
        "vcons..",
        ".hidden/x",
        "a/.../b",
        "v.c.o.n.s"
      })
  void allowed(String prefix) {
    assertThat(KeyStrategy.vconServer(prefix).root()).endsWith("/");
    assertThat(ProviderOptions.of(Map.of("s3_path", prefix)).keyPrefix("s3_path")).contains(prefix);
    assertThat(
            StoreLayout.fromOptions(ProviderOptions.of(Map.of("prefix", prefix)), "prefix")
                .keys()
                .root())
        .isEqualTo(KeyStrategy.vconServer(prefix).root());
  }
}
