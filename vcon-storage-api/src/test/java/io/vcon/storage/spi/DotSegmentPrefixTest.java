package io.vcon.storage.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.key.KeyStrategy;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Key prefixes with "." or ".." segments are refused wherever a layout is built (ADR 0022). */
class DotSegmentPrefixTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"..", ".", "../vcons", "vcons/..", "vcons/../other", "a/./b", "vcons/../", "/..", "a//../b"})
  void refused(String prefix) {
    assertThatThrownBy(() -> KeyStrategy.vconServer(prefix))
        .isInstanceOf(StorageConfigurationException.class)
        .hasMessageContaining("segment")
        .hasMessageContaining("without \".\" and \"..\" segments");
    assertThatThrownBy(() -> ProviderOptions.of(Map.of("s3_path", prefix)).withPath("storages.s3.options")
            .layout("s3_path"))
        .isInstanceOf(StorageConfigurationException.class)
        .hasMessageStartingWith("storages.s3.options.s3_path: the key prefix");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"vcons", "/", "vcons/", "a//b", "..vcons", "vcons..", ".hidden/x", "a/.../b", "v.c.o.n.s"})
  void allowed(String prefix) {
    assertThat(KeyStrategy.vconServer(prefix).root()).endsWith("/");
    assertThat(ProviderOptions.of(Map.of("prefix", prefix)).layout("prefix").keys().root())
        .isEqualTo(KeyStrategy.vconServer(prefix).root());
  }
}
