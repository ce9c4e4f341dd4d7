package io.vcon.storage.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.spi.Providers;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An S3 Inventory report, written by the test in the format AWS documents (manifest.json with
 * fileFormat CSV, a fileSchema and files[].key; gzip CSV data files under data/, quoted fields,
 * URL-encoded keys), as the listing of copy and verify instead of LIST.
 */
class S3InventoryTest {

  static final String SCHEMA =
      "Bucket, Key, VersionId, IsLatest, IsDeleteMarker, Size, LastModifiedDate, ETag";

  @TempDir Path work;

  @Test
  @DisplayName(
      "copy and verify read their keys from an S3 Inventory report: same result as listing the"
          + " store")
  void inventoryAsListing() throws IOException {
    try (VconStore source = store("source");
        VconStore target = store("target")) {
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String id = UUID.randomUUID().toString();
        source.put(ArchiveJobsTest.vcon(id, String.format("2024-05-%02dT10:00:00Z", 1 + i % 4)));
      }
      try (Stream<String> listed = source.rawObjects().list(source.rawObjects().keys().root())) {
        listed.forEach(keys::add);
      }
      Path manifest = writeInventory(keys.subList(0, keys.size()), keys.get(0));

      S3Inventory inventory = S3Inventory.open(manifest);
      assertThat(inventory.sourceBucket()).contains("vcons-source");
      VerifyReport byInventory = VerifyJob.builder(source).inventory(inventory).build().run();
      VerifyReport byListing = VerifyJob.builder(source).build().run();
      assertThat(byInventory).isEqualTo(byListing);
      assertThat(byInventory.objects()).isEqualTo(12);

      CopyReport copied = CopyJob.builder(source, target).inventory(inventory).build().run();
      assertThat(copied.copied()).isEqualTo(12);
      assertThat(VerifyJob.builder(target).build().run().clean()).isTrue();
    }
  }

  @Test
  @DisplayName(
      "a manifest that is not a CSV inventory is refused with a message saying what to give")
  void notCsv() throws IOException {
    Path manifest = work.resolve("inv/2026-01-01T00-00Z/manifest.json");
    Files.createDirectories(manifest.getParent());
    Files.writeString(
        manifest,
        "{\"sourceBucket\":\"b\",\"fileFormat\":\"Parquet\",\"fileSchema\":\"message s3 {}\","
            + "\"files\":[]}");
    assertThatThrownBy(() -> S3Inventory.open(manifest))
        .isInstanceOf(StorageConfigurationException.class)
        .hasMessageContaining("only CSV");
  }

  private VconStore store(String name) {
    return Providers.createStore(
        "file", ProviderOptions.of(Map.of("path", work.resolve(name).toString())));
  }

  /**
   * The report as S3 publishes it below CONFIG-ID: TIMESTAMP/manifest.json and data/NAME.csv.gz,
   * the keys split over two data files, plus a delete marker and an old version that must not
   * count.
   */
  private Path writeInventory(List<String> keys, String versioned) throws IOException {
    Path root = work.resolve("inventory");
    Path data = root.resolve("data");
    Files.createDirectories(data);
    String prefix = "inventory/vcons-source/daily/data/";
    int half = keys.size() / 2;
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      (i < half ? first : second).add(row(keys.get(i), "true", "false"));
    }
    second.add(row(versioned, "false", "false"));
    second.add(row("2024/05/09/" + UUID.randomUUID() + ".vcon", "true", "true"));
    gzip(data.resolve("part-1.csv.gz"), first);
    gzip(data.resolve("part-2.csv.gz"), second);
    Path manifest = root.resolve("2026-11-30T01-00Z/manifest.json");
    Files.createDirectories(manifest.getParent());
    Files.writeString(
        manifest,
        "{\n"
            + "  \"sourceBucket\" : \"vcons-source\",\n"
            + "  \"destinationBucket\" : \"arn:aws:s3:::vcons-inventory\",\n"
            + "  \"version\" : \"2016-11-30\",\n"
            + "  \"creationTimestamp\" : \"1795914000000\",\n"
            + "  \"fileFormat\" : \"CSV\",\n"
            + "  \"fileSchema\" : \""
            + SCHEMA
            + "\",\n"
            + "  \"files\" : [ {\n"
            + "    \"key\" : \""
            + prefix
            + "part-1.csv.gz\",\n"
            + "    \"size\" : 400,\n"
            + "    \"MD5checksum\" : \"00000000000000000000000000000000\"\n"
            + "  }, {\n"
            + "    \"key\" : \""
            + prefix
            + "part-2.csv.gz\",\n"
            + "    \"size\" : 400,\n"
            + "    \"MD5checksum\" : \"00000000000000000000000000000000\"\n"
            + "  } ]\n"
            + "}\n");
    return manifest;
  }

  private static String row(String key, String latest, String deleteMarker) {
    return String.join(
        ",",
        quote("vcons-source"),
        quote(URLEncoder.encode(key, StandardCharsets.UTF_8)),
        quote("v1"),
        quote(latest),
        quote(deleteMarker),
        quote("612"),
        quote("2026-11-29T10:00:00.000Z"),
        quote("0cc175b9c0f1b6a831c399e269772661"));
  }

  private static String quote(String field) {
    return "\"" + field.replace("\"", "\"\"") + "\"";
  }

  private static void gzip(Path file, List<String> lines) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }
}
