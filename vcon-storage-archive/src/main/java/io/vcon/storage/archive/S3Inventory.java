package io.vcon.storage.archive;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vcon.storage.api.ObjectInfo;
import io.vcon.storage.api.StorageConfigurationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * An Amazon S3 Inventory report in CSV format, used as the listing of a bucket too large to LIST:
 * its {@code manifest.json} (format version 2016-11-30: {@code fileFormat}, {@code fileSchema},
 * {@code files[].key}) and the gzip-compressed CSV files it names, read from a local copy of the
 * report ({@code aws s3 sync s3://DEST/PREFIX/SOURCE-BUCKET/CONFIG-ID/ ./inventory/}). Each data
 * file is found beside the manifest's folder as S3 publishes it ({@code
 * CONFIG-ID/data/NAME.csv.gz}) or by its full key below that root. Keys in the CSV are URL-encoded
 * and are decoded here. Rows stream: the report is never held whole.
 */
public final class S3Inventory {

  private final Path manifest;
  private final String sourceBucket;
  private final List<String> columns;
  private final List<String> fileKeys;

  private S3Inventory(
      Path manifest, String sourceBucket, List<String> columns, List<String> fileKeys) {
    this.manifest = manifest;
    this.sourceBucket = sourceBucket;
    this.columns = columns;
    this.fileKeys = fileKeys;
  }

  /**
   * Reads {@code manifest.json}; throws {@link StorageConfigurationException} when it is not a CSV
   * inventory.
   */
  public static S3Inventory open(Path manifestJson) {
    String bucket = null;
    String format = null;
    String schema = null;
    List<String> files = new ArrayList<>();
    try (JsonParser p = new JsonFactory().createParser(manifestJson.toFile())) {
      expect(p.nextToken() == JsonToken.START_OBJECT, manifestJson, "not a JSON object");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "sourceBucket" -> bucket = p.getValueAsString();
          case "fileFormat" -> format = p.getValueAsString();
          case "fileSchema" -> schema = p.getValueAsString();
          case "files" -> {
            expect(value == JsonToken.START_ARRAY, manifestJson, "files is not an array");
            while (p.nextToken() == JsonToken.START_OBJECT) {
              while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals("key")) {
                  files.add(p.getValueAsString());
                } else {
                  p.skipChildren();
                }
              }
            }
          }
          default -> p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new StorageConfigurationException(
          "Cannot read the S3 Inventory manifest "
              + manifestJson
              + ": "
              + e.getMessage()
              + "; give the manifest.json of a CSV inventory report");
    }
    expect(
        "CSV".equalsIgnoreCase(format),
        manifestJson,
        "fileFormat is "
            + format
            + "; only CSV inventories are read (choose CSV in the inventory configuration)");
    expect(schema != null, manifestJson, "it has no fileSchema");
    List<String> columns = Arrays.stream(schema.split(",")).map(String::strip).toList();
    expect(columns.contains("Key"), manifestJson, "its fileSchema has no Key column");
    return new S3Inventory(manifestJson, bucket, columns, List.copyOf(files));
  }

  private static void expect(boolean ok, Path manifest, String problem) {
    if (!ok) {
      throw new StorageConfigurationException(
          "S3 Inventory manifest " + manifest + " cannot be used as a listing: " + problem);
    }
  }

  /** The bucket the inventory lists, as the manifest says. */
  public Optional<String> sourceBucket() {
    return Optional.ofNullable(sourceBucket);
  }

  /**
   * Every current object (delete markers and non-latest versions left out) whose key starts with
   * {@code keyPrefix}, with its size and ETag where the schema has them, in the report's order.
   * Close the stream.
   */
  public Stream<ObjectInfo> list(String keyPrefix) {
    int key = columns.indexOf("Key");
    int size = columns.indexOf("Size");
    int etag = columns.indexOf("ETag");
    int latest = columns.indexOf("IsLatest");
    int deleteMarker = columns.indexOf("IsDeleteMarker");
    return fileKeys.stream()
        .flatMap(this::rows)
        .filter(row -> latest < 0 || !row.get(latest).equalsIgnoreCase("false"))
        .filter(row -> deleteMarker < 0 || !row.get(deleteMarker).equalsIgnoreCase("true"))
        .map(
            row ->
                new ObjectInfo(
                    URLDecoder.decode(row.get(key), StandardCharsets.UTF_8),
                    size < 0 || row.get(size).isEmpty()
                        ? OptionalLong.empty()
                        : OptionalLong.of(Long.parseLong(row.get(size))),
                    Optional.empty(),
                    etag < 0 || row.get(etag).isEmpty()
                        ? Optional.empty()
                        : Optional.of(row.get(etag))))
        .filter(info -> info.key().startsWith(keyPrefix));
  }

  /** A data file's rows, each as many fields as the schema has columns. */
  private Stream<List<String>> rows(String fileKey) {
    Path file = locate(fileKey);
    BufferedReader reader;
    try {
      InputStream in = new GZIPInputStream(Files.newInputStream(file), 65536);
      reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read S3 Inventory file " + file + ": " + e.getMessage(), e);
    }
    return reader
        .lines()
        .map(line -> fields(line, file))
        .onClose(
            () -> {
              try {
                reader.close();
              } catch (IOException e) {
                // read only
              }
            });
  }

  private List<String> fields(String line, Path file) {
    List<String> out = new ArrayList<>(columns.size());
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    out.add(field.toString());
    if (out.size() != columns.size()) {
      throw new StorageConfigurationException(
          "S3 Inventory file "
              + file
              + " has a row of "
              + out.size()
              + " fields where the manifest's fileSchema has "
              + columns.size()
              + ": "
              + line);
    }
    return out;
  }

  /**
   * The local copy of {@code fileKey}: {@code data/NAME} beside the manifest's timestamp folder, or
   * the full key.
   */
  private Path locate(String fileKey) {
    Path root = manifest.toAbsolutePath().getParent().getParent();
    String name = fileKey.substring(fileKey.lastIndexOf('/') + 1);
    List<Path> candidates =
        List.of(
            root.resolve("data").resolve(name),
            root.resolve(fileKey),
            manifest.toAbsolutePath().getParent().resolve(name));
    return candidates.stream()
        .filter(Files::isRegularFile)
        .findFirst()
        .orElseThrow(
            () ->
                new StorageConfigurationException(
                    "S3 Inventory file "
                        + fileKey
                        + " named in "
                        + manifest
                        + " is not in "
                        + root.resolve("data")
                        + "; copy the whole report (aws s3 sync of the CONFIG-ID folder)"));
  }

  @Override
  public String toString() {
    return "S3Inventory["
        + manifest
        + ", "
        + fileKeys.size()
        + " files, "
        + String.join(",", columns).toLowerCase(Locale.ROOT)
        + "]";
  }
}
