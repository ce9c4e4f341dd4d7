package io.vcon.storage.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.name.Names;
import com.google.inject.util.Modules;
import io.vcon.storage.api.IdPolicy;
import io.vcon.storage.api.Storage;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconParser;
import io.vcon.storage.api.VconSource;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.config.ConfigLoader;
import io.vcon.storage.config.VconStorageConfig;
import io.vcon.storage.inmemory.InMemoryVconSource;
import io.vcon.storage.inmemory.InMemoryVconStore;
import io.vcon.storage.tck.SampleVcons;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VconStorageModuleTest {

  @TempDir Path dir;

  private VconStorageConfig config() {
    return ConfigLoader.builder()
        .environment(Map.of("ARCHIVE_DIR", dir.toString())::get)
        .build()
        .parse(
            "source: { module: memory }\n"
                + "storages:\n"
                + "  archive: { module: storage.file, options: { path: \"${ARCHIVE_DIR}\" } }\n"
                + "  scratch: { module: memory, options: { prefix: tmp } }\n"
                + "chains: { main: { storages: [archive] } }\n");
  }

  /** An application class, injected the way users write them: jakarta.inject annotations. */
  static final class Archiver {
    final VconStore archive;
    final Map<String, VconStore> all;
    final Storage storage;

    @Inject
    Archiver(@Named("archive") VconStore archive, Map<String, VconStore> all, Storage storage) {
      this.archive = archive;
      this.all = all;
      this.storage = storage;
    }
  }

  @Test
  void idPolicyTokenFromYamlReachesTheInjectedStoresAndFacade() throws Exception {
    VconStorageConfig config =
        ConfigLoader.builder()
            .environment(Map.of("ARCHIVE_DIR", dir.toString())::get)
            .build()
            .parse(
                "source: { module: memory, options: { id_policy: token } }\n"
                    + "storages:\n"
                    + "  archive: { module: storage.file,"
                    + " options: { path: \"${ARCHIVE_DIR}\", id_policy: token } }\n"
                    + "  scratch: { module: memory, options: { id_policy: token } }\n");
    Injector injector = Guice.createInjector(VconStorageModule.fromConfig(config));
    Archiver archiver = injector.getInstance(Archiver.class);
    assertThat(archiver.archive.idPolicy()).isEqualTo(IdPolicy.TOKEN);

    Storage storage = archiver.storage;
    VconId id = storage.id("abc123"); // vcon-server's example id: not a UUID
    Vcon v =
        VconParser.builder()
            .idPolicy(IdPolicy.TOKEN)
            .build()
            .parse(
                SampleVcons.json("abc123", "2024-01-15T10:00:00Z", "")
                    .getBytes(StandardCharsets.UTF_8));
    assertThat(storage.save(v).outcomes()).allMatch(o -> o.succeeded());
    assertThat(storage.get(id).bytes()).isEqualTo(v.bytes());
    assertThat(dir.resolve("2024/01/15/abc123.json")).exists();
    assertThat(storage.delete(id)).isTrue();
    injector.getInstance(StorageLifecycle.class).close();
  }

  @Test
  void bindsNamedStoresMapSourceAndFacadeFromYaml() {
    Injector injector = Guice.createInjector(VconStorageModule.fromConfig(config()));
    Archiver archiver = injector.getInstance(Archiver.class);

    assertThat(archiver.all.keySet()).containsExactly("archive", "scratch");
    assertThat(archiver.all.get("archive")).isSameAs(archiver.archive);
    assertThat(injector.getInstance(Key.get(VconStore.class, Names.named("archive"))))
        .isSameAs(archiver.archive);
    assertThat(archiver.archive.name()).isEqualTo("file:" + dir.toAbsolutePath().normalize());
    assertThat(archiver.storage.stores()).isEqualTo(archiver.all);
    assertThat(archiver.storage).isSameAs(injector.getInstance(Storage.class));

    // The configured source is the one the facade reads from.
    InMemoryVconSource source = (InMemoryVconSource) injector.getInstance(VconSource.class);
    Vcon v = SampleVcons.vcon("2024-01-15T10:00:00Z");
    source.put(v);
    archiver.storage.save(v.id());
    assertThat(archiver.archive.get(v.id()))
        .hasValueSatisfying(r -> assertThat(r.bytes()).isEqualTo(v.bytes()));
    assertThat(archiver.all.get("scratch").exists(v.id())).isTrue();
    assertThat(Files.exists(dir.resolve("2024/01/15/" + v.id() + ".json"))).isTrue();

    StorageLifecycle lifecycle = injector.getInstance(StorageLifecycle.class);
    assertThat(lifecycle.size()).isEqualTo(3);
    lifecycle.close();
    assertThat(lifecycle.isClosed()).isTrue();
    // Closing an in-memory store drops its contents: proof that it was closed.
    assertThat(archiver.all.get("scratch").exists(v.id())).isFalse();
    assertThat(source.read(v.id())).isEmpty();
    lifecycle.close(); // idempotent
  }

  @Test
  void aTestOverridesOneStoreAndTheMapAndFacadeFollow() throws IOException {
    VconStore fake = InMemoryVconStore.create();
    Injector injector =
        Guice.createInjector(
            Modules.override(VconStorageModule.fromConfig(config()))
                .with(
                    new AbstractModule() {
                      @Override
                      protected void configure() {
                        bind(VconStore.class)
                            .annotatedWith(Names.named("archive"))
                            .toInstance(fake);
                      }
                    }));
    Archiver archiver = injector.getInstance(Archiver.class);
    assertThat(archiver.archive).isSameAs(fake);
    assertThat(archiver.all.get("archive")).isSameAs(fake);

    Vcon v = SampleVcons.vcon("2024-01-15T10:00:00Z");
    archiver.storage.save(v);
    assertThat(fake.get(v.id())).isPresent();
    try (var files = Files.list(dir)) {
      assertThat(files).as("the real archive directory was never written").isEmpty();
    }
  }

  @Test
  void storesGivenInCodeNeedNoConfiguration() {
    VconStore mem = InMemoryVconStore.create();
    Injector injector = Guice.createInjector(VconStorageModule.builder().store("mem", mem).build());
    Map<String, VconStore> all =
        injector.getInstance(Key.get(new TypeLiteral<Map<String, VconStore>>() {}));
    assertThat(all).containsExactly(Map.entry("mem", mem));
    assertThat(injector.getInstance(Key.get(new TypeLiteral<Optional<VconSource>>() {}))).isEmpty();
    assertThat(injector.getInstance(Storage.class).source()).isEmpty();
  }

  @Test
  void anotherModuleCanAddAStoreToTheMap() {
    VconStore extra = InMemoryVconStore.create();
    Injector injector =
        Guice.createInjector(
            VconStorageModule.fromConfig(config()),
            new AbstractModule() {
              @Override
              protected void configure() {
                MapBinder.newMapBinder(binder(), String.class, VconStore.class)
                    .addBinding("extra")
                    .toInstance(extra);
              }
            });
    assertThat(injector.getInstance(Storage.class).stores())
        .containsKeys("archive", "scratch", "extra");
  }

  @Test
  void productionStageReportsABadOptionWithItsYamlPathAtStartup() {
    VconStorageConfig bad =
        ConfigLoader.builder()
            .build()
            .parse(
                "storages:\n"
                    + "  archive: { module: file, options: { path: /tmp/x, compression: zstd }"
                    + " }\n");
    assertThatThrownBy(
            () -> Guice.createInjector(Stage.PRODUCTION, VconStorageModule.fromConfig(bad)))
        .isInstanceOf(CreationException.class)
        .hasMessageContaining(
            "storages.archive.options.compression: must be gzip or none, was 'zstd'");
  }

  @Test
  void aNameInBothConfigAndCodeIsRefused() {
    assertThatThrownBy(
            () ->
                VconStorageModule.builder()
                    .config(config())
                    .store("archive", InMemoryVconStore.create())
                    .build())
        .hasMessageStartingWith("storages.archive: defined in the configuration and given in code");
  }
}
