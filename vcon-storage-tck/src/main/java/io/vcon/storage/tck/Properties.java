package io.vcon.storage.tck;

import org.quicktheories.QuickTheory;

/** Runs QuickTheories properties inside ordinary Jupiter tests, with a fixed seed that failures print. */
public final class Properties {

  /** The seed every property uses; a failure reproduces by running the same test again. */
  public static final long SEED = 0x5EED_7C0DL;

  private Properties() {}

  /** A QuickTheory with the fixed seed and {@code examples} cases. */
  public static QuickTheory qt(int examples) {
    return QuickTheory.qt().withFixedSeed(SEED).withExamples(examples);
  }

  /** Runs a property, adding the seed to any failure so that the report says how to reproduce it. */
  public static void property(String name, Runnable body) {
    try {
      body.run();
    } catch (AssertionError e) {
      throw new AssertionError(
          "Property '"
              + name
              + "' failed (QuickTheories seed "
              + SEED
              + "; the seed is fixed, so running the "
              + "test again reproduces it): "
              + e.getMessage(),
          e);
    }
  }
}
