package io.vcon.storage.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vcon.storage.api.BackendException;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.tck.SampleVcons;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A write that dies midway leaves the previous copy intact and no temporary file behind. */
class AtomicWriteTest {

  @TempDir Path dir;

  /** Fails every write after {@code limit} bytes while {@code failing} is set, as a full disk or a crash would. */
  private static final class DyingStream extends FilterOutputStream {
    private final AtomicBoolean failing;
    private long written;

    DyingStream(OutputStream out, AtomicBoolean failing) {
      super(out);
      this.failing = failing;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (failing.get() && written + len > 100) {
        int part = (int) Math.max(0, 100 - written);
        out.write(b, off, part);
        written += part;
        throw new IOException("No space left on device (injected)");
      }
      out.write(b, off, len);
      written += len;
    }
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile).collect(Collectors.toList());
    }
  }

  @ParameterizedTest(name = "compression {0}")
  @ValueSource(strings = {"none", "gzip"})
  void failedOverwriteKeepsTheOldCopyAndLeavesNoTempFile(String compression) throws IOException {
    AtomicBoolean failing = new AtomicBoolean(false);
    FsVconStore store =
        FsVconStoreProvider.create(
            ProviderOptions.of(Map.of("path", dir.toString(), "compression", compression)),
            out -> new DyingStream(out, failing));
    String id = SampleVcons.newId();
    Vcon first = SampleVcons.vcon(id, "2024-01-15T10:00:00Z");
    store.put(first);
    List<Path> before = files();

    failing.set(true);
    Vcon second =
        Vcon.parse(
            SampleVcons.json(id, "2024-01-15T10:00:00Z", "y".repeat(5000))
                .getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> store.put(second))
        .isInstanceOf(BackendException.class)
        .hasMessageContaining("No space left on device")
        .hasMessageContaining("previous copy");
    // Also a failed save that would move the vCon to another day: the pointer still names the old
    // one.
    Vcon moved = SampleVcons.vcon(id, "2025-02-02T10:00:00Z");
    assertThatThrownBy(() -> store.put(moved)).isInstanceOf(BackendException.class);

    failing.set(false);
    assertThat(store.get(first.id()))
        .hasValueSatisfying(v -> assertThat(v.bytes()).isEqualTo(first.bytes()));
    assertThat(files()).containsExactlyInAnyOrderElementsOf(before);
    assertThat(files())
        .noneMatch(f -> f.getFileName().toString().startsWith(FsObjectBackend.TEMP_PREFIX));
  }

  @Test
  void failedFirstWriteLeavesNothing() throws IOException {
    FsVconStore store =
        FsVconStoreProvider.create(
            ProviderOptions.of(Map.of("path", dir.toString())),
            out -> new DyingStream(out, new AtomicBoolean(true)));
    Vcon v = SampleVcons.vcon(SampleVcons.newId(), "2024-01-15T10:00:00Z");
    assertThatThrownBy(() -> store.put(v)).isInstanceOf(BackendException.class);
    assertThat(store.get(v.id())).isEmpty();
    assertThat(store.exists(v.id())).isFalse();
    assertThat(files()).isEmpty();
  }

  @Test
  void leftoverTempFilesFromACrashAreNeitherListedNorRead() throws IOException {
    FsVconStore store =
        FsVconStoreProvider.create(ProviderOptions.of(Map.of("path", dir.toString())), out -> out);
    Vcon v = SampleVcons.vcon(SampleVcons.newId(), "2024-01-15T10:00:00Z");
    Path day = Files.createDirectories(dir.resolve("2024/01/15"));
    Files.write(
        day.resolve(FsObjectBackend.TEMP_PREFIX + "1234-" + v.id() + ".json"),
        "{\"uuid\":".getBytes(StandardCharsets.UTF_8));
    assertThat(store.get(v.id())).isEmpty();
    try (Stream<String> keys = store.rawObjects().list("")) {
      assertThat(keys).isEmpty();
    }
    store.put(v);
    assertThat(store.get(v.id()))
        .hasValueSatisfying(r -> assertThat(r.bytes()).isEqualTo(v.bytes()));
  }
}
