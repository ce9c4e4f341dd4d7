package io.vcon.storage.examples;

import io.vcon.storage.api.InvalidVconException;
import io.vcon.storage.api.SaveResult;
import io.vcon.storage.api.Storage;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.spi.Providers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The library's main job on an embedded store: import the sample vCons, list them by date, read one back.
 * Picks the store by id through the SPI, exactly as a configuration file would.
 */
public final class QuickStart {

  private QuickStart() {}

  public static void main(String[] args) throws IOException {
    Path folder = Paths.get(args.length > 0 ? args[0] : "examples/vcons");
    if (!Files.isDirectory(folder)) {
      folder = Paths.get("..").resolve(folder); // when run from inside the module's folder
    }
    VconStore store =
        Providers.createStore("memory", ProviderOptions.of(Map.of("prefix", "vcons")));
    try (Storage storage = Storage.builder().store("memory", store).build();
        Stream<Path> files = Files.list(folder)) {
      List<Path> vcons =
          files.filter(p -> p.toString().endsWith(".vcon")).sorted().collect(Collectors.toList());
      for (Path file : vcons) {
        try {
          Vcon vcon = Vcon.parse(Files.readAllBytes(file));
          SaveResult result = storage.save(vcon);
          System.out.printf(
              "saved %-45s %s (%d bytes) %s%n",
              file.getFileName(),
              vcon.id(),
              vcon.size(),
              result.succeeded() ? "ok" : result.failures());
        } catch (InvalidVconException e) {
          System.out.printf("refused %s: %s%n", file.getFileName(), e.getMessage());
        }
      }
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      try (Stream<?> ids = store.list(LocalDate.of(2020, 1, 1), today.plusDays(1))) {
        System.out.println("stored vCons (distinct ids): " + ids.distinct().count());
      }
      Vcon first = storage.get(Vcon.parse(Files.readAllBytes(vcons.get(0))).id());
      System.out.println(
          "read back "
              + first
              + ": "
              + first.text().substring(0, Math.min(100, first.text().length()))
              + "...");
    }
  }
}
