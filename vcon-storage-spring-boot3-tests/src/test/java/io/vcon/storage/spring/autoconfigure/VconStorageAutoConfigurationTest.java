package io.vcon.storage.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vcon.storage.api.Storage;
import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconSource;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.config.StorageDecorator;
import io.vcon.storage.config.VconStorageConfig;
import io.vcon.storage.inmemory.InMemoryVconSource;
import io.vcon.storage.inmemory.InMemoryVconStore;
import io.vcon.storage.micrometer.DefaultVconStorageObservationConvention;
import io.vcon.storage.micrometer.VconStorageObservationContext;
import io.vcon.storage.micrometer.VconStorageObservationConvention;
import io.vcon.storage.tck.SampleVcons;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every condition and property of the auto-configuration, in plain application contexts. */
class VconStorageAutoConfigurationTest {

  @TempDir Path dir;

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(VconStorageAutoConfiguration.class));

  private ApplicationContextRunner twoStores() {
    return runner.withPropertyValues(
        "vcon.storage.storages.primary.module=memory",
        "vcon.storage.storages.archive.module=storage.file",
        "vcon.storage.storages.archive.options.path=" + dir);
  }

  @Nested
  @DisplayName("when it configures anything")
  class Conditions {

    @Test
    @DisplayName("nothing under vcon.storage: no beans, adding the starter changes nothing")
    void nothingConfigured() {
      runner.run(
          context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(Storage.class);
            assertThat(context).doesNotHaveBean(VconStorageFactory.class);
          });
    }

    @Test
    @DisplayName("vcon.storage.enabled=false: no beans, whatever else is set")
    void disabled() {
      twoStores()
          .withPropertyValues("vcon.storage.enabled=false")
          .run(context -> assertThat(context).doesNotHaveBean(Storage.class));
    }

    @Test
    @DisplayName("without vcon-storage-api on the class path: no beans")
    void withoutTheLibrary() {
      twoStores()
          .withClassLoader(new FilteredClassLoader(Storage.class))
          .run(context -> assertThat(context).doesNotHaveBean(VconStorageFactory.class));
    }
  }

  @Nested
  @DisplayName("vcon.storage.storages and .source")
  class Beans {

    @Test
    @DisplayName(
        "one VconStore bean per store, named and qualified by its name; the facade over them in"
            + " order")
    void storesAndFacade() {
      twoStores()
          .withUserConfiguration(QualifiedUser.class)
          .run(
              context -> {
                assertThat(context)
                    .getBeans(VconStore.class)
                    .containsOnlyKeys("primary", "archive");
                assertThat(context.getBean(QualifiedUser.class).archive)
                    .isSameAs(context.getBean("archive", VconStore.class));
                assertThat(context.getBean(Storage.class).stores().keySet())
                    .containsExactly("primary", "archive");
                assertThat(context).doesNotHaveBean(VconSource.class);
              });
    }

    @Test
    @DisplayName("a source: bean vconSource; Storage.save reads it and writes to every store")
    void sourceAndSave() {
      Vcon vcon = SampleVcons.vcon("2024-01-15T10:00:00Z");
      InMemoryVconSource given = InMemoryVconSource.create().put(vcon);
      twoStores()
          .withPropertyValues("vcon.storage.source.module=memory")
          .run(
              context -> {
                assertThat(context).hasSingleBean(VconSource.class).hasBean("vconSource");
              });
      twoStores()
          .withBean(VconSource.class, () -> given)
          .run(
              context -> {
                Storage storage = context.getBean(Storage.class);
                storage.save(vcon.id()).orThrow();
                assertThat(context.getBean("archive", VconStore.class).get(vcon.id()))
                    .hasValueSatisfying(v -> assertThat(v.bytes()).isEqualTo(vcon.bytes()));
                assertThat(storage.get(vcon.id()).bytes()).isEqualTo(vcon.bytes());
              });
    }

    @Test
    @DisplayName("kebab-case option names and ${...} placeholders work as Spring users expect")
    void relaxedNamesAndPlaceholders() {
      runner
          .withPropertyValues(
              "vcon.storage.storages.archive.module=file",
              "vcon.storage.storages.archive.options.path=${archive.dir}",
              "archive.dir=" + dir,
              "vcon.storage.storages.archive.options.missing-created-at=reject")
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                Vcon undated = SampleVcons.vcon(SampleVcons.newId(), null);
                VconStore archive = context.getBean("archive", VconStore.class);
                assertThatThrownBy(() -> archive.put(undated)).hasMessageContaining("created_at");
              });
    }

    @Test
    @DisplayName(
        "the application's own beans replace ours: a store by name, the source, the facade, the"
            + " factory")
    void everyBeanGivesWay() {
      VconStore mine = InMemoryVconStore.create();
      twoStores()
          .withBean("primary", VconStore.class, () -> mine)
          .run(
              context -> {
                assertThat(context.getBean("primary")).isSameAs(mine);
                assertThat(context.getBean(Storage.class).stores().keySet())
                    .containsExactly("primary", "archive");
              });
      Storage storage = Storage.builder().store("x", InMemoryVconStore.create()).build();
      twoStores()
          .withBean(Storage.class, () -> storage)
          .run(context -> assertThat(context.getBean(Storage.class)).isSameAs(storage));
      twoStores()
          .withPropertyValues("vcon.storage.source.module=memory")
          .withBean("mySource", VconSource.class, InMemoryVconSource::create)
          .run(
              context ->
                  assertThat(context).getBeans(VconSource.class).containsOnlyKeys("mySource"));
      VconStorageFactory factory =
          new VconStorageFactory(
              VconStorageConfig.builder()
                  .storage("primary", "memory", Map.of())
                  .storage("archive", "memory", Map.of())
                  .build(),
              List.of(),
              List.of());
      twoStores()
          .withBean(VconStorageFactory.class, () -> factory)
          .run(
              context -> {
                assertThat(context.getBean(VconStorageFactory.class)).isSameAs(factory);
                assertThat(factory.undecorated("archive"))
                    .isPresent(); // the store beans came from it
              });
    }

    @Test
    @DisplayName("stores and source are closed when the context closes; decorators wrap each")
    void closedOnShutdownAndDecorated() {
      List<String> events = new ArrayList<>();
      StorageDecorator recording =
          new StorageDecorator() {
            @Override
            public VconStore decorate(String name, String backend, VconStore store) {
              events.add("decorated " + name + " (" + backend + ")");
              return new DelegatingStore(store, () -> events.add("closed " + name));
            }
          };
      twoStores()
          .withBean(StorageDecorator.class, () -> recording)
          .run(
              context -> {
                context.getBean(Storage.class);
                assertThat(events)
                    .containsExactly("decorated primary (memory)", "decorated archive (file)");
              });
      assertThat(events).contains("closed primary", "closed archive");
    }
  }

  @Nested
  @DisplayName("vcon.storage.config-file")
  class ConfigFile {

    @Test
    @DisplayName(
        "a vcon-server config.yml; ${VAR} and ${VAR:-default} resolve from the Spring environment")
    void vconServerFile() {
      runner
          .withPropertyValues(
              "vcon.storage.config-file=classpath:vcon-server-config.yml", "VCON_TEST_DIR=" + dir)
          .run(
              context -> {
                assertThat(context)
                    .getBeans(VconStore.class)
                    .containsOnlyKeys("archive", "scratch");
                assertThat(
                        context
                            .getBean(VconStorageConfig.class)
                            .storages()
                            .get("archive")
                            .options())
                    .containsEntry("path", dir.toString())
                    .containsEntry("missing_created_at", "save_time");
              });
    }

    @Test
    @DisplayName("a file and storages together: a start-up error that says to choose")
    void fileAndProperties() {
      twoStores()
          .withPropertyValues("vcon.storage.config-file=classpath:vcon-server-config.yml")
          .run(
              context ->
                  assertThat(configError(context.getStartupFailure()))
                      .hasMessageContaining("vcon.storage.config-file: set either"));
    }

    @Test
    @DisplayName(
        "vcon.storage.skip-unknown-modules: vcon-server's storage.mongo is skipped, not fatal")
    void skipUnknownModules() throws IOException {
      Path file = dir.resolve("config.yml");
      Files.writeString(
          file,
          "storages:\n"
              + "  mongo: { module: storage.mongo, options: { url: mongodb://db } }\n"
              + "  scratch: { module: memory }\n");
      ApplicationContextRunner withFile =
          runner.withPropertyValues("vcon.storage.config-file=file:" + file);
      withFile.run(
          context ->
              assertThat(configError(context.getStartupFailure()))
                  .hasMessageContaining("storage.mongo"));
      withFile
          .withPropertyValues("vcon.storage.skip-unknown-modules=true")
          .run(
              context -> assertThat(context).getBeans(VconStore.class).containsOnlyKeys("scratch"));
    }

    @Test
    @DisplayName("a file that is not there: a start-up error naming it")
    void missingFile() {
      runner
          .withPropertyValues("vcon.storage.config-file=file:" + dir.resolve("nope.yml"))
          .run(
              context ->
                  assertThat(configError(context.getStartupFailure()))
                      .hasMessageContaining("vcon.storage.config-file: cannot read")
                      .hasMessageContaining("nope.yml"));
    }
  }

  @Nested
  @DisplayName("errors name the property")
  class Errors {

    @Test
    @DisplayName("an unknown module lists the modules found")
    void unknownModule() {
      runner
          .withPropertyValues("vcon.storage.storages.cold.module=storage.mongo")
          .run(
              context ->
                  assertThat(configError(context.getStartupFailure()))
                      .hasMessageStartingWith("vcon.storage.storages.cold.module: ")
                      .hasMessageContaining("memory"));
    }

    @Test
    @DisplayName("a misspelt option is named with its full property path")
    void unknownOption() {
      runner
          .withPropertyValues(
              "vcon.storage.storages.primary.module=memory",
              "vcon.storage.storages.primary.options.prefx=a")
          .run(
              context ->
                  assertThat(configError(context.getStartupFailure()))
                      .hasMessageContaining("vcon.storage.storages.primary.options.prefx"));
    }

    @Test
    @DisplayName("a store without a module")
    void noModule() {
      runner
          .withPropertyValues("vcon.storage.storages.primary.options.prefix=a")
          .run(
              context ->
                  assertThat(configError(context.getStartupFailure()))
                      .hasMessageContaining("vcon.storage.storages.primary.module: required"));
    }
  }

  @Nested
  @DisplayName("metrics and observations")
  class Metrics {

    private ApplicationContextRunner metered() {
      return twoStores().withConfiguration(BootLine.metricsAndObservations());
    }

    private List<Timer> timers(MeterRegistry registry) {
      return registry.getMeters().stream()
          .filter(Timer.class::isInstance)
          .map(Timer.class::cast)
          .filter(
              t ->
                  t.getId().getName().startsWith("vcon.storage")
                      || t.getId().getName().startsWith("archive"))
          .toList();
    }

    @Test
    @DisplayName("under Boot's default observation handler a save records exactly one timer")
    void oneTimerPerSave() {
      metered()
          .run(
              context -> {
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                context
                    .getBean("primary", VconStore.class)
                    .put(SampleVcons.vcon("2024-01-15T10:00:00Z"));

                assertThat(timers(registry))
                    .singleElement()
                    .satisfies(
                        t -> {
                          assertThat(t.getId().getName())
                              .isEqualTo(DefaultVconStorageObservationConvention.NAME);
                          assertThat(t.getId().getTag("store")).isEqualTo("primary");
                          assertThat(t.getId().getTag("backend")).isEqualTo("memory");
                          assertThat(t.getId().getTag("operation")).isEqualTo("save");
                          assertThat(t.count()).isEqualTo(1);
                        });
              });
    }

    @Test
    @DisplayName("an ObservationConvention bean renames the timer and adds a tag")
    void convention() {
      metered()
          .withBean(VconStorageObservationConvention.class, RenamingConvention::new)
          .run(
              context -> {
                context
                    .getBean("primary", VconStore.class)
                    .put(SampleVcons.vcon("2024-01-15T10:00:00Z"));
                assertThat(timers(context.getBean(MeterRegistry.class)))
                    .singleElement()
                    .satisfies(
                        t -> {
                          assertThat(t.getId().getName()).isEqualTo("archive.operations");
                          assertThat(t.getId().getTag("team")).isEqualTo("calls");
                        });
              });
    }

    @Test
    @DisplayName("vcon.storage.metrics.naming=conserver: vcon-server's meter names")
    void conserverNaming() {
      metered()
          .withPropertyValues("vcon.storage.metrics.naming=conserver")
          .run(
              context -> {
                context
                    .getBean("primary", VconStore.class)
                    .put(SampleVcons.vcon("2024-01-15T10:00:00Z"));
                assertThat(
                        context
                            .getBean(MeterRegistry.class)
                            .get("conserver.storage.count")
                            .tags("backend", "primary", "outcome", "success")
                            .counter()
                            .count())
                    .isEqualTo(1);
              });
      metered()
          .withPropertyValues("vcon.storage.metrics.naming=statsd")
          .run(
              context ->
                  assertThat(configError(context.getStartupFailure()))
                      .hasMessageContaining("vcon.storage.metrics.naming"));
    }

    @Test
    @DisplayName(
        "vcon.storage.metrics.enabled=false, no registry, or no Micrometer: stores are not metered")
    void unmetered() {
      metered()
          .withPropertyValues("vcon.storage.metrics.enabled=false")
          .run(
              context -> {
                context
                    .getBean("primary", VconStore.class)
                    .put(SampleVcons.vcon("2024-01-15T10:00:00Z"));
                assertThat(timers(context.getBean(MeterRegistry.class))).isEmpty();
                assertThat(context).doesNotHaveBean("vconStorageMetricsDecorator");
              });
      twoStores()
          .run(
              context -> {
                assertThat(context)
                    .hasBean("vconStorageMetricsDecorator")
                    .doesNotHaveBean(MeterRegistry.class);
                assertThat(context.getBean("primary").getClass().getSimpleName())
                    .isNotEqualTo("MeteredVconStore");
              });
      twoStores()
          .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
          .withClassLoader(new FilteredClassLoader("io.vcon.storage.micrometer"))
          .run(context -> assertThat(context).doesNotHaveBean("vconStorageMetricsDecorator"));
    }
  }

  /** The start-up failure's first StorageConfigurationException: ours, naming the property. */
  static StorageConfigurationException configError(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof StorageConfigurationException e) {
        return e;
      }
    }
    throw new AssertionError("no StorageConfigurationException in", failure);
  }

  @Configuration(proxyBeanMethods = false)
  static class QualifiedUser {
    final VconStore archive;

    QualifiedUser(@Qualifier("archive") VconStore archive) {
      this.archive = archive;
    }

    @Bean
    String marker() {
      return "user";
    }
  }

  static class RenamingConvention extends DefaultVconStorageObservationConvention {
    @Override
    public String getName() {
      return "archive.operations";
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(VconStorageObservationContext context) {
      return super.getLowCardinalityKeyValues(context).and("team", "calls");
    }
  }
}
