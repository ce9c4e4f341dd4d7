package io.vcon.storage.cli;

import io.vcon.storage.api.VconStore;
import io.vcon.storage.archive.ArchiveListener;
import io.vcon.storage.archive.Finding;
import io.vcon.storage.archive.VerifyJob;
import io.vcon.storage.archive.VerifyReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The command line of {@link VerifyJob} (vcon-storage-archive), which holds the audit and repair rules: this class
 * maps options onto the job, prints each finding as it is made, and the summary.
 */
@Command(
    name = "verify",
    description = {
      "Checks objects against lookup pointers and documents; --repair fixes what is safe.",
      "Finds orphan objects (no lookup pointer), dangling pointers, pointers whose date disagrees"
          + " with the",
      "document, documents whose uuid disagrees with their key, unparseable objects, and objects"
          + " whose bytes do",
      "not match their recorded content hash or carry none. Repairs write or remove lookup"
          + " pointers, and with",
      "--trust-current record missing hashes; altered objects and what needs a person are reported."
    })
final class VerifyCommand extends BaseCommand {

  @Option(
      names = "--repair",
      description = "Write missing pointers, remove dangling ones, correct wrong ones.")
  boolean repair;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      defaultValue = "4",
      description = "Concurrent reads (default: ${DEFAULT-VALUE}).")
  int parallel;

  @Mixin ScaleOptions scale;

  @Option(
      names = "--trust-current",
      description =
          "With --repair: record a content hash for objects that have none, vouching for their"
              + " current bytes.")
  boolean trustCurrent;

  @Option(
      names = "--checkpoint",
      paramLabel = "FILE",
      description =
          "Record each read in FILE; run again with the same FILE to resume a stopped verify."
              + " Removed when the run completes.")
  Path checkpoint;

  /** The findings for the JSON summary, in the order they were made. */
  private final List<Map<String, Object>> findings =
      Collections.synchronizedList(new ArrayList<>());

  @Override
  public Integer call() {
    if (trustCurrent && !repair) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--trust-current is only meaningful with --repair");
    }
    try (Session session = root.session();
        Progress progress = progress("verify")) {
      VconStore store = session.store();
      VerifyReport report;
      try {
        report =
            VerifyJob.builder(store)
                .repair(repair)
                .trustCurrent(trustCurrent)
                .checkpoint(checkpoint)
                .parallel(parallel)
                .idPolicy(session.idPolicy())
                .listener(new Listener(progress))
                .cancellation(context().stop)
                .shard(scale.shard(spec, context()))
                .inventory(scale.inventory(context()))
                .build()
                .run();
      } finally {
        progress.close();
      }
      report(session, store, report);
      return report.clean() ? VconStorageCli.OK : VconStorageCli.SOME_FAILED;
    }
  }

  /** Progress and read failures as every command reports them; each finding printed as it is made. */
  private final class Listener implements ArchiveListener {
    private final Progress progress;

    Listener(Progress progress) {
      this.progress = progress;
    }

    @Override
    public void total(long items) {
      progress.total(items);
    }

    @Override
    public void item(long bytes) {
      progress.item(bytes);
    }

    @Override
    public void failed(String item, Exception error) {
      VerifyCommand.this.failed(item, error);
    }

    @Override
    public void finding(Finding f) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", f.kind().name());
      m.put("id", f.vconId());
      m.put("key", f.key());
      m.put("detail", f.detail());
      m.put("defect", f.defect());
      m.put("repair", f.repair());
      m.put("repaired", f.repaired());
      if (f.repairError() != null) {
        m.put("repair_error", f.repairError());
      }
      findings.add(m);
      if (!json()) {
        String status =
            !f.defect()
                ? "note"
                : f.repaired()
                    ? "repaired: " + f.repair()
                    : f.repairError() != null
                        ? "repair failed: " + f.repairError()
                        : f.repair() != null ? "repairable: " + f.repair() : "not repairable";
        out()
            .println(
                f.kind()
                    + "  "
                    + (f.vconId() == null ? "-" : f.vconId())
                    + "  "
                    + f.key()
                    + ": "
                    + f.detail()
                    + " ["
                    + status
                    + "]");
      }
    }
  }

  private void report(Session session, VconStore store, VerifyReport r) {
    if (json()) {
      Map<String, Object> byKind = new LinkedHashMap<>();
      r.counts().forEach((k, v) -> byKind.put(k.name(), v));
      summary("verify")
          .put("store", session.selectedName())
          .put("repair", repair)
          .put("trust_current", trustCurrent)
          .put("content_hashes_checked", r.contentHashesChecked())
          .put("resumed_reads", r.resumedReads())
          .put("objects", r.objects())
          .put("pointers", r.pointers())
          .put("counts", byKind)
          .put("repaired", r.repaired())
          .put("unrepaired", r.unrepaired())
          .put("findings", new ArrayList<>(findings))
          .stopped(r.stopped())
          .print();
    } else {
      StringBuilder b =
          new StringBuilder("verified ")
              .append(session.selectedName())
              .append(" (")
              .append(store.name())
              .append("): ")
              .append(r.objects())
              .append(" objects, ")
              .append(r.pointers())
              .append(" pointers; ");
      int defects = r.repaired() + r.unrepaired();
      b.append(defects).append(defects == 1 ? " defect" : " defects");
      if (!r.counts().isEmpty()) {
        b.append(" ").append(r.counts());
      }
      if (repair) {
        b.append(", ")
            .append(r.repaired())
            .append(" repaired, ")
            .append(r.unrepaired())
            .append(" left");
      } else if (defects > 0) {
        b.append("; run with --repair to fix what is safe");
      }
      if (!r.contentHashesChecked()) {
        b.append("; content hashes not checked (the store records none)");
      }
      if (r.resumedReads() > 0) {
        b.append("; ").append(r.resumedReads()).append(" reads resumed from ").append(checkpoint);
      }
      if (r.stopped()) {
        b.append("; stopped early, the vCons not yet read are unchecked")
            .append(checkpoint != null ? "; run the same command again to resume" : "");
      }
      out().println(b);
    }
  }
}
