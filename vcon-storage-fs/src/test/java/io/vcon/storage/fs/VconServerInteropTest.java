package io.vcon.storage.fs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vcon.storage.api.Capability;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.tck.SampleVcons;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Directories shared with vcon-server's {@code storage.file}: what it writes (no pointers; dated, flat or gzip
 * files) we read, and what we write its reader finds. Its reader is modelled here as it is written there:
 * the flat file first, then {@code glob(path/**}{@code /<uuid>.json)}, then the same for {@code .json.gz}.
 */
class VconServerInteropTest {

  @TempDir Path dir;

  private VconStore store(Map<String, Object> extra) {
    Map<String, Object> options = new HashMap<>(extra);
    options.put("path", dir.toString());
    return new FsVconStoreProvider().create(ProviderOptions.of(options));
  }

  /** vcon-server's json.dumps output: ", " and ": " separators. */
  private static byte[] dumps(String id, String createdAt) {
    String created = createdAt == null ? "" : ", \"created_at\": \"" + createdAt + "\"";
    return ("{\"uuid\": \""
            + id
            + "\", \"vcon\": \"0.0.1\""
            + created
            + ", \"parties\": [], \"dialog\": []}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private Path writeAsVconServer(String relative, byte[] body, boolean gzip) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    try (OutputStream out =
        gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
      out.write(body);
    }
    return file;
  }

  /** vcon-server's _find_vcon_file, for compression off. */
  private Optional<Path> vconServerFind(String id) throws IOException {
    for (String ext : List.of("json", "json.gz")) {
      Path flat = dir.resolve(id + "." + ext);
      if (Files.exists(flat)) {
        return Optional.of(flat);
      }
      try (Stream<Path> all = Files.walk(dir)) {
        Optional<Path> match =
            all.filter(p -> p.getFileName().toString().equals(id + "." + ext)).findFirst();
        if (match.isPresent()) {
          return match;
        }
      }
    }
    return Optional.empty();
  }

  /** vcon-server's list_vcons: every **}{@code /*.json and *.json.gz file name, extension removed. */
  private List<String> vconServerList() throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json") || n.endsWith(".json.gz"))
          .map(n -> n.replace(".json.gz", "").replace(".json", ""))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  @Test
  void readsDatedFlatAndGzipFilesVconServerWrote() throws IOException {
    String dated = SampleVcons.newId();
    String flat = SampleVcons.newId();
    String gz = SampleVcons.newId();
    byte[] datedBody = dumps(dated, "2024-01-15T23:30:00-05:00");
    byte[] flatBody = dumps(flat, null);
    byte[] gzBody = dumps(gz, "2023-10-20T23:36:50.256+00:00");
    writeAsVconServer("2024/01/15/" + dated + ".json", datedBody, false);
    writeAsVconServer(flat + ".json", flatBody, false);
    writeAsVconServer("2023/10/20/" + gz + ".json.gz", gzBody, true);

    try (VconStore store = store(Map.of())) {
      assertThat(store.get(VconId.of(dated)))
          .hasValueSatisfying(v -> assertThat(v.bytes()).isEqualTo(datedBody));
      assertThat(store.get(VconId.of(flat)))
          .hasValueSatisfying(v -> assertThat(v.bytes()).isEqualTo(flatBody));
      assertThat(store.get(VconId.of(gz)))
          .hasValueSatisfying(v -> assertThat(v.bytes()).isEqualTo(gzBody));
      try (Stream<VconId> ids = store.list(LocalDate.of(2024, 1, 15), LocalDate.of(2024, 1, 15))) {
        assertThat(ids).containsExactly(VconId.of(dated));
      }
      try (Stream<VconId> ids =
          store.list(LocalDate.of(2023, 10, 20), LocalDate.of(2023, 10, 20))) {
        assertThat(ids).containsExactly(VconId.of(gz));
      }
      assertThat(store.delete(VconId.of(dated))).isTrue();
      assertThat(store.delete(VconId.of(gz))).isTrue();
      assertThat(store.exists(VconId.of(dated))).isFalse();
      assertThat(vconServerList()).containsExactly(flat);
    }
  }

  @Test
  void findsFilesVconServerFiledUnderADayWeCannotGuess() throws IOException {
    // vcon-server filed it under created_at's date; with no pointer only the scan fallback finds
    // it.
    String id = SampleVcons.newId();
    byte[] body = dumps(id, "2019-07-04T12:00:00Z");
    writeAsVconServer("2019/07/04/" + id + ".json", body, false);
    try (VconStore scanning = store(Map.of())) {
      assertThat(scanning.exists(VconId.of(id))).isTrue();
    }
    try (VconStore noScan = store(Map.of("scan_fallback", false))) {
      assertThat(noScan.get(VconId.of(id))).isEmpty();
      // A day hint still finds it in one read.
      assertThat(noScan.get(VconId.of(id), LocalDate.of(2019, 7, 4))).isPresent();
    }
  }

  @Test
  void whatWeWriteIsWhereVconServerLooks() throws IOException {
    Vcon v = SampleVcons.vcon(SampleVcons.newId(), "2024-01-15T23:30:00-05:00");
    try (VconStore store = store(Map.of())) {
      store.put(v);
    }
    Path expected = dir.resolve("2024/01/15/" + v.id() + ".json");
    assertThat(vconServerFind(v.id().value())).contains(expected);
    assertThat(Files.readAllBytes(expected)).isEqualTo(v.bytes());
    // Our pointer is a .txt file: vcon-server's listing does not see it, so it lists exactly the
    // vCon.
    assertThat(vconServerList()).containsExactly(v.id().value());
    assertThat(Files.readString(dir.resolve("lookup/" + v.id() + ".txt"))).isEqualTo("2024/01/15");
  }

  @Test
  void gzipFilesAreWhatGzipOpenReads() throws IOException {
    Vcon v = SampleVcons.unicode(SampleVcons.newId());
    try (VconStore store = store(Map.of("compression", "gzip"))) {
      store.put(v);
    }
    Path file = vconServerFind(v.id().value()).orElseThrow();
    assertThat(file.getFileName().toString()).endsWith(".json.gz");
    try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      assertThat(in.readAllBytes()).isEqualTo(v.bytes());
    }
  }

  @Test
  void switchingCompressionReplacesTheOtherCopy() throws IOException {
    Vcon v = SampleVcons.vcon(SampleVcons.newId(), "2024-01-15T10:00:00Z");
    try (VconStore plain = store(Map.of())) {
      plain.put(v);
    }
    try (VconStore gzip = store(Map.of("compression", "gzip"))) {
      assertThat(gzip.get(v.id())).isPresent();
      gzip.put(v);
      assertThat(gzip.get(v.id()))
          .hasValueSatisfying(r -> assertThat(r.bytes()).isEqualTo(v.bytes()));
    }
    assertThat(Files.exists(dir.resolve("2024/01/15/" + v.id() + ".json"))).isFalse();
    assertThat(Files.exists(dir.resolve("2024/01/15/" + v.id() + ".json.gz"))).isTrue();
  }

  @Test
  void deleteRemovesDirectoriesLeftEmptyAsVconServerDoes() throws IOException {
    Vcon v = SampleVcons.vcon(SampleVcons.newId(), "2024-01-15T10:00:00Z");
    try (VconStore store = store(Map.of())) {
      store.put(v);
      store.delete(v.id());
    }
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void flatLayoutWritesPathSlashUuidDotJson() throws IOException {
    Vcon v = SampleVcons.vcon(SampleVcons.newId(), "2024-01-15T10:00:00Z");
    try (VconStore store = store(Map.of("organize_by_date", false))) {
      store.put(v);
      assertThat(Files.readAllBytes(dir.resolve(v.id() + ".json"))).isEqualTo(v.bytes());
      assertThat(vconServerList()).containsExactly(v.id().value());
      assertThat(store.get(v.id()))
          .hasValueSatisfying(r -> assertThat(r.bytes()).isEqualTo(v.bytes()));
      assertThat(store.putIfAbsent(v)).isFalse();
      assertThat(store.capabilities()).doesNotContain(Capability.LIST_BY_DATE);
      assertThat(store.delete(v.id())).isTrue();
      assertThat(store.get(v.id())).isEmpty();
      assertThat(store.putIfAbsent(v)).isTrue();
      assertThat(vconServerFind(v.id().value())).contains(dir.resolve(v.id() + ".json"));
    }
  }
}
