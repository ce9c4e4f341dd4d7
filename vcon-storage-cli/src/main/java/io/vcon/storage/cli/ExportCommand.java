package io.vcon.storage.cli;

import io.vcon.storage.api.VconStore;
import io.vcon.storage.archive.DayRange;
import io.vcon.storage.archive.ExportJob;
import io.vcon.storage.archive.ExportReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The command line of {@link ExportJob} (vcon-storage-archive). */
@Command(
    name = "export",
    description = {
      "Writes stored vCons as <uuid>.vcon files into a directory, byte for byte.",
      "Exports the given ids, the days of --date/--since/--until, or everything."
    })
final class ExportCommand extends BaseCommand {

  @Option(
      names = "--to",
      required = true,
      paramLabel = "DIR",
      description = "Directory to write to (created if needed).")
  Path to;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      defaultValue = "4",
      description = "Concurrent reads (default: ${DEFAULT-VALUE}).")
  int parallel;

  @Mixin ScaleOptions scale;

  @Mixin DateRange range;

  @Parameters(arity = "0..*", paramLabel = "UUID", description = "Only these vCons.")
  List<String> ids = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    var days = range.days(spec);
    if (!ids.isEmpty() && days.isPresent()) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "give ids or a date range, not both");
    }
    try (Session session = root.session();
        Progress progress = progress("export")) {
      VconStore store = session.store();
      Path dir = context().resolve(to);
      ExportJob.Builder job =
          ExportJob.builder(store, dir)
              .ids(ids.stream().map(session::id).toList())
              .parallel(parallel)
              .storeName(session.selectedName())
              .listener(new CliListener(this, progress))
              .cancellation(context().stop)
              .shard(scale.shard(spec, context()))
              .inventory(scale.inventory(context()));
      days.ifPresent(d -> job.days(new DayRange(d.from(), d.to())));
      ExportReport report = job.build().run();
      progress.close();
      if (json()) {
        summary("export")
            .put("store", session.selectedName())
            .put("to", dir.toString())
            .put("exported", report.exported())
            .put("bytes", progress.bytes())
            .stopped(report.stopped())
            .print();
      } else {
        out()
            .println(
                "exported "
                    + report.exported()
                    + " vCons ("
                    + Texts.bytes(progress.bytes())
                    + ") to "
                    + show(dir)
                    + ", "
                    + failures.size()
                    + " failed"
                    + (report.stopped() ? "; stopped early" : ""));
      }
      return exitCode(report.stopped());
    }
  }
}
