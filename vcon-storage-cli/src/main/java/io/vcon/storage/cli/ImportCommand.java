package io.vcon.storage.cli;

import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconParser;
import io.vcon.storage.api.VconStorageException;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.archive.Workers;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(
    name = "import",
    description = {
      "Imports vCon files (.vcon, .json, .json.gz) or directories of them into the store.",
      "Invalid files are reported with the reason and counted; the others are still imported."
    })
final class ImportCommand extends BaseCommand {

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE|DIR",
      description = "Files or directories to import.")
  List<Path> paths;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      defaultValue = "4",
      description = "Concurrent imports (default: ${DEFAULT-VALUE}).")
  int parallel;

  @Override
  public Integer call() {
    if (parallel < 1 || parallel > 256) {
      throw new ParameterException(
          spec.commandLine(), "--parallel must be 1..256, was " + parallel);
    }
    try (Session session = root.session();
        Progress progress = progress("import")) {
      VconStore store = session.store();
      VconParser parser = session.parser();
      List<Path> files = new ArrayList<>();
      for (Path given : paths) {
        Path path = context().resolve(given);
        if (Files.isDirectory(path)) {
          try (Stream<Path> walk = Files.walk(path)) {
            walk.filter(Files::isRegularFile)
                .filter(ImportCommand::isVconFile)
                .sorted()
                .forEach(files::add);
          } catch (IOException e) {
            failed(show(path), e);
          }
        } else if (Files.isRegularFile(path)) {
          files.add(path);
        } else {
          failed(show(path), new FileNotFoundException("no such file or directory"));
        }
      }
      progress.total(files.size());
      Set<String> ids = ConcurrentHashMap.newKeySet();
      AtomicLong imported = new AtomicLong();
      // Files sharing a uuid: the last in (sorted) order wins, as one at a time, however the
      // threads interleave.
      LastWriterWins order = new LastWriterWins();
      boolean stopped =
          Workers.run(
              IntStream.range(0, files.size()).boxed(),
              parallel,
              context().stop,
              index -> {
                Path file = files.get(index);
                try {
                  byte[] bytes = read(file);
                  Vcon vcon = parser.parse(bytes);
                  order.write(vcon.id().value(), index, () -> store.put(vcon));
                  ids.add(vcon.id().value());
                  imported.incrementAndGet();
                  progress.item(bytes.length);
                } catch (VconStorageException | IOException | UncheckedIOException e) {
                  failed(show(file), e);
                  progress.item(0);
                }
              });
      progress.close();
      if (json()) {
        summary("import")
            .put("store", session.selectedName())
            .put("files", files.size())
            .put("imported", imported.get())
            .put("distinct_ids", ids.size())
            .stopped(stopped)
            .print();
      } else {
        long replaced = imported.get() - ids.size();
        out()
            .println(
                "imported "
                    + imported.get()
                    + " of "
                    + files.size()
                    + " files into "
                    + session.selectedName()
                    + " ("
                    + store.name()
                    + "): "
                    + ids.size()
                    + " distinct vCons"
                    + (replaced > 0
                        ? ", "
                            + replaced
                            + " files replaced a vCon imported before them (same uuid)"
                        : "")
                    + ", "
                    + failures.size()
                    + " failed"
                    + (stopped
                        ? "; stopped early, "
                            + (files.size() - progress.items())
                            + " files not imported"
                        : ""));
      }
      return exitCode(stopped);
    }
  }

  /**
   * Serializes the writes of one id and drops a write that a later file (higher index) has already
   * made, so the stored copy is the last file's, as with one thread.
   */
  static final class LastWriterWins {
    private final Map<String, int[]> latest = new ConcurrentHashMap<>();

    void write(String id, int index, Runnable put) {
      int[] written = latest.computeIfAbsent(id, k -> new int[] {-1});
      synchronized (written) {
        if (written[0] > index) {
          return; // a later file with this uuid is stored already; it would replace this one
        }
        put.run();
        written[0] = index;
      }
    }
  }

  static boolean isVconFile(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".vcon")
        || name.endsWith(".json")
        || name.endsWith(".json.gz")
        || name.endsWith(".vcon.gz");
  }

  private static byte[] read(Path file) throws IOException {
    if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
      try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
        return in.readAllBytes();
      }
    }
    return Files.readAllBytes(file);
  }
}
