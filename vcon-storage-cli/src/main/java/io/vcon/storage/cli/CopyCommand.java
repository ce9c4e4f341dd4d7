package io.vcon.storage.cli;

import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.archive.CopyJob;
import io.vcon.storage.archive.CopyReport;
import io.vcon.storage.archive.DayRange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The command line of {@link CopyJob} (vcon-storage-archive): resumable, and without needless transfer (vCons
 * already identical at the destination are recognised without downloading them; within one S3 endpoint the copy
 * is server-side).
 */
@Command(
    name = "copy",
    description = {
      "Copies vCons between stores (resumable, concurrent).",
      "A store is a configured storage name, or a directory as file:PATH or ./PATH. vCons already"
          + " identical at",
      "the destination are skipped, so running it again resumes. Per-item errors are reported, not"
          + " fatal."
    })
final class CopyCommand extends BaseCommand {

  @Option(
      names = "--from",
      paramLabel = "STORE",
      description = "Source store (default: --store, or the first).")
  String from;

  @Option(names = "--to", required = true, paramLabel = "STORE", description = "Destination store.")
  String to;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      defaultValue = "4",
      description = "Concurrent copies (default: ${DEFAULT-VALUE}).")
  int parallel;

  @Mixin ScaleOptions scale;

  @Mixin DateRange range;

  @Override
  public Integer call() {
    var days = range.days(spec);
    if (parallel < 1 || parallel > 256) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--parallel must be 1..256, was " + parallel);
    }
    try (Session session = root.session();
        Progress progress = progress("copy")) {
      String fromSpec = from != null ? from : session.selectedName();
      if (fromSpec.equals(to)) {
        throw new StorageConfigurationException(
            "copy --from and --to are the same store (" + to + ")");
      }
      VconStore source = session.store(fromSpec);
      VconStore target = session.store(to);
      CopyJob.Builder job =
          CopyJob.builder(source, target)
              .parallel(parallel)
              .listener(new CliListener(this, progress))
              .cancellation(context().stop)
              .shard(scale.shard(spec, context()))
              .inventory(scale.inventory(context()));
      days.ifPresent(d -> job.days(new DayRange(d.from(), d.to())));
      CopyReport report = job.build().run();
      progress.close();
      if (json()) {
        summary("copy")
            .put("from", fromSpec)
            .put("to", to)
            .put("copied", report.copied())
            .put("skipped_identical", report.skippedIdentical())
            .put("copied_server_side", report.serverSide())
            .put("skipped_without_download", report.skippedUnread())
            .put("bytes", progress.bytes())
            .stopped(report.stopped())
            .print();
      } else {
        out()
            .println(
                "copied "
                    + report.copied()
                    + " vCons from "
                    + fromSpec
                    + " to "
                    + to
                    + ", "
                    + report.skippedIdentical()
                    + " already identical, "
                    + failures.size()
                    + " failed"
                    + (report.stopped()
                        ? "; stopped early: run the same command again to resume"
                        : ""));
      }
      return exitCode(report.stopped());
    }
  }
}
