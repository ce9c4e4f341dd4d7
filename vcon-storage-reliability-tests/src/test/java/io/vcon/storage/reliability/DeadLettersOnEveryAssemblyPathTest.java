package io.vcon.storage.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.multibindings.OptionalBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vcon.storage.api.SaveResult;
import io.vcon.storage.api.Storage;
import io.vcon.storage.api.VconId;
import io.vcon.storage.cli.InProcessCli;
import io.vcon.storage.config.ConfigLoader;
import io.vcon.storage.config.StorageAssembly;
import io.vcon.storage.config.StorageDecorator;
import io.vcon.storage.config.VconStorageConfig;
import io.vcon.storage.guice.StorageLifecycle;
import io.vcon.storage.guice.VconStorageModule;
import io.vcon.storage.micrometer.MeteredConfig;
import io.vcon.storage.micrometer.MeteringDecorator;
import io.vcon.storage.testsupport.RedisServerExtension;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.params.SetParams;

/**
 * {@code dead_letter: true} holds on every way a {@code Storage} is assembled — configuration, the metrics
 * module, Guice (plain and metered) and the command line: a save that fails lands its id in
 * {@code DLQ:storage:<store>} of a real redis-server. The store fails for real: an S3 endpoint on a closed
 * loopback port. (Before issue 21, Guice and the metrics module silently dropped the setting.)
 */
@DisplayName("dead letters on every assembly path")
class DeadLettersOnEveryAssemblyPathTest {

  @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();

  @TempDir Path work;
  String prefix;
  String store;
  String config;

  @BeforeEach
  void setUp() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    prefix = "dlp-" + tag;
    store = "down" + tag;
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    config =
        "source:\n"
            + "  module: redis\n"
            + "  options: { url: \""
            + REDIS.url()
            + "\", key_prefix: \""
            + prefix
            + ":vcon:\","
            + " sorted_set: \""
            + prefix
            + ":vcons\", dead_letter: true }\n"
            + "storages:\n"
            + "  "
            + store
            + ": { module: storage.s3, options: { aws_bucket: vcons, aws_region: us-east-1,"
            + " endpoint_url: \"http://127.0.0.1:"
            + closedPort
            + "\", aws_access_key_id: test,"
            + " aws_secret_access_key: test-secret, max_retries: 0, connect_timeout: 1s,"
            + " api_timeout: 5s } }\n";
  }

  private VconId seed() {
    String id = UUID.randomUUID().toString();
    String doc =
        "{\"vcon\":\"0.0.1\",\"uuid\":\""
            + id
            + "\",\"created_at\":\"2024-01-15T10:00:00Z\","
            + "\"parties\":[],\"dialog\":[]}";
    REDIS
        .admin()
        .set(
            (prefix + ":vcon:" + id).getBytes(StandardCharsets.UTF_8),
            doc.getBytes(StandardCharsets.UTF_8),
            SetParams.setParams().ex(3600));
    return VconId.of(id);
  }

  private List<String> queue() {
    return REDIS.admin().lrange("DLQ:storage:" + store, 0, -1);
  }

  private VconStorageConfig parsed() {
    return ConfigLoader.builder().build().parse(config);
  }

  /** Saves one seeded vCon through the facade {@code assemble} builds, and checks it was dead-lettered. */
  private void failedSaveIsQueued(Function<VconStorageConfig, Storage> assemble) {
    VconId id = seed();
    Storage storage = assemble.apply(parsed());
    try {
      SaveResult result = storage.save(id);
      assertThat(result.failures())
          .singleElement()
          .satisfies(o -> assertThat(o.isDeadLettered()).as(o.toString()).isTrue());
      assertThat(queue()).containsExactly(id.value());
    } finally {
      storage.close();
    }
  }

  @Test
  void configuration() {
    failedSaveIsQueued(VconStorageConfig::buildStorage);
  }

  @Test
  void metricsModule() {
    failedSaveIsQueued(c -> MeteredConfig.buildStorage(c, new SimpleMeterRegistry()));
  }

  @Test
  void assemblyWithADecorator() {
    StorageDecorator metering = MeteringDecorator.create(new SimpleMeterRegistry());
    failedSaveIsQueued(c -> StorageAssembly.of(c).decorator(metering).build());
  }

  @Test
  void guice() {
    VconId id = seed();
    Injector injector = Guice.createInjector(VconStorageModule.fromConfig(parsed()));
    try {
      SaveResult result = injector.getInstance(Storage.class).save(id);
      assertThat(result.failures())
          .singleElement()
          .satisfies(o -> assertThat(o.isDeadLettered()).isTrue());
      assertThat(queue()).containsExactly(id.value());
    } finally {
      injector.getInstance(StorageLifecycle.class).close();
    }
  }

  @Test
  void guiceWithMetering() {
    VconId id = seed();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Injector injector =
        Guice.createInjector(
            VconStorageModule.fromConfig(parsed()),
            new AbstractModule() {
              @Override
              protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), StorageDecorator.class)
                    .setBinding()
                    .toInstance(MeteringDecorator.create(registry));
              }
            });
    try {
      SaveResult result = injector.getInstance(Storage.class).save(id);
      assertThat(result.failures())
          .singleElement()
          .satisfies(o -> assertThat(o.isDeadLettered()).isTrue());
      assertThat(queue()).containsExactly(id.value());
      assertThat(registry.find("vcon.storage.operations").tags("store", store).timers())
          .isNotEmpty();
    } finally {
      injector.getInstance(StorageLifecycle.class).close();
    }
  }

  @Test
  void commandLine() throws Exception {
    VconId id = seed();
    Path file = work.resolve("config.yml");
    Files.writeString(file, config);
    InProcessCli.Result result =
        new InProcessCli(work, Map.of("VCON_STORAGE_CONFIG", file.toString()))
            .run("save", id.value());
    assertThat(result.code()).as(result.toString()).isNotZero();
    assertThat(queue()).containsExactly(id.value());
  }
}
