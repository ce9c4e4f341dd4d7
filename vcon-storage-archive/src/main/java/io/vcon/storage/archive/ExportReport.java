package io.vcon.storage.archive;

/**
 * What an {@link ExportJob} did: files written, their bytes, items that failed, whether it was
 * cancelled.
 */
public record ExportReport(long exported, long bytes, long failed, boolean stopped) {}
