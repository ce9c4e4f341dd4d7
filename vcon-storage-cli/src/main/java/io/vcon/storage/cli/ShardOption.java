package io.vcon.storage.cli;

import io.vcon.storage.archive.Shard;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --shard i/N} or {@code --shard auto/N}: this process's part of the store (docs/archive-scale.md). */
final class ShardOption {

  @Option(
      names = "--shard",
      paramLabel = "i/N",
      description = "Only part i of N (0-based), by a hash of the vCon id; auto/N reads i from JOB_COMPLETION_INDEX"
          + " (Kubernetes Indexed Job) or AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch array job).")
  String shard;

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
