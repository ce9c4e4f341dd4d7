package io.vcon.storage.cli;

import io.vcon.storage.api.SaveResult;
import io.vcon.storage.api.Storage;
import io.vcon.storage.api.StoreOutcome;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconSource;
import io.vcon.storage.api.VconStorageException;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.archive.Workers;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(
    name = "save",
    description = {
      "Saves vCons from the configured source (e.g. Redis) to the stores, as Storage.save does.",
      "Writes to every configured storage, or only to --store. Select by ids, --all, or"
          + " --since/--until",
      "(the source's created_at index, UTC days, inclusive)."
    })
final class SaveCommand extends BaseCommand {

  @Parameters(arity = "0..*", paramLabel = "UUID", description = "Ids of the vCons to save.")
  List<String> ids = new ArrayList<>();

  @Option(names = "--all", description = "Every vCon the source holds.")
  boolean all;

  @Option(
      names = "--since",
      paramLabel = "YYYY/MM/DD",
      converter = DateRange.DayConverter.class,
      description = "vCons created on or after this UTC day (from the source's index).")
  LocalDate since;

  @Option(
      names = "--until",
      paramLabel = "YYYY/MM/DD",
      converter = DateRange.DayConverter.class,
      description = "vCons created on or before this UTC day (default: today).")
  LocalDate until;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      defaultValue = "4",
      description = "Concurrent saves (default: ${DEFAULT-VALUE}).")
  int parallel;

  @Override
  public Integer call() {
    int modes = (ids.isEmpty() ? 0 : 1) + (all ? 1 : 0) + (since != null ? 1 : 0);
    if (modes != 1) {
      throw new ParameterException(
          spec.commandLine(), "give ids, --all, or --since [--until] (exactly one of them)");
    }
    if (until != null && since == null) {
      throw new ParameterException(spec.commandLine(), "--until needs --since");
    }
    try (Session session = root.session();
        Progress progress = progress("save")) {
      List<VconId> given = ids.stream().map(session::id).toList();
      VconSource source = session.source();
      Map<String, VconStore> stores =
          root.store != null
              ? Map.of(session.selectedName(), session.store())
              : session.allStores();
      // Failed saves go to the source's dead-letter lists when it keeps them (dead_letter: true),
      // for replay:
      // the facade connects them, as for every library user. Not closed here: the session owns the
      // parts.
      Storage storage = session.storage(Optional.of(source), stores);
      AtomicLong saved = new AtomicLong();
      Stream<VconId> which;
      if (!given.isEmpty()) {
        which = given.stream();
        progress.total(given.size());
      } else if (all) {
        which = source.ids();
      } else {
        LocalDate last = until != null ? until : LocalDate.now(ZoneOffset.UTC);
        which =
            source.idsCreatedBetween(
                since.atStartOfDay(ZoneOffset.UTC).toInstant(),
                last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
      }
      boolean stopped;
      try (which) {
        stopped =
            Workers.run(
                which,
                Math.max(1, parallel),
                context().stop,
                id -> {
                  try {
                    SaveResult result = storage.save(id);
                    if (result.succeeded()) {
                      saved.incrementAndGet();
                      if (!json() && !given.isEmpty()) {
                        synchronized (out()) {
                          out().println("saved " + id + " to " + stores.keySet());
                        }
                      }
                    } else {
                      for (StoreOutcome o : result.failures()) {
                        failed(id + " -> " + o.store(), o.error().orElseThrow());
                      }
                    }
                    progress.item(0);
                  } catch (VconStorageException e) {
                    failed(id.value(), e);
                    progress.item(0);
                  }
                });
      }
      progress.close();
      if (json()) {
        summary("save")
            .put("source", source.name())
            .put("stores", new ArrayList<>(stores.keySet()))
            .put("saved", saved.get())
            .stopped(stopped)
            .print();
      } else {
        out()
            .println(
                "saved "
                    + saved.get()
                    + " vCons from "
                    + source.name()
                    + " to "
                    + stores.keySet()
                    + ", "
                    + failures.size()
                    + " failed"
                    + (stopped ? "; stopped early" : ""));
      }
      return exitCode(stopped);
    }
  }
}
