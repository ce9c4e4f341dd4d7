package io.vcon.storage.spring.autoconfigure;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vcon.storage.spi.Diagnosable;
import io.vcon.storage.spi.DiagnosticOptions;
import io.vcon.storage.spring.autoconfigure.health.VconStorageHealthChecks;
import io.vcon.storage.testsupport.RedisServerExtension;
import io.vcon.storage.testsupport.S3ProxyServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Measures, does not assert: the start-up time the starter adds to an application context, and what
 * one health check costs per backend (quick checks against the full read-only doctor checks).
 * Skipped unless {@code -Dvcon.storage.measure=true}:
 *
 * <pre>
 * ./mvnw -B -q -pl vcon-storage-spring-boot3-tests -am test -Dtest=StarterCostMeasurement \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dvcon.storage.measure=true
 * </pre>
 *
 * (and the same with {@code vcon-storage-spring-boot4-tests}). Results go to standard output, which
 * Surefire keeps in {@code target/surefire-reports/*StarterCostMeasurement-output.txt}.
 */
class StarterCostMeasurement {

  private static final int WARM_UP = 5;
  private static final int RUNS = 20;
  private static final int CHECKS = 200;

  @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();

  @TempDir Path dir;

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  @Test
  @DisplayName("start-up time with and without the starter; cost of one health check")
  void measure() {
    assumeTrue(
        Boolean.getBoolean("vcon.storage.measure"), "set -Dvcon.storage.measure=true to measure");
    S3ProxyServer s3 = S3ProxyServer.shared("measure-access", "measure-secret");
    String bucket = s3.createBucket("measure-vcons");
    String[] starter = {
      "vcon.storage.source.module=redis",
      "vcon.storage.source.options.url=" + REDIS.url(),
      "vcon.storage.storages.s3.module=storage.s3",
      "vcon.storage.storages.s3.options.aws_bucket=" + bucket,
      "vcon.storage.storages.s3.options.aws_region=us-east-1",
      "vcon.storage.storages.s3.options.endpoint_url=" + s3.endpoint(),
      "vcon.storage.storages.s3.options.aws_access_key_id=measure-access",
      "vcon.storage.storages.s3.options.aws_secret_access_key=measure-secret",
      "vcon.storage.storages.archive.module=file",
      "vcon.storage.storages.archive.options.path=" + dir
    };
    List<Long> without = new ArrayList<>();
    List<Long> with = new ArrayList<>();
    for (int i = 0; i < WARM_UP + RUNS; i++) {
      long a = startAndStop("vcon.storage.enabled=false");
      long b = startAndStop(starter);
      if (i >= WARM_UP) {
        without.add(a);
        with.add(b);
      }
    }
    System.out.printf(
        "Boot %s, start-up of an application context (actuator, metrics, health; no web server),"
            + " median of %d alternating runs after %d warm-up runs:%n",
        BootLine.version(), RUNS, WARM_UP);
    System.out.printf("  without the starter: %6.1f ms%n", median(without) / 1e6);
    System.out.printf(
        "  with the starter (redis source, S3 + file stores, metered, health): %6.1f ms"
            + " (+%.1f ms)%n",
        median(with) / 1e6, (median(with) - median(without)) / 1e6);

    try (ConfigurableApplicationContext context = start(starter);
        VconStorageHealthChecks checks = new VconStorageHealthChecks(Duration.ofSeconds(10))) {
      VconStorageFactory factory = context.getBean(VconStorageFactory.class);
      Map<String, String> names = new LinkedHashMap<>();
      names.put("s3", "s3");
      names.put("archive", "file");
      names.put(VconStorageFactory.SOURCE, "redis");
      System.out.printf(
          "one health check, mean of %d after %d warm-up (quick checks | full read-only doctor"
              + " checks):%n",
          CHECKS, CHECKS / 10);
      names.forEach(
          (name, backend) -> {
            Object component = factory.undecorated(name).orElseThrow();
            VconStorageHealthChecks.Check check = checks.check(name, backend, () -> component);
            double quick = meanNanos(() -> check.run());
            double full =
                meanNanos(() -> ((Diagnosable) component).diagnose(DiagnosticOptions.readOnly()));
            System.out.printf(
                "  %-8s %-6s %8.0f µs | %8.0f µs%n", name, backend, quick / 1e3, full / 1e3);
          });
    }
  }

  private static long startAndStop(String... properties) {
    long start = System.nanoTime();
    try (ConfigurableApplicationContext context = start(properties)) {
      return System.nanoTime() - start;
    }
  }

  private static ConfigurableApplicationContext start(String... properties) {
    return new SpringApplicationBuilder(App.class)
        .web(WebApplicationType.NONE)
        .logStartupInfo(false)
        .properties(properties)
        .properties("spring.main.banner-mode=off", "logging.level.root=warn")
        .run();
  }

  private static double meanNanos(Supplier<?> call) {
    for (int i = 0; i < CHECKS / 10; i++) {
      call.get();
    }
    long start = System.nanoTime();
    for (int i = 0; i < CHECKS; i++) {
      call.get();
    }
    return (System.nanoTime() - start) / (double) CHECKS;
  }

  private static double median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
