package io.vcon.storage.micrometer;

import io.micrometer.common.KeyValues;

/**
 * The default names and tags: observation {@code vcon.storage.operations} (so the timer a meter
 * handler makes has the name the decorator's own timer has), contextual (span) name {@code vcon
 * <operation>}, low-cardinality key values {@code store}, {@code backend}, {@code operation},
 * {@code outcome}, and the vCon id as the high-cardinality key value {@code vcon.id}, which spans
 * carry and metrics never turn into a tag.
 */
public class DefaultVconStorageObservationConvention implements VconStorageObservationConvention {

  /** The observation's name, and the name of the timer made from it. */
  public static final String NAME = "vcon.storage.operations";

  /** The outcome tag while the call is still running (a long-task timer's tag). */
  static final String UNKNOWN = "unknown";

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public String getContextualName(VconStorageObservationContext context) {
    return "vcon " + context.operation();
  }

  @Override
  public KeyValues getLowCardinalityKeyValues(VconStorageObservationContext context) {
    String outcome = context.outcome();
    return KeyValues.of(
        "store", context.store(),
        "backend", context.backend(),
        "operation", context.operation(),
        "outcome", outcome == null ? UNKNOWN : outcome);
  }

  @Override
  public KeyValues getHighCardinalityKeyValues(VconStorageObservationContext context) {
    return context.vconId() == null
        ? KeyValues.empty()
        : KeyValues.of(Recorder.ID_KEY, context.vconId());
  }
}
