package io.vcon.storage.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of a store or source operation. Implement it to rename the
 * observation (and so the timer Micrometer's {@code DefaultMeterObservationHandler} makes from it)
 * or to add key values; pass it to {@link Metered.Builder#observationConvention}, or, in Spring
 * Boot, declare it as a bean. Extending {@link DefaultVconStorageObservationConvention} keeps the
 * default names and tags.
 */
public interface VconStorageObservationConvention
    extends ObservationConvention<VconStorageObservationContext> {

  @Override
  default boolean supportsContext(Observation.Context context) {
    return context instanceof VconStorageObservationContext;
  }
}
