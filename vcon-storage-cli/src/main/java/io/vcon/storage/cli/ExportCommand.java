package io.vcon.storage.cli;

import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconNotFoundException;
import io.vcon.storage.api.VconStorageException;
import io.vcon.storage.api.VconStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "export",
    description = {
      "Writes stored vCons as <uuid>.vcon files into a directory, byte for byte.",
      "Exports the given ids, the days of --date/--since/--until, or everything."
    })
final class ExportCommand extends BaseCommand {

  @Option(names = "--to", required = true, paramLabel = "DIR", description = "Directory to write to (created if needed).")
  Path to;

  @Option(names = "--parallel", paramLabel = "N", defaultValue = "4", description = "Concurrent reads (default: ${DEFAULT-VALUE}).")
  int parallel;

  @Mixin DateRange range;

  @Parameters(arity = "0..*", paramLabel = "UUID", description = "Only these vCons.")
  List<String> ids = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    var days = range.days(spec);
    if (!ids.isEmpty() && days.isPresent()) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give ids or a date range, not both");
    }
    try (Session session = root.session();
        Progress progress = progress("export")) {
      VconStore store = session.store();
      Path dir = context().resolve(to);
      Files.createDirectories(dir);
      Set<String> seen = ConcurrentHashMap.newKeySet();
      AtomicLong written = new AtomicLong();
      Stream<VconId> which =
          ids.isEmpty()
              ? Listing.entries(store, days).map(Listing.Entry::id)
              : ids.stream().map(session::id).toList().stream();
      boolean stopped;
      try (which) {
        stopped =
            Batch.run(
                which.filter(id -> seen.add(id.value())),
                Math.max(1, parallel),
                context().stop,
                id -> {
                  try {
                    Vcon vcon =
                        store.get(id).orElseThrow(() -> new VconNotFoundException(id, session.selectedName()));
                    Path target = dir.resolve(id.value() + ".vcon");
                    Path temp = Files.createTempFile(dir, "." + id.value(), ".tmp");
                    try {
                      Files.write(temp, vcon.bytes());
                      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    } finally {
                      Files.deleteIfExists(temp);
                    }
                    written.incrementAndGet();
                    progress.item(vcon.size());
                  } catch (VconStorageException | IOException | UncheckedIOException e) {
                    failed(id.value(), e);
                    progress.item(0);
                  }
                });
      }
      progress.close();
      if (json()) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("command", "export");
        summary.put("store", session.selectedName());
        summary.put("to", dir.toString());
        summary.put("exported", written.get());
        summary.put("bytes", progress.bytes());
        summary.put("failed", failures.size());
        summary.put("stopped", stopped);
        summary.put("failures", new ArrayList<>(failures));
        printJson(summary);
      } else {
        out().println(
            "exported " + written.get() + " vCons (" + Texts.bytes(progress.bytes()) + ") to " + show(dir) + ", "
                + failures.size() + " failed" + (stopped ? "; stopped early" : ""));
      }
      return exitCode(stopped);
    }
  }
}
