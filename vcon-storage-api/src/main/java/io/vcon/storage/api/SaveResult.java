package io.vcon.storage.api;

import java.util.List;
import java.util.stream.Collectors;

/** The outcome of saving one vCon to every store of a {@link Storage}: one {@link StoreOutcome} per store. */
public final class SaveResult {
  private final VconId id;
  private final List<StoreOutcome> outcomes;

  SaveResult(VconId id, List<StoreOutcome> outcomes) {
    this.id = id;
    this.outcomes = List.copyOf(outcomes);
  }

  public VconId id() {
    return id;
  }

  public List<StoreOutcome> outcomes() {
    return outcomes;
  }

  /** True when every store saved it. */
  public boolean succeeded() {
    return outcomes.stream().allMatch(StoreOutcome::succeeded);
  }

  public List<StoreOutcome> failures() {
    return outcomes.stream().filter(o -> !o.succeeded()).collect(Collectors.toList());
  }

  /**
   * Returns this result when every store saved the vCon; otherwise throws the first store's error, with the
   * other stores' errors attached as suppressed exceptions.
   */
  public SaveResult orThrow() {
    List<StoreOutcome> failed = failures();
    if (failed.isEmpty()) {
      return this;
    }
    VconStorageException first = failed.get(0).error().orElseThrow();
    failed.stream().skip(1).forEach(o -> first.addSuppressed(o.error().orElseThrow()));
    throw first;
  }

  @Override
  public String toString() {
    return "SaveResult[" + id + ": " + outcomes + "]";
  }
}
