package io.vcon.storage.tck.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * The kit has teeth: each broken adapter fails it, and fails in the tests that are about its
 * mistake.
 */
class BrokenAdaptersFailTheKitTest {

  private static final String LAYOUT_GROUP = "vcon-server layout on the wire";

  private static Events run(Class<?> contract) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(contract))
        .execute()
        .testEvents();
  }

  private static List<String> failedTests(Class<?> contract) {
    return run(contract).failed().stream()
        .map(Event::getTestDescriptor)
        .map(d -> d.getDisplayName())
        .collect(Collectors.toList());
  }

  /** The messages of the tests the kit skipped (assumptions are "aborted" in JUnit's terms). */
  private static List<String> skipReasons(Events tests) {
    return tests.aborted().stream()
        .map(
            e ->
                e.getPayload(TestExecutionResult.class)
                    .flatMap(TestExecutionResult::getThrowable)
                    .map(Throwable::getMessage)
                    .orElse(""))
        .collect(Collectors.toList());
  }

  @Test
  void reserializingJsonFailsTheByteForByteTests() {
    assertThat(failedTests(BrokenAdapters.ReserializingContract.class))
        .contains(
            "formatting, key order and number spelling are kept, never re-serialized",
            "every real fixture vCon reads back unchanged");
  }

  @Test
  void ignoringThePrefixFailsTheLayoutTests() {
    assertThat(failedTests(BrokenAdapters.PrefixIgnoringContract.class))
        .contains(
            "the object sits at [prefix/]YYYY/MM/DD/<uuid>.vcon and the pointer holds the date"
                + " path",
            "every key the store writes stays under its prefix");
  }

  @Test
  void convertingCreatedAtToUtcFailsTheDateTests() {
    assertThat(failedTests(BrokenAdapters.UtcDateContract.class))
        .contains(
            "the object sits at [prefix/]YYYY/MM/DD/<uuid>.vcon and the pointer holds the date"
                + " path");
  }

  @Test
  void filingADayLateConsistentlyFailsOnlyWhereTheKitReadsTheBackend() {
    Events tests = run(BrokenAdapters.DayLateContract.class);
    List<Event> failed = tests.failed().list();
    assertThat(failed.stream().map(e -> e.getTestDescriptor().getDisplayName()))
        .contains(
            "the object sits at [prefix/]YYYY/MM/DD/<uuid>.vcon and the pointer holds the date"
                + " path",
            "objects and pointers written by vcon-server are read, pointer whitespace ignored",
            "a vCon vcon-server filed under a day is listed under that day",
            "save, then read back under generated created_at values, at exactly the expected keys");
    // Through the store alone it is self-consistent: every failure is in a test that looks behind
    // the store.
    assertThat(failed)
        .allSatisfy(
            e ->
                assertThat(e.getTestDescriptor().getUniqueId().toString())
                    .containsAnyOf("LayoutTck", "putIfAbsentCompletesItsOwnOrphan"));
    // Without raw access declared, the layout group used to be skipped, and the store passed.
    assertThat(skipReasons(tests))
        .noneMatch(m -> m.contains("RAW_OBJECTS") && m.contains(LAYOUT_GROUP));
  }

  @Test
  void aCapabilityDeclaredButNotHonouredFails() {
    assertThat(failedTests(BrokenAdapters.LyingCapabilityContract.class))
        .contains("putIfAbsent never replaces an existing vCon, even one filed under another day");
  }

  @Test
  void aStoreThatIsNotLayoutCompatibleSaysSoAndTheLayoutGroupSkipsWithItsReason() {
    Events tests = run(BrokenAdapters.NotLayoutCompatibleContract.class);
    assertThat(tests.failed().count()).isZero();
    List<String> reasons = skipReasons(tests);
    assertThat(
            reasons.stream()
                .filter(m -> m.contains(BrokenAdapters.NotLayoutCompatibleContract.BECAUSE)))
        .as("one skip per layout test, each with the store's reason")
        .hasSizeGreaterThanOrEqualTo(10)
        .allMatch(m -> m.contains("does not keep vcon-server's layout"));
  }

  @Test
  void theCorrectAdapterPassesWithSkipsForWhatItDoesNotDeclare() {
    Events tests = run(BrokenAdapters.CorrectContract.class);
    assertThat(tests.failed().count()).isZero();
    assertThat(tests.succeeded().count()).isGreaterThanOrEqualTo(40);
    // Capability gates are assumptions: the groups the adapter does not declare are aborted with
    // the reason.
    assertThat(skipReasons(tests))
        .hasSizeGreaterThanOrEqualTo(3)
        .allMatch(m -> m.contains("does not declare capability"));
  }
}
