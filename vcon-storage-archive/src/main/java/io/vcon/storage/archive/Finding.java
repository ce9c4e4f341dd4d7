package io.vcon.storage.archive;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing {@link VerifyJob} found: its kind, the vCon ({@code null} for a key of no vCon), the
 * key, what is wrong, the repair that fixes it ({@code null} when none is safe), whether that
 * repair was made, and why it failed.
 */
public record Finding(
    FindingKind kind,
    String vconId,
    String key,
    String detail,
    String repair,
    boolean repaired,
    String repairError) {

  public Finding {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(detail, "detail");
  }

  public boolean defect() {
    return kind.defect();
  }

  public Optional<String> vcon() {
    return Optional.ofNullable(vconId);
  }

  public Optional<String> repairAction() {
    return Optional.ofNullable(repair);
  }

  public Optional<String> repairFailure() {
    return Optional.ofNullable(repairError);
  }
}
