package io.vcon.storage.archive;

/**
 * What a {@link CopyJob} did: vCons written at the destination (of which {@code serverSide} by a
 * server-side copy, the bytes never passing through this process), vCons already identical there
 * ({@code skippedIdentical}, of which {@code skippedUnread} decided without reading the vCon),
 * bytes read or written, items that failed, and whether it was cancelled before the end.
 */
public record CopyReport(
    long copied,
    long serverSide,
    long skippedIdentical,
    long skippedUnread,
    long bytes,
    long failed,
    boolean stopped) {}
