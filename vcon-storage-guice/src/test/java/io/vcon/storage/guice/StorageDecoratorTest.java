package io.vcon.storage.guice;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Names;
import io.vcon.storage.api.Storage;
import io.vcon.storage.api.VconSource;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.config.ConfigLoader;
import io.vcon.storage.config.StorageDecorator;
import io.vcon.storage.config.VconStorageConfig;
import io.vcon.storage.inmemory.InMemoryVconStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hook vcon-storage-micrometer uses: a bound StorageDecorator sees and replaces every store and the source. */
class StorageDecoratorTest {

  private static final class Recording implements StorageDecorator {
    final List<String> calls = new ArrayList<>();
    final VconStore replacement = InMemoryVconStore.create();

    @Override
    public VconStore decorate(String name, String backend, VconStore store) {
      calls.add(name + "=" + backend);
      if (name.equals("scratch")) {
        store.close();
        return replacement;
      }
      return store;
    }

    @Override
    public VconSource decorate(String backend, VconSource source) {
      calls.add("source=" + backend);
      return source;
    }
  }

  private static VconStorageConfig config() {
    return ConfigLoader.builder()
        .build()
        .parse(
            "source: { module: memory }\n"
                + "storages:\n"
                + "  scratch: { module: memory }\n"
                + "  other: { module: memory }\n");
  }

  @Test
  void boundDecoratorWrapsConfiguredAndGivenStoresAndTheSource() {
    Recording recording = new Recording();
    VconStorageModule module =
        VconStorageModule.builder()
            .config(config())
            .store("given", InMemoryVconStore.create())
            .build();
    Injector injector =
        Guice.createInjector(
            module,
            new AbstractModule() {
              @Override
              protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), StorageDecorator.class)
                    .setBinding()
                    .toInstance(recording);
              }
            });

    assertThat(injector.getInstance(Key.get(VconStore.class, Names.named("scratch"))))
        .isSameAs(recording.replacement);
    assertThat(injector.getInstance(Storage.class).stores().get("scratch"))
        .isSameAs(recording.replacement);
    assertThat(injector.getInstance(VconSource.class)).isNotNull();
    assertThat(recording.calls)
        .containsExactlyInAnyOrder(
            "scratch=memory", "other=memory", "given=unknown", "source=memory");
    injector.getInstance(StorageLifecycle.class).close();
  }

  @Test
  void withoutADecoratorStoresAreBoundAsCreated() {
    VconStore given = InMemoryVconStore.create();
    Injector injector =
        Guice.createInjector(VconStorageModule.builder().store("given", given).build());
    assertThat(injector.getInstance(Key.get(VconStore.class, Names.named("given"))))
        .isSameAs(given);
    injector.getInstance(StorageLifecycle.class).close();
  }
}
