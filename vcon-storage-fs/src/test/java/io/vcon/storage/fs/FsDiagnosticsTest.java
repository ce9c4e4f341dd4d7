package io.vcon.storage.fs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.spi.Diagnosable;
import io.vcon.storage.spi.DiagnosticOptions;
import io.vcon.storage.spi.DiagnosticResult;
import io.vcon.storage.spi.DiagnosticResult.Status;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.spi.Providers;
import io.vcon.storage.tck.SampleVcons;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsDiagnosticsTest {

  @TempDir Path dir;

  private VconStore store() {
    return Providers.createStore("file", ProviderOptions.of(Map.of("path", dir.toString())));
  }

  @Test
  @DisplayName(
      "read-only checks: directory, writable, free space; the probe is skipped and says how to run"
          + " it")
  void readOnly() {
    try (VconStore store = store()) {
      List<DiagnosticResult> results = ((Diagnosable) store).diagnose(DiagnosticOptions.readOnly());

      assertThat(results)
          .extracting(DiagnosticResult::check)
          .containsExactly("directory", "writable", "free-space", "write-probe");
      assertThat(results.get(0)).isEqualTo(DiagnosticResult.ok("directory", dir + " exists"));
      assertThat(results.get(1)).isEqualTo(DiagnosticResult.ok("writable", dir + " is writable"));
      assertThat(results.get(2).status()).isIn(Status.OK, Status.WARN);
      assertThat(results.get(2).message()).contains(" free on the file system of " + dir);
      assertThat(results.get(3))
          .isEqualTo(
              DiagnosticResult.skipped(
                  "write-probe",
                  "nothing written; add --write-probe to test put/get/delete under _doctor/"));
    }
  }

  @Test
  @DisplayName("quick (a health check): directory, writable and free space, no probe line")
  void quick() {
    try (VconStore store = store()) {
      List<DiagnosticResult> results = ((Diagnosable) store).diagnose(DiagnosticOptions.quick());

      assertThat(results)
          .extracting(DiagnosticResult::check)
          .containsExactly("directory", "writable", "free-space");
    }
  }

  @Test
  @DisplayName("the write probe works and leaves the vCons and the directory as they were")
  void writeProbe() throws IOException {
    try (VconStore store = store()) {
      Vcon vcon = SampleVcons.vcon("2024-01-15T10:00:00Z");
      store.put(vcon);
      List<Path> before;
      try (Stream<Path> files = Files.walk(dir)) {
        before = files.sorted().toList();
      }

      List<DiagnosticResult> results =
          ((Diagnosable) store).diagnose(DiagnosticOptions.withWriteProbe());

      assertThat(results.get(3).status()).isEqualTo(Status.OK);
      assertThat(results.get(3).message())
          .matches("put, get and delete of _doctor/probe-[0-9a-f-]{36}\\.txt work");
      assertThat(results.get(4))
          .isEqualTo(
              DiagnosticResult.ok(
                  "conditional-write", "create-only writes work: write-once supported"));
      try (Stream<Path> files = Files.walk(dir)) {
        assertThat(files.sorted().toList()).isEqualTo(before);
      }
      assertThat(store.get(vcon.id())).contains(vcon);
    }
  }

  @Test
  @DisplayName("sizes are printed in binary units")
  void humanSizes() {
    assertThat(FsDiagnostics.human(512)).isEqualTo("512 B");
    assertThat(FsDiagnostics.human(1536)).isEqualTo("1.5 KiB");
    assertThat(FsDiagnostics.human(3L << 30)).isEqualTo("3.0 GiB");
  }
}
