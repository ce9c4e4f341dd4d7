package io.vcon.storage.examples.spring;

import io.vcon.storage.api.InvalidVconException;
import io.vcon.storage.api.Storage;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * A Spring Boot application using the starter: the stores come from {@code vcon-sample.yml}
 * (vcon-server's {@code storages} section under {@code vcon.storage}), the {@link Storage} facade
 * and each store are beans. Imports the sample vCons into the {@code archive} directory store and
 * reads one back.
 *
 * <pre>
 * ./mvnw -q -pl vcon-storage-examples -am compile exec:java \
 *     -Dexec.mainClass=io.vcon.storage.examples.spring.SpringBootSample
 * </pre>
 */
@SpringBootApplication
public class SpringBootSample implements ApplicationRunner {

  private final Storage storage;
  private final VconStore archive;

  /**
   * The beans the starter defines.
   *
   * @param storage the facade over every configured store
   * @param archive the store configured as {@code vcon.storage.storages.archive}
   */
  public SpringBootSample(Storage storage, @Qualifier("archive") VconStore archive) {
    this.storage = storage;
    this.archive = archive;
  }

  public static void main(String[] args) {
    new SpringApplicationBuilder(SpringBootSample.class)
        .properties("spring.config.name=vcon-sample")
        .run(args)
        .close(); // closes the stores
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    Path folder = Paths.get("examples/vcons");
    if (!Files.isDirectory(folder)) {
      folder = Paths.get("..").resolve(folder); // when run from inside the module's folder
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(folder)) {
      files = listing.filter(p -> p.toString().endsWith(".vcon")).sorted().toList();
    }
    Vcon last = null;
    for (Path file : files) {
      try {
        Vcon vcon = Vcon.parse(Files.readAllBytes(file));
        storage.save(vcon).orThrow(); // to every configured store
        last = vcon;
      } catch (InvalidVconException e) {
        System.out.printf("refused %s: %s%n", file.getFileName(), e.getMessage());
      }
    }
    System.out.println("stores: " + storage.stores().keySet());
    LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
    try (Stream<?> ids = archive.list(LocalDate.of(2020, 1, 1), tomorrow)) {
      System.out.println("archive holds " + ids.distinct().count() + " vCons");
    }
    if (last != null) {
      System.out.println(
          "read back " + last.id() + ": " + storage.get(last.id()).size() + " bytes");
    }
  }
}
