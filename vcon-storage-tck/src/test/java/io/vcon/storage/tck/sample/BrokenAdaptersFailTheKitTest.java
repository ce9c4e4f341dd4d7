package io.vcon.storage.tck.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/** The kit has teeth: each broken adapter fails it, and fails in the tests that are about its mistake. */
class BrokenAdaptersFailTheKitTest {

  private static List<String> failedTests(Class<?> contract) {
    Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(contract)).execute().testEvents();
    return tests.failed().stream()
        .map(Event::getTestDescriptor)
        .map(d -> d.getDisplayName())
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
            "the object sits at [prefix/]YYYY/MM/DD/<uuid>.vcon and the pointer holds the date path",
            "every key the store writes stays under its prefix");
  }

  @Test
  void convertingCreatedAtToUtcFailsTheDateTests() {
    assertThat(failedTests(BrokenAdapters.UtcDateContract.class))
        .contains("the object sits at [prefix/]YYYY/MM/DD/<uuid>.vcon and the pointer holds the date path");
  }

  @Test
  void aCapabilityDeclaredButNotHonouredFails() {
    assertThat(failedTests(BrokenAdapters.LyingCapabilityContract.class))
        .contains("putIfAbsent never replaces an existing vCon, even one filed under another day");
  }

  @Test
  void theCorrectSampleAdapterPassesWithSkipsForWhatItDoesNotDeclare() {
    Events tests =
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(SampleStoreContractTest.class)).execute().testEvents();
    assertThat(tests.failed().count()).isZero();
    assertThat(tests.succeeded().count()).isGreaterThanOrEqualTo(25);
    // Capability gates are assumptions: the groups the sample does not declare are aborted with the reason.
    assertThat(tests.aborted().stream().map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
            .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).map(Throwable::getMessage).orElse("")))
        .hasSizeGreaterThanOrEqualTo(3)
        .allMatch(m -> m.contains("does not declare capability"));
  }
}
