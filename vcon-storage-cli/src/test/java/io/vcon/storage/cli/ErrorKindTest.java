package io.vcon.storage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vcon.storage.api.BackendException;
import io.vcon.storage.api.Capability;
import io.vcon.storage.api.ContentHash;
import io.vcon.storage.api.IntegrityException;
import io.vcon.storage.api.InvalidVconException;
import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.UnsupportedCapabilityException;
import io.vcon.storage.api.VconConflictException;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconNotFoundException;
import io.vcon.storage.api.VconStorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** One classifier for every error the command line reports. */
class ErrorKindTest {

  private static final VconId ID = VconId.of("019f15a6-a752-826f-b9a2-279e0d16bc46");

  /** One instance of every member of the sealed family, as the library throws them. */
  private static List<VconStorageException> everyKind() {
    String a = ContentHash.sha512("a".getBytes(StandardCharsets.UTF_8)).toString();
    String b = ContentHash.sha512("b".getBytes(StandardCharsets.UTF_8)).toString();
    return List.of(
        new VconNotFoundException(ID, "store archive"),
        new InvalidVconException(InvalidVconException.Reason.NOT_JSON, "not JSON", ID.value()),
        new BackendException("bucket is down", ID.value(), "archive", true, null),
        new IntegrityException("altered", ID.value(), "archive", "2024/01/15/x.vcon", a, b),
        new VconConflictException(ID, "archive", "other bytes are stored"),
        new StorageConfigurationException("storages.archive.options.aws_bucket: required"),
        new UnsupportedCapabilityException(Capability.LIST_BY_DATE, "archive"));
  }

  @Test
  void everyMemberOfTheSealedFamilyHasItsOwnKind() {
    List<VconStorageException> samples = everyKind();
    Set<Class<?>> covered = samples.stream().map(Object::getClass).collect(Collectors.toSet());
    assertThat(covered)
        .as("a sample per permitted subclass; add the new one here and in ErrorKind")
        .containsExactlyInAnyOrder(VconStorageException.class.getPermittedSubclasses());
    assertThat(samples).allSatisfy(e -> assertThat(ErrorKind.of(e)).isNotEqualTo(ErrorKind.OTHER));
    assertThat(samples.stream().map(ErrorKind::of).distinct()).hasSize(samples.size());
  }

  @Test
  void labelsAndExitCodes() {
    assertThat(ErrorKind.describe(everyKind().get(0))).startsWith("not found: ");
    assertThat(ErrorKind.label(everyKind().get(1))).isEqualTo("invalid (NOT_JSON)");
    assertThat(ErrorKind.label(everyKind().get(2))).isEqualTo("backend error");
    assertThat(ErrorKind.label(everyKind().get(3))).isEqualTo("integrity error");
    assertThat(ErrorKind.label(everyKind().get(4))).isEqualTo("conflict");
    assertThat(ErrorKind.describe(everyKind().get(5)))
        .isEqualTo("configuration error: storages.archive.options.aws_bucket: required");
    assertThat(ErrorKind.label(new UncheckedIOException(new IOException("gone"))))
        .isEqualTo("unreadable");
    assertThat(ErrorKind.label(new IllegalStateException())).isEqualTo("failed");
    assertThat(ErrorKind.describe(new IllegalStateException()))
        .isEqualTo("failed: IllegalStateException");

    assertThat(
            Arrays.stream(
                new int[] {
                  VconStorageCli.exitCode(everyKind().get(5)),
                  VconStorageCli.exitCode(everyKind().get(6)),
                  VconStorageCli.exitCode(
                      new InvalidVconException(
                          InvalidVconException.Reason.INVALID_ID, "bad id", "x"))
                }))
        .containsOnly(VconStorageCli.USAGE);
    assertThat(VconStorageCli.exitCode(everyKind().get(2))).isEqualTo(VconStorageCli.SOME_FAILED);
    assertThat(VconStorageCli.exitCode(everyKind().get(3))).isEqualTo(VconStorageCli.SOME_FAILED);
  }
}
