package io.vcon.storage.spring.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import io.vcon.storage.api.VconStore;
import io.vcon.storage.inmemory.InMemoryVconStore;
import io.vcon.storage.spi.Diagnosable;
import io.vcon.storage.spi.DiagnosticOptions;
import io.vcon.storage.spi.DiagnosticResult;
import io.vcon.storage.spring.autoconfigure.BootLine;
import io.vcon.storage.spring.autoconfigure.DelegatingStore;
import io.vcon.storage.spring.autoconfigure.VconStorageAutoConfiguration;
import io.vcon.storage.spring.autoconfigure.VconStorageFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

/** The health indicator's conditions and what each store's check reports. */
class VconStorageHealthTest {

  @TempDir Path dir;

  private ApplicationContextRunner runner() {
    return withoutBootsHealth().withConfiguration(BootLine.health());
  }

  private ApplicationContextRunner withoutBootsHealth() {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                VconStorageAutoConfiguration.class,
                VconStorageHealthAutoConfiguration.class,
                VconStorageBoot4HealthAutoConfiguration.class))
        .withPropertyValues(
            "vcon.storage.storages.archive.module=file",
            "vcon.storage.storages.archive.options.path=" + dir,
            "vcon.storage.storages.scratch.module=memory",
            "vcon.storage.source.module=memory");
  }

  private static Map<String, ComponentHealth> health(ApplicationContext context) {
    Map<String, ComponentHealth> out = new LinkedHashMap<>();
    HealthComponents.of(
            context.getBean(VconStorageHealthChecks.class),
            context.getBean(VconStorageFactory.class),
            context)
        .forEach((name, check) -> out.put(name, check.run()));
    return out;
  }

  @Test
  @DisplayName(
      "with Actuator: one contributor, vconStorage; each store and the source checked cheaply")
  void contributor() {
    runner()
        .run(
            context -> {
              assertThat(context).hasBean("vconStorageHealthContributor");
              Map<String, ComponentHealth> health = health(context);

              assertThat(health).containsOnlyKeys("archive", "scratch", "source");
              assertThat(health.get("archive").status()).isEqualTo(ComponentHealth.Status.UP);
              assertThat(health.get("archive").details())
                  .containsEntry("store", "archive")
                  .containsEntry("backend", "file")
                  .containsKey("checks");
              assertThat(health.get("archive").details().get("checks"))
                  .asInstanceOf(MAP)
                  .containsOnlyKeys("directory", "writable", "free-space");
              assertThat(health.get("scratch").status()).isEqualTo(ComponentHealth.Status.UNKNOWN);
              assertThat(health.get("scratch").details().get("reason"))
                  .asString()
                  .contains("offers no checks");
              assertThat(health.get("source").details()).containsEntry("backend", "memory");
            });
  }

  @Test
  @DisplayName("vcon.storage.health.timeout sets the time limit (5 s by default)")
  void timeoutProperty() {
    runner()
        .run(
            context ->
                assertThat(context.getBean(VconStorageHealthChecks.class).timeout())
                    .isEqualTo(Duration.ofSeconds(5)));
    runner()
        .withPropertyValues("vcon.storage.health.timeout=750ms")
        .run(
            context ->
                assertThat(context.getBean(VconStorageHealthChecks.class).timeout())
                    .isEqualTo(Duration.ofMillis(750)));
  }

  @Test
  @DisplayName("management.health.vcon-storage.enabled=false, or no Actuator: no contributor")
  void conditions() {
    runner()
        .withPropertyValues("management.health.vcon-storage.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean("vconStorageHealthContributor"));
    withoutBootsHealth()
        .withClassLoader(new FilteredClassLoader(BootLine.healthPackages()))
        .run(context -> assertThat(context).doesNotHaveBean("vconStorageHealthContributor"));
  }

  @Test
  @DisplayName("a failed check: DOWN, naming the check, the reason and what to do")
  void failedCheck() {
    VconStore broken =
        new DiagnosableStore(
            () ->
                List.of(
                    DiagnosticResult.ok("credentials", "static keys"),
                    DiagnosticResult.fail(
                        "bucket", "bucket vcons does not exist at http://s3.local", "create it")));
    runner()
        .withBean("archive", VconStore.class, () -> broken)
        .run(
            context -> {
              ComponentHealth archive = health(context).get("archive");
              assertThat(archive.status()).isEqualTo(ComponentHealth.Status.DOWN);
              assertThat(archive.details())
                  .containsEntry("failedCheck", "bucket")
                  .containsEntry("reason", "bucket vcons does not exist at http://s3.local")
                  .containsEntry("action", "create it");
            });
  }

  @Test
  @DisplayName(
      "a check that hangs: DOWN after vcon.storage.health.timeout, and not started again meanwhile")
  void timeLimited() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger started = new AtomicInteger();
    VconStore hanging =
        new DiagnosableStore(
            () -> {
              started.incrementAndGet();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return List.of(DiagnosticResult.ok("endpoint", "answers"));
            });
    try (VconStorageHealthChecks checks = new VconStorageHealthChecks(Duration.ofMillis(50))) {
      VconStorageHealthChecks.Check check = checks.check("archive", "s3", () -> hanging);
      ComponentHealth first = check.run();
      ComponentHealth second = check.run();
      release.countDown();

      assertThat(first.status()).isEqualTo(ComponentHealth.Status.DOWN);
      assertThat(first.details().get("reason")).isEqualTo("the checks did not finish within 50 ms");
      assertThat(second.status()).isEqualTo(ComponentHealth.Status.DOWN);
      assertThat(started).hasValue(1);
    }
  }

  /** A store whose checks the test decides. */
  private static final class DiagnosableStore extends DelegatingStore implements Diagnosable {
    private final Supplier<List<DiagnosticResult>> results;

    DiagnosableStore(Supplier<List<DiagnosticResult>> results) {
      super(InMemoryVconStore.create());
      this.results = results;
    }

    @Override
    public List<DiagnosticResult> diagnose(DiagnosticOptions options) {
      assertThat(options.cheapOnly()).isTrue();
      return results.get();
    }
  }
}
