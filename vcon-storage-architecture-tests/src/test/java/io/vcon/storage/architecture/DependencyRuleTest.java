package io.vcon.storage.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.regex.Pattern;

/**
 * The hexagon's dependency rule (ADR 0001): the domain and ports know no adapter and no framework; adapters
 * know the api and never each other; wiring modules find adapters at run time, through the SPI.
 */
@AnalyzeClasses(packages = "io.vcon.storage", importOptions = ImportOption.DoNotIncludeTests.class)
class DependencyRuleTest {

  /** Every adapter package. A new adapter module adds its package here. */
  private static final String[] ADAPTERS = {
    "io.vcon.storage.inmemory..",
    "io.vcon.storage.s3..",
    "io.vcon.storage.redis..",
    "io.vcon.storage.fs.."
  };

  private static final String TEST_SUPPORT = "io.vcon.storage.testsupport..";

  private static final String[] WIRING = {
    "io.vcon.storage.config..",
    "io.vcon.storage.guice..",
    "io.vcon.storage.micrometer..",
    "io.vcon.storage.cli..",
    "io.vcon.storage.spring.."
  };

  /** The Spring Boot auto-configuration's one class that may know an adapter (ADR 0017). */
  private static final String SPRING_S3_CLIENT =
      "io.vcon.storage.spring.autoconfigure.VconStorageS3Configuration";

  @ArchTest
  static final ArchRule domainDependsOnJacksonAndSlf4jOnly =
      classes()
          .that()
          .resideInAnyPackage(
              "io.vcon.storage.api..",
              "io.vcon.storage.spi..",
              "io.vcon.storage.engine..",
              "io.vcon.storage.internal..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..",
              "io.vcon.storage.api..",
              "io.vcon.storage.spi..",
              "io.vcon.storage.engine..",
              "io.vcon.storage.internal..",
              "com.fasterxml.jackson.core..",
              "org.slf4j..",
              "org.jspecify..")
          .because(
              "vcon-storage-api may depend on Jackson and SLF4J only (ADR 0001), plus JSpecify's"
                  + " nullness annotations, which are compile-time only: provided + optional,"
                  + " requires static (ADR 0011)");

  @ArchTest
  static final ArchRule domainDoesNotKnowTheSpi =
      noClasses()
          .that()
          .resideInAnyPackage("io.vcon.storage.api..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.vcon.storage.spi..")
          .because(
              "the domain and ports come first; the SPI builds on them, not the other way round");

  /** The engine builds on the SPI (ADR 0014); the SPI's provider contract knows nothing of the engine. */
  @ArchTest
  static final ArchRule theSpiDoesNotKnowTheEngine =
      noClasses()
          .that()
          .resideInAnyPackage("io.vcon.storage.spi..", "io.vcon.storage.api..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.vcon.storage.engine..")
          .because("dependencies run engine -> spi -> api (ADR 0014)");

  /** Metrics are a decorator any wiring can apply; they know no dependency-injection framework (issue 21). */
  @ArchTest
  static final ArchRule onlyTheGuiceModuleKnowsGuice =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.vcon.storage.guice..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("com.google.inject..", "io.vcon.storage.guice..")
          .because(
              "the metrics module offers MeteringDecorator, which Guice, Spring and plain code bind"
                  + " alike");

  @ArchTest
  static final ArchRule adaptersAreIndependent =
      slices()
          .matching("io.vcon.storage.(inmemory|s3|redis|fs)..")
          .should()
          .notDependOnEachOther()
          .allowEmptyShould(true)
          .because("adapters never depend on each other; each is replaceable alone");

  @ArchTest
  static final ArchRule adaptersDoNotDependOnWiring =
      noClasses()
          .that()
          .resideInAnyPackage(ADAPTERS)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(WIRING)
          .allowEmptyShould(true);

  /**
   * The archive jobs (vcon-storage-archive, ADR 0018) are neither an adapter nor wiring: library code over the
   * ports, which the CLI and applications call. They know the api only.
   */
  @ArchTest
  static final ArchRule archiveJobsKnowOnlyTheApi =
      classes()
          .that()
          .resideInAPackage("io.vcon.storage.archive..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..",
              "io.vcon.storage.api..",
              "io.vcon.storage.archive..",
              "com.fasterxml.jackson.core..",
              "org.jspecify..")
          .because(
              "copy, verify and export run over any VconStore through its ports (ADR 0018);"
                  + " Jackson's streaming parser reads S3 Inventory manifests");

  @ArchTest
  static final ArchRule adaptersDoNotKnowTheArchiveJobs =
      noClasses()
          .that()
          .resideInAnyPackage(ADAPTERS)
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.vcon.storage.archive..")
          .allowEmptyShould(true)
          .because(
              "the jobs use the adapters' optional abilities through the api, never the reverse");

  @ArchTest
  static final ArchRule onlyTheDistributionBuildUsesPicocliCodegen =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.vcon.storage.distribution..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("picocli.codegen..", "io.vcon.storage.distribution..")
          .because(
              "the distribution's generator writes man pages and completion at build time (ADR"
                  + " 0024): picocli-codegen never reaches a user's class path, and no module"
                  + " depends on the generator");

  @ArchTest
  static final ArchRule onlyTheMetricsModuleKnowsMicrometer =
      noClasses()
          .that()
          .resideOutsideOfPackages("io.vcon.storage.micrometer..", "io.vcon.storage.spring..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.micrometer..")
          .because(
              "metrics are a decorator (vcon-storage-micrometer); the api, adapters, config and"
                  + " Guice stay free of it. The Spring Boot auto-configuration hands the decorator"
                  + " the application's registries.");

  @ArchTest
  static final ArchRule wiringFindsAdaptersThroughTheSpi =
      noClasses()
          .that()
          .resideInAnyPackage(WIRING)
          .and()
          .haveNameNotMatching(Pattern.quote(SPRING_S3_CLIENT) + "(\\$.*)?")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(ADAPTERS)
          .allowEmptyShould(true)
          .because(
              "configuration, Guice and the CLI discover adapters with ServiceLoader (ADR 0004)");

  @ArchTest
  static final ArchRule springKnowsOnlyTheS3AdapterForTheApplicationsClient =
      noClasses()
          .that()
          .haveNameMatching(Pattern.quote(SPRING_S3_CLIENT) + "(\\$.*)?")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.vcon.storage.inmemory..", "io.vcon.storage.redis..", "io.vcon.storage.fs..")
          .allowEmptyShould(true)
          .because(
              "the starter creates stores through the SPI; only an S3 store built on the"
                  + " application's own S3Client needs the S3 adapter's builder (ADR 0017)");

  @ArchTest
  static final ArchRule theKitTestsOnlyThroughPorts =
      noClasses()
          .that()
          .resideInAnyPackage("io.vcon.storage.tck..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(ADAPTERS)
          .allowEmptyShould(true);

  /**
   * No cycles between top-level packages (api, spi, internal, each adapter, each wiring module). Within the
   * domain, {@code api} and {@code api.key} refer to each other on purpose (a key is built from a VconId; a
   * store exposes its KeyStrategy), so they count as one slice.
   */
  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("io.vcon.storage.(*)..").should().beFreeOfCycles();

  /** The test servers (vcon-storage-test-support) serve tests only: no module's main code may use them. */
  @ArchTest
  static final ArchRule onlyTestsUseTheTestServers =
      noClasses()
          .that()
          .resideOutsideOfPackage(TEST_SUPPORT)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(TEST_SUPPORT)
          .because("vcon-storage-test-support is a test-scope dependency and is not published");

  @ArchTest
  static final ArchRule theTestServersKnowNoModule =
      noClasses()
          .that()
          .resideInAPackage(TEST_SUPPORT)
          .should()
          .dependOnClassesThat(
              resideInAPackage("io.vcon.storage..").and(not(resideInAPackage(TEST_SUPPORT))))
          .because(
              "every module's tests use the test servers, so they may depend on no module (no build"
                  + " cycle)");

  @ArchTest
  static final ArchRule internalIsNotUsedOutsideTheApi =
      noClasses()
          .that()
          .resideOutsideOfPackages(
              "io.vcon.storage.api..",
              "io.vcon.storage.spi..",
              "io.vcon.storage.engine..",
              "io.vcon.storage.internal..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.vcon.storage.internal..")
          .because("io.vcon.storage.internal is not exported");
}
