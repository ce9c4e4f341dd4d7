package io.vcon.storage.cli;

import io.vcon.storage.archive.ArchiveListener;

/**
 * An archive job's progress on the progress line, its per-item failures reported as every command
 * reports them.
 */
final class CliListener implements ArchiveListener {
  private final BaseCommand command;
  private final Progress progress;

  CliListener(BaseCommand command, Progress progress) {
    this.command = command;
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
    command.failed(item, error);
  }
}
