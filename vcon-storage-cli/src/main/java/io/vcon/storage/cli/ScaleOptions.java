package io.vcon.storage.cli;

import io.vcon.storage.archive.S3Inventory;
import io.vcon.storage.archive.Shard;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Options of archive jobs at scale (docs/archive-scale.md): {@code --shard i/N} or {@code auto/N},
 * this process's part of the store, and {@code --inventory MANIFEST}, an S3 Inventory report as the
 * listing.
 */
final class ScaleOptions {

  @Option(
      names = "--shard",
      paramLabel = "i/N",
      description =
          "Only part i of N (0-based), by a hash of the vCon id; auto/N reads i from"
              + " JOB_COMPLETION_INDEX (Kubernetes Indexed Job) or AWS_BATCH_JOB_ARRAY_INDEX (AWS"
              + " Batch array job).")
  String shard;

  @Option(
      names = "--inventory",
      paramLabel = "MANIFEST",
      description =
          "Take the keys from this S3 Inventory report (its manifest.json, CSV format, copied"
              + " locally) instead of listing the bucket.")
  Path inventory;

  /** The inventory asked for, or null. */
  S3Inventory inventory(CliContext context) {
    return inventory == null ? null : S3Inventory.open(context.resolve(inventory));
  }

  /** The part asked for; the whole store when none was given. */
  Shard shard(CommandLine.Model.CommandSpec spec, CliContext context) {
    if (shard == null) {
      return Shard.ALL;
    }
    try {
      return Shard.parse(shard, context.env);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--shard: " + e.getMessage());
    }
  }
}
