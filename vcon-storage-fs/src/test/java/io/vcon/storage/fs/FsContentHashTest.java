package io.vcon.storage.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vcon.storage.api.ContentHash;
import io.vcon.storage.api.IntegrityException;
import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.tck.SampleVcons;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Content hashes as extended attributes (ADR 0013), checked against files changed behind the store's back. */
@DisplayName("file store content hashes")
class FsContentHashTest {

  @TempDir Path dir;

  private VconStore store(Map<String, Object> extra) {
    Map<String, Object> options = new HashMap<>(extra);
    options.put("path", dir.toString());
    return new FsVconStoreProvider().create(ProviderOptions.of(options));
  }

  private static String attribute(Path file) throws Exception {
    UserDefinedFileAttributeView view =
        Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
    ByteBuffer value = ByteBuffer.allocate(view.size(FsObjectBackend.HASH_ATTRIBUTE));
    view.read(FsObjectBackend.HASH_ATTRIBUTE, value);
    return new String(value.array(), StandardCharsets.US_ASCII);
  }

  @Test
  @DisplayName(
      "the hash is the file's user.vcon.content-hash attribute; one flipped bit anywhere is caught")
  void flippedBitsAreCaught() throws Exception {
    Vcon v = SampleVcons.vcon("2024-01-15T10:00:00Z");
    Path file = dir.resolve("2024/01/15/" + v.id() + ".json");
    try (VconStore store = store(Map.of())) {
      store.put(v);
      assertThat(attribute(file)).isEqualTo(ContentHash.sha512(v.bytes()).value());
      for (long index : new long[] {0, v.bytes().length / 2, v.bytes().length - 1}) {
        FsFiles.flipByte(file, index);
        assertThatThrownBy(() -> store.get(v.id()))
            .as("bit flipped at byte %d", index)
            .isInstanceOfSatisfying(
                IntegrityException.class,
                e -> {
                  assertThat(e.key()).isEqualTo("2024/01/15/" + v.id() + ".vcon");
                  assertThat(e.expected()).contains(ContentHash.sha512(v.bytes()).value());
                });
        FsFiles.flipByte(file, index);
        assertThat(store.get(v.id()))
            .hasValueSatisfying(r -> assertThat(r.bytes()).isEqualTo(v.bytes()));
      }
    }
  }

  @Test
  @DisplayName(
      "the hash covers the vCon's bytes, not the gzip stream, and survives a switch of compression")
  void gzipHashesTheVcon() throws Exception {
    Vcon v = SampleVcons.vcon("2024-01-15T10:00:00Z");
    try (VconStore gz = store(Map.of("compression", "gzip"))) {
      gz.put(v);
      assertThat(attribute(dir.resolve("2024/01/15/" + v.id() + ".json.gz")))
          .isEqualTo(ContentHash.sha512(v.bytes()).value());
    }
    try (VconStore plain = store(Map.of("content_hash", "require"))) {
      assertThat(plain.get(v.id()))
          .hasValueSatisfying(r -> assertThat(r.bytes()).isEqualTo(v.bytes()));
    }
  }

  @Test
  @DisplayName("flat directories and vCons found by the scan fallback are checked too")
  void flatAndScannedFilesAreChecked() {
    Vcon v = SampleVcons.vcon("2024-01-15T10:00:00Z");
    try (VconStore flat = store(Map.of("organize_by_date", false))) {
      flat.put(v);
      Path file = dir.resolve(v.id() + ".json");
      FsFiles.flipByte(file, 3);
      assertThatThrownBy(() -> flat.get(v.id())).isInstanceOf(IntegrityException.class);
      FsFiles.flipByte(file, 3);
      // Moved by hand into a folder no pointer names: only the scan finds it, and it still checks
      // the hash.
      Path elsewhere = dir.resolve("archive/" + v.id() + ".json");
      try {
        Files.createDirectories(elsewhere.getParent());
        Files.move(file, elsewhere);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      assertThat(flat.get(v.id())).isPresent();
      FsFiles.flipByte(elsewhere, 5);
      assertThatThrownBy(() -> flat.get(v.id())).isInstanceOf(IntegrityException.class);
    }
  }

  @Test
  @DisplayName("content_hash: off records nothing, and an unknown mode names the option")
  void offAndBadOption() throws Exception {
    Vcon v = SampleVcons.vcon("2024-01-15T10:00:00Z");
    try (VconStore off = store(Map.of("content_hash", "off"))) {
      off.put(v);
      Path file = dir.resolve("2024/01/15/" + v.id() + ".json");
      assertThat(Files.getFileAttributeView(file, UserDefinedFileAttributeView.class).list())
          .isEmpty();
    }
    assertThatThrownBy(() -> store(Map.of("content_hash", "md5")))
        .isInstanceOf(StorageConfigurationException.class)
        .hasMessageContaining("content_hash");
  }
}
