package io.vcon.storage.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vcon.storage.api.BackendException;
import io.vcon.storage.api.InvalidVconException;
import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.engine.ObjectBackend.ObjectKind;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.spi.Providers;
import io.vcon.storage.tck.SampleVcons;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FsVconStoreProviderTest {

  @TempDir Path dir;

  @Test
  void foundByIdAndByVconServerModuleName() {
    for (String name : new String[] {"file", "storage.file"}) {
      try (VconStore store =
          Providers.createStore(name, ProviderOptions.of(Map.of("path", dir.toString())))) {
        Vcon v = SampleVcons.vcon("2024-01-15T10:00:00Z");
        store.put(v);
        assertThat(store.get(v.id())).isPresent();
        assertThat(store.name()).isEqualTo("file:" + dir.toAbsolutePath().normalize());
      }
    }
  }

  @Test
  void unknownOptionIsNamedWithItsPath() {
    ProviderOptions options =
        ProviderOptions.of(Map.of("path", dir.toString(), "organise_by_date", true))
            .withPath("storages.archive.options");
    assertThatThrownBy(() -> Providers.createStore("storage.file", options))
        .isInstanceOf(StorageConfigurationException.class)
        .hasMessageStartingWith("storages.archive.options.organise_by_date: unknown option")
        .hasMessageContaining("organize_by_date");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "compression=zstd",
        "file_permissions=644",
        "dir_permissions=rwxr-x",
        "max_file_size=-1",
        "organize_by_date=maybe"
      })
  void badValuesNameTheOption(String setting) {
    String[] kv = setting.split("=");
    ProviderOptions options =
        ProviderOptions.of(Map.of("path", dir.toString(), kv[0], kv[1]))
            .withPath("storages.fs.options");
    assertThatThrownBy(() -> Providers.createStore("file", options))
        .isInstanceOf(StorageConfigurationException.class)
        .hasMessageStartingWith("storages.fs.options." + kv[0] + ":");
  }

  @Test
  void permissionsAreApplied() throws IOException {
    Assumptions.assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "POSIX file system only");
    // 416 is what YAML 1.1 makes of 0640; 0o750 is how vcon-server's Python default is written.
    try (VconStore store =
        Providers.createStore(
            "file",
            ProviderOptions.of(
                Map.of(
                    "path",
                    dir.toString(),
                    "file_permissions",
                    416,
                    "dir_permissions",
                    "0o750")))) {
      Vcon v = SampleVcons.vcon("2024-01-15T10:00:00Z");
      store.put(v);
      Path file = dir.resolve("2024/01/15/" + v.id() + ".json");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-r-----");
      assertThat(
              PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("2024/01"))))
          .isEqualTo("rwxr-x---");
    }
  }

  @Test
  void maxFileSizeRejectsLargerVconsBeforeWriting() throws IOException {
    try (VconStore store =
        Providers.createStore(
            "file", ProviderOptions.of(Map.of("path", dir.toString(), "max_file_size", 100)))) {
      Vcon v = SampleVcons.vcon("2024-01-15T10:00:00Z");
      assertThatThrownBy(() -> store.put(v))
          .isInstanceOf(InvalidVconException.class)
          .hasMessageContaining("max_file_size (100)")
          .hasMessageContaining(v.id().value());
      try (var files = Files.list(dir)) {
        assertThat(files).isEmpty();
      }
    }
  }

  @Test
  void keysThatWouldLeaveTheRootAreRejected() {
    FsObjectBackend backend =
        new FsObjectBackend(dir.resolve("root"), "file:test", false, null, null, out -> out, true);
    ByteBuffer body = ByteBuffer.wrap(new byte[] {'{', '}'});
    for (String key :
        new String[] {
          "../escape.txt", "a/../../escape.txt", "/etc/passwd", "a//b.txt", "a\\b.txt", ""
        }) {
      assertThatThrownBy(() -> backend.write(key, body, ObjectKind.VCON))
          .as(key)
          .isInstanceOf(BackendException.class)
          .hasMessageContaining("does not name a file inside file:test");
    }
    assertThat(Files.exists(dir.resolve("escape.txt"))).isFalse();
  }
}
