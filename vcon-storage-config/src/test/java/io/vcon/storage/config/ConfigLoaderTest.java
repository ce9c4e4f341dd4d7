package io.vcon.storage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vcon.storage.api.IdPolicy;
import io.vcon.storage.api.Storage;
import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.tck.SampleVcons;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path dir;

  private static String resource(String name) throws IOException {
    try (InputStream in = ConfigLoaderTest.class.getResourceAsStream("/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static ConfigLoader loader(Map<String, String> env) {
    return ConfigLoader.builder().environment(env::get).build();
  }

  @Nested
  class VconServerConfigFile {

    @Test
    void fullConfigLoadsWithUnknownModulesSkippedAndStoresWork() throws IOException {
      VconStorageConfig config =
          ConfigLoader.builder()
              .environment(Map.of("ARCHIVE_DIR", dir.toString())::get)
              .skipUnknownModules(true)
              .build()
              .parse(resource("vcon-server-config.yml"));

      assertThat(config.storages().keySet()).containsExactly("file", "scratch");
      assertThat(config.skippedStorages()).containsExactly("mongo", "postgres", "s3", "milvus");
      assertThat(config.source()).isEmpty();
      assertThat(config.storages().get("file").module()).isEqualTo("storage.file");
      assertThat(config.storages().get("file").options()).containsEntry("path", dir.toString());
      assertThat(config.storages().get("scratch").options()).containsEntry("prefix", "scratch/");

      Vcon v = SampleVcons.vcon("2024-01-15T23:30:00-05:00");
      try (Storage storage = config.buildStorage()) {
        assertThat(storage.stores().keySet()).containsExactly("file", "scratch");
        storage.save(v);
        for (VconStore store : storage.stores().values()) {
          assertThat(store.get(v.id()))
              .hasValueSatisfying(r -> assertThat(r.bytes()).isEqualTo(v.bytes()));
        }
      }
      assertThat(Files.readAllBytes(dir.resolve("2024/01/15/" + v.id() + ".json")))
          .isEqualTo(v.bytes());
    }

    @Test
    void unknownStoragesNeedNotHaveTheirEnvironmentSet() {
      String yaml =
          "storages:\n"
              + "  mongo: { module: storage.mongo, options: { url: \"${MONGO_URL}\" } }\n"
              + "  archive: { module: storage.file,"
              + " options: { path: \"${ARCHIVE_DIR}\", id_policy: token } }\n";
      Map<String, String> env = Map.of("ARCHIVE_DIR", dir.toString());
      VconStorageConfig skipping =
          ConfigLoader.builder().environment(env::get).skipUnknownModules(true).build().parse(yaml);
      assertThat(skipping.storages().keySet()).containsExactly("archive");
      assertThat(skipping.skippedStorageModules())
          .containsExactly(Map.entry("mongo", "storage.mongo"));
      try (VconStore archive = skipping.createStore("archive")) {
        assertThat(archive.idPolicy()).isEqualTo(IdPolicy.TOKEN);
      }
      // Strict (the default): the unknown module is the error, not the variable its options use.
      assertThatThrownBy(() -> loader(env).parse(yaml))
          .isInstanceOf(StorageConfigurationException.class)
          .hasMessageStartingWith("storages.mongo.module: Unknown store module 'storage.mongo'")
          .hasMessageNotContaining("MONGO_URL");
    }

    @Test
    void unknownModuleIsReportedWithItsPathAndTheKnownModules() throws IOException {
      String yaml = resource("vcon-server-config.yml");
      assertThatThrownBy(() -> loader(Map.of("ARCHIVE_DIR", dir.toString())).parse(yaml))
          .isInstanceOf(StorageConfigurationException.class)
          .hasMessageStartingWith("storages.mongo.module: Unknown store module 'storage.mongo'")
          .hasMessageContaining("store modules found: file, memory")
          .hasMessageContaining("skipUnknownModules(true)");
    }

    @Test
    void secretsNeverReachToString() throws IOException {
      VconStorageConfig config =
          ConfigLoader.builder()
              .environment(
                  Map.of("ARCHIVE_DIR", "/srv/vcons", "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI")
                      ::get)
              .build()
              .parse(
                  "storages:\n"
                      + "  a:\n    module: memory\n    options:\n"
                      + "      aws_secret_access_key: ${AWS_SECRET_ACCESS_KEY}\n"
                      + "      password: hunter2\n"
                      + "      url: redis://user:pa55word@redis:6379/0\n"
                      + "      nested: {api_key: sk-live-123, urls: ['https://u:pw1@h/x']}\n");
      // ProviderOptions (api) masks top-level names only; our own toString masks at every depth.
      String text = config.toString() + config.storages().get("a");
      assertThat(text)
          .doesNotContain("wJalrXUtnFEMI", "hunter2", "pa55word", "sk-live-123", "pw1")
          .contains("aws_secret_access_key=****", "redis://***@redis:6379/0");
    }
  }

  @Nested
  class Interpolation {

    private Map<String, Object> optionsOf(String value, Map<String, String> env) {
      return loader(env)
          .parse("storages:\n  s:\n    module: memory\n    options:\n      v: \"" + value + "\"\n")
          .storages()
          .get("s")
          .options();
    }

    @Test
    void variablesAndDefaultsAreExpanded() {
      Map<String, String> env = Map.of("HOST", "redis.local", "EMPTY", "");
      assertThat(optionsOf("redis://${HOST}:6379", env))
          .containsEntry("v", "redis://redis.local:6379");
      assertThat(optionsOf("${PORT:-6379}", env)).containsEntry("v", "6379");
      assertThat(optionsOf("${EMPTY:-fallback}", env)).containsEntry("v", "fallback");
      assertThat(optionsOf("${HOST:-unused}", env)).containsEntry("v", "redis.local");
      assertThat(optionsOf("${MISSING:-}", env)).containsEntry("v", "");
      assertThat(optionsOf("cost: $$5 ${HOST}", env)).containsEntry("v", "cost: $5 redis.local");
    }

    @Test
    void valuesAreNotExpandedTwice() {
      assertThat(optionsOf("${A}", Map.of("A", "${B}", "B", "no"))).containsEntry("v", "${B}");
    }

    @Test
    void nestedListsAndMapsAreExpanded() {
      VconStorageConfig config =
          loader(Map.of("X", "x1"))
              .parse(
                  "storages:\n"
                      + "  s:\n"
                      + "    module: memory\n"
                      + "    options:\n"
                      + "      m: {a: [\"${X}\", 2]}\n");
      assertThat(config.storages().get("s").options().get("m"))
          .isEqualTo(Map.of("a", List.of("x1", 2)));
    }

    @Test
    void missingVariableIsNamedWithItsYamlPath() {
      assertThatThrownBy(
              () ->
                  loader(Map.of())
                      .parse(
                          "storages:\n"
                              + "  s3:\n"
                              + "    module: memory\n"
                              + "    options:\n"
                              + "      aws_bucket: ${AWS_BUCKET}\n"))
          .isInstanceOf(StorageConfigurationException.class)
          .hasMessage(
              "storages.s3.options.aws_bucket: environment variable AWS_BUCKET is not set; set it,"
                  + " or write ${AWS_BUCKET:-default} to give a default.");
    }

    @Test
    void malformedReferenceIsAnError() {
      assertThatThrownBy(() -> optionsOf("${not closed", Map.of()))
          .isInstanceOf(StorageConfigurationException.class)
          .hasMessageStartingWith("storages.s.options.v: malformed ${...} reference");
    }
  }

  @Nested
  class Errors {

    private StorageConfigurationException failure(String yaml) {
      try {
        loader(Map.of()).parse(yaml).createStores().values().forEach(VconStore::close);
      } catch (StorageConfigurationException e) {
        return e;
      }
      throw new AssertionError("expected a configuration error for:\n" + yaml);
    }

    @Test
    void structuralErrorsNameTheYamlPath() {
      assertThat(failure("- a\n- b\n"))
          .hasMessageEndingWith("the top level must be a map of sections (storages, ...)");
      assertThat(failure("storages: [a, b]\n")).hasMessageStartingWith("storages: must be a map");
      assertThat(failure("storages:\n  s3: storage.s3\n"))
          .hasMessageStartingWith("storages.s3: must be a map");
      assertThat(failure("storages:\n  s3:\n    options: {}\n"))
          .hasMessageStartingWith("storages.s3.module: required");
      assertThat(failure("storages:\n  a:\n    module: memory\n    options: [1]\n"))
          .hasMessageStartingWith("storages.a.options: must be a map");
      assertThat(failure("source:\n  module: nosuch\n"))
          .hasMessageStartingWith("source.module: Unknown source module 'nosuch'")
          .hasMessageContaining("memory");
    }

    @Test
    void providerErrorsNameTheOptionPath() {
      assertThat(
              failure(
                  "storages:\n"
                      + "  archive:\n"
                      + "    module: file\n"
                      + "    options: {path: /tmp/x, compression: zstd}\n"))
          .hasMessage("storages.archive.options.compression: must be gzip or none, was 'zstd'");
      assertThat(failure("storages:\n  mem:\n    module: memory\n    options: {prefx: a}\n"))
          .hasMessageStartingWith("storages.mem.options.prefx: unknown option");
    }

    @Test
    void invalidYamlIsReportedWithoutQuotingTheDocument() {
      StorageConfigurationException e =
          failure("storages:\n  a:\n    module: memory\n    options: {password: hunter2\n");
      assertThat(e)
          .hasMessageStartingWith("<string>: invalid YAML at line")
          .hasMessageNotContaining("hunter2");
    }

    @Test
    void duplicateKeysAreRefused() {
      assertThat(failure("storages:\n  a: {module: memory}\n  a: {module: memory}\n"))
          .hasMessageContaining("invalid YAML");
    }

    @Test
    void arbitraryTypesAreNeverConstructed() {
      assertThat(failure("storages:\n  a: !!java.io.File [\"/etc/passwd\"]\n"))
          .hasMessageContaining("invalid YAML");
      assertThat(
              failure(
                  "x: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader"
                      + " [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]\n"))
          .hasMessageContaining("invalid YAML");
    }

    @Test
    void missingFileNamesIt() {
      Path missing = dir.resolve("nope.yml");
      assertThatThrownBy(() -> ConfigLoader.builder().build().load(missing))
          .isInstanceOf(StorageConfigurationException.class)
          .hasMessageContaining(missing.toString());
    }
  }

  @Test
  void emptyFileHasNoStorages() {
    VconStorageConfig config = loader(Map.of()).parse("");
    assertThat(config.storages()).isEmpty();
    assertThatThrownBy(config::buildStorage).isInstanceOf(StorageConfigurationException.class);
  }

  @Test
  void sourceAndStoresFromAFileBuildAWorkingStorage() throws IOException {
    Path file = dir.resolve("config.yml");
    Files.writeString(
        file,
        "source: { module: memory, options: { max_document_bytes: \"${MAX:-1048576}\" } }\n"
            + "storages:\n"
            + "  archive: { module: storage.file, options: { path: \""
            + dir.resolve("archive")
            + "\", compression: gzip } }\n"
            + "  mem: { module: memory }\n");
    VconStorageConfig config = loader(Map.of()).load(file);
    assertThat(config.source()).hasValueSatisfying(s -> assertThat(s.module()).isEqualTo("memory"));
    Vcon v = SampleVcons.vcon("2024-02-03T04:05:06Z");
    try (Storage storage = config.buildStorage()) {
      assertThat(storage.source()).isPresent();
      storage.save(v);
      assertThat(storage.get(v.id()).bytes()).isEqualTo(v.bytes());
    }
    assertThat(Files.exists(dir.resolve("archive/2024/02/03/" + v.id() + ".json.gz"))).isTrue();
  }

  @Test
  void configBuiltInCodeCreatesNamedStores() {
    VconStorageConfig config =
        VconStorageConfig.builder()
            .storage("a", "memory", Map.of())
            .storage("b", "file", Map.of("path", dir.toString()))
            .build();
    Map<String, VconStore> stores = config.createStores();
    try {
      assertThat(stores.keySet()).containsExactly("a", "b");
      assertThat(config.toBuilder().build()).isEqualTo(config);
    } finally {
      stores.values().forEach(VconStore::close);
    }
    assertThatThrownBy(() -> config.createStore("c"))
        .hasMessageStartingWith("storages.c: no such storage");
  }
}
