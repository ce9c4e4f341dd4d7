package io.vcon.storage.cli;

import io.vcon.storage.api.DeadLetters;
import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconNotFoundException;
import io.vcon.storage.api.VconSource;
import io.vcon.storage.api.VconStorageException;
import io.vcon.storage.api.VconStore;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(
    name = "replay",
    description = {
      "Saves the dead-lettered vCons of one store (Redis list DLQ:storage:NAME) again, from the"
          + " source.",
      "Each entry is claimed atomically (safe to run twice at once), removed only after its save",
      "succeeded, and returned to the end of the list when it failed. Needs dead_letter: true on"
          + " the source."
    })
final class ReplayCommand extends BaseCommand {

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Replay at most N entries (default: those waiting when the run starts).")
  Long limit;

  @Override
  public Integer call() {
    if (root.store == null) {
      throw new ParameterException(
          spec.commandLine(), "replay needs --store NAME: the store whose dead letters to replay");
    }
    if (limit != null && limit < 1) {
      throw new ParameterException(spec.commandLine(), "--limit must be at least 1, was " + limit);
    }
    try (Session session = root.session();
        Progress progress = progress("replay")) {
      String name = session.selectedName();
      VconStore store = session.store();
      VconSource source = session.source();
      DeadLetters deadLetters =
          source
              .deadLetters()
              .orElseThrow(
                  () ->
                      new StorageConfigurationException(
                          "replay reads the dead letters the source keeps, and source "
                              + source.name()
                              + " keeps none; set"
                              + " dead_letter: true in the source's options ("
                              + session.origin()
                              + ")."));
      // Entries failing again go back to the end of the list: a fixed budget keeps the run from
      // looping on them.
      long budget = limit != null ? limit : deadLetters.pending(name);
      progress.total(budget);
      long replayed = 0;
      boolean stopped = false;
      for (long i = 0; i < budget; i++) {
        if (context().stop.requested()) {
          stopped = true;
          break;
        }
        Optional<String> claimed = deadLetters.claim(name);
        if (claimed.isEmpty()) {
          break; // drained, possibly by a concurrent replay
        }
        String entry = claimed.get();
        try {
          VconId id = session.id(entry.strip());
          Vcon vcon =
              source
                  .read(id)
                  .orElseThrow(
                      () ->
                          new VconNotFoundException(
                              id,
                              "source "
                                  + source.name()
                                  + " (its document expired or was deleted; the entry stays"
                                  + " queued)"));
          store.put(vcon);
          deadLetters.ack(name, entry);
          replayed++;
        } catch (VconStorageException | IllegalArgumentException e) {
          failed(entry, e);
          deadLetters.release(name, entry);
        }
        progress.item(0);
      }
      progress.close();
      long remaining = deadLetters.pending(name);
      if (json()) {
        summary("replay")
            .put("store", name)
            .put("replayed", replayed)
            .put("remaining", remaining)
            .stopped(stopped)
            .print();
      } else {
        out()
            .println(
                "replayed "
                    + replayed
                    + " vCons to "
                    + name
                    + ", "
                    + failures.size()
                    + " failed (returned to the"
                    + " queue), "
                    + remaining
                    + " remain in its dead-letter list"
                    + (stopped ? "; stopped early" : ""));
      }
      return exitCode(stopped);
    }
  }
}
