package io.vcon.storage.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.vcon.storage.api.RawObjects;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.s3.S3StoreConfig;
import io.vcon.storage.s3.S3VconStore;
import io.vcon.storage.testsupport.S3ProxyExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * A whole-bucket copy between two S3 stores (one S3Proxy, two prefixes) decides from the two
 * listings what each vCon needs: a copy with nothing to do sends LIST requests only, and pointers
 * that are missing, wrong or written differently are still found and mended.
 */
class S3CopyTest {

  static final String ACCESS_KEY = "archive-access-key";
  static final String SECRET_KEY = "archive-s3cr3t-9d1e";
  static final int VCONS = 12;

  @RegisterExtension
  static final S3ProxyExtension S3 = new S3ProxyExtension(ACCESS_KEY, SECRET_KEY, "archive-copy");

  /** Every request the stores send, as {@code METHOD key} ({@code LIST} for a listing). */
  static final class Requests implements ExecutionInterceptor {
    final List<String> seen = new CopyOnWriteArrayList<>();

    @Override
    public void beforeTransmission(
        Context.BeforeTransmission context, ExecutionAttributes attributes) {
      var http = context.httpRequest();
      boolean listing = http.rawQueryParameters().containsKey("list-type");
      seen.add(listing ? "LIST" : http.method() + " " + http.encodedPath());
    }

    List<String> notListings() {
      return seen.stream().filter(r -> !r.equals("LIST")).toList();
    }
  }

  final Requests requests = new Requests();
  final List<String> ids = new ArrayList<>();
  VconStore source;
  VconStore target;

  @BeforeEach
  void setUp() {
    String run = UUID.randomUUID().toString();
    source = store("source-" + run);
    target = store("target-" + run);
    for (int i = 0; i < VCONS; i++) {
      String id = UUID.randomUUID().toString();
      ids.add(id);
      source.put(ArchiveJobsTest.vcon(id, String.format("2024-03-%02dT10:00:00Z", 1 + i % 4)));
    }
  }

  @AfterEach
  void close() {
    source.close();
    target.close();
  }

  private VconStore store(String prefix) {
    S3StoreConfig config =
        S3StoreConfig.builder()
            .bucket(S3.bucket())
            .s3Path(prefix)
            .region("us-east-1")
            .endpointUrl(S3.endpoint())
            .credentials(ACCESS_KEY, SECRET_KEY)
            .maxRetries(1)
            .apiTimeout(Duration.ofSeconds(60))
            .build();
    return S3VconStore.builder(config)
        .overrideConfiguration(o -> o.addExecutionInterceptor(requests))
        .build();
  }

  @Test
  @DisplayName("a copy with nothing to do sends LIST requests only: no GET, HEAD or PUT")
  void nothingToCopyCostsListingsOnly() {
    CopyReport first = CopyJob.builder(source, target).parallel(3).spillChunk(5).build().run();
    assertThat(first.copied()).isEqualTo(VCONS);
    assertThat(first.serverSide()).isEqualTo(VCONS);

    requests.seen.clear();
    CopyReport again = CopyJob.builder(source, target).parallel(3).spillChunk(5).build().run();
    assertThat(again.copied()).isZero();
    assertThat(again.skippedIdentical()).isEqualTo(VCONS);
    assertThat(again.skippedUnread()).isEqualTo(VCONS);
    assertThat(requests.notListings()).as("pointers decided from their listed ETags").isEmpty();
    assertThat(requests.seen).isNotEmpty();
  }

  @Test
  @DisplayName(
      "pointers the listings show wrong, missing or in another spelling are read or mended; a"
          + " stale copy stays behind")
  void pointersTheListingsCannotVouchFor() {
    CopyJob.builder(source, target).build().run();
    RawObjects there = target.rawObjects();
    RawObjects here = source.rawObjects();
    VconId wrong = VconId.of(ids.get(0));
    VconId missing = VconId.of(ids.get(1));
    VconId spelled = VconId.of(ids.get(2));
    VconId stale = VconId.of(ids.get(3));
    there.write(there.keys().pointerKey(wrong), ascii("2024/03/02")); // another listed day
    there.delete(there.keys().pointerKey(missing));
    // vcon-server style with a newline: same day, an ETag no table holds, so it is read.
    there.write(there.keys().pointerKey(spelled), ascii("2024/03/03\n"));
    LocalDate old = LocalDate.of(2023, 1, 1);
    here.write(here.keys().objectKey(stale, old), source.get(stale).orElseThrow().bytes());

    requests.seen.clear();
    CopyReport report = CopyJob.builder(source, target).parallel(2).spillChunk(4).build().run();
    List<String> sent = requests.notListings();
    assertThat(report.copied()).as("two pointers mended").isEqualTo(2);
    assertThat(report.skippedIdentical()).isEqualTo(VCONS - 2);
    assertThat(report.failed()).isZero();
    assertThat(there.read(there.keys().objectKey(stale, old))).isEmpty();
    for (VconId id : List.of(wrong, missing)) {
      assertThat(there.read(there.keys().pointerKey(id)))
          .map(b -> new String(b, StandardCharsets.US_ASCII))
          .as(id.value())
          .contains(
              source
                  .get(id)
                  .orElseThrow()
                  .createdAt()
                  .orElseThrow()
                  .localDate()
                  .toString()
                  .replace('-', '/'));
    }
    assertThat(sent)
        .as("only the unrecognised pointer is read, only the two pointers are written")
        .hasSize(3)
        .allSatisfy(r -> assertThat(r).contains("/lookup/"));
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
