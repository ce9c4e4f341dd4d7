package io.vcon.storage.archive;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a {@link VerifyJob} found: objects and pointers listed, findings by kind (in the order of
 * {@link FindingKind}), defects repaired and left, reads that failed, reads taken from a
 * checkpoint, whether content hashes were checked, and whether it was cancelled before the analysis
 * (then nothing was analysed or repaired).
 */
public record VerifyReport(
    int objects,
    int pointers,
    Map<FindingKind, Integer> counts,
    int repaired,
    int unrepaired,
    long failed,
    int resumedReads,
    boolean contentHashesChecked,
    boolean stopped) {

  public VerifyReport {
    EnumMap<FindingKind, Integer> ordered = new EnumMap<>(FindingKind.class);
    ordered.putAll(counts);
    counts = Collections.unmodifiableMap(ordered);
  }

  /** Whether the store is sound: no defect left, no read failed, not stopped. */
  public boolean clean() {
    return unrepaired == 0 && failed == 0 && !stopped;
  }
}
