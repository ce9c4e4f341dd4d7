package io.vcon.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vcon.storage.api.BackendException;
import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.tck.SampleVcons;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Object Lock options. S3Proxy has no Object Lock, so the headers are checked on the wire with an SDK interceptor
 * and the refusals with canned answers; {@link MinioObjectLockTest} runs the real thing where Docker exists.
 */
@DisplayName("S3 Object Lock: retention and legal hold")
class ObjectLockTest {

  @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  /**
   * Records every request as the store built it, then strips the Object Lock headers before signing, because
   * S3Proxy answers them with 501 NotImplemented.
   */
  static final class Wire implements ExecutionInterceptor {
    final List<SdkHttpRequest> requests = new CopyOnWriteArrayList<>();

    @Override
    public SdkHttpRequest modifyHttpRequest(
        Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
      SdkHttpRequest request = context.httpRequest();
      requests.add(request);
      SdkHttpRequest.Builder stripped = request.toBuilder();
      request.headers().keySet().stream()
          .filter(h -> h.toLowerCase(Locale.ROOT).startsWith("x-amz-object-lock"))
          .forEach(stripped::removeHeader);
      return stripped.build();
    }

    List<SdkHttpRequest> puts() {
      return requests.stream().filter(r -> r.method() == SdkHttpMethod.PUT).toList();
    }
  }

  @Test
  @DisplayName(
      "both PUTs of a save (object and lookup pointer) carry mode, retain-until date and legal"
          + " hold")
  void headersOnBothPuts() {
    Wire wire = new Wire();
    S3StoreConfig config =
        S3.config("locked/")
            .objectLockMode(S3StoreConfig.ObjectLockMode.COMPLIANCE)
            .objectLockRetainDays(30)
            .legalHold(true)
            .interceptor(wire)
            .build();
    Vcon vcon = SampleVcons.vcon("2024-01-15T10:00:00Z");
    try (VconStore store = S3VconStore.create(config, CLOCK)) {
      store.put(vcon);
      assertThat(store.get(vcon.id()))
          .as("S3Proxy ignores the headers; the save itself works")
          .isPresent();
    }
    List<SdkHttpRequest> puts = wire.puts();
    // Before endpoint resolution the path is the key; the bucket is added afterwards.
    assertThat(puts)
        .extracting(SdkHttpRequest::encodedPath)
        .containsExactly(
            "/locked/2024/01/15/" + vcon.id() + ".vcon", "/locked/lookup/" + vcon.id() + ".txt");
    for (SdkHttpRequest put : puts) {
      assertThat(put.firstMatchingHeader("x-amz-object-lock-mode")).contains("COMPLIANCE");
      assertThat(put.firstMatchingHeader("x-amz-object-lock-retain-until-date"))
          .hasValueSatisfying(
              date -> assertThat(Instant.parse(date)).isEqualTo(NOW.plus(Duration.ofDays(30))));
      assertThat(put.firstMatchingHeader("x-amz-object-lock-legal-hold")).contains("ON");
    }
  }

  @Test
  @DisplayName("without the options no Object Lock header is sent")
  void noHeadersByDefault() {
    Wire wire = new Wire();
    try (VconStore store = S3VconStore.create(S3.config(null).interceptor(wire).build(), CLOCK)) {
      store.put(SampleVcons.vcon("2024-01-15T10:00:00Z"));
    }
    assertThat(wire.puts())
        .hasSize(2)
        .allSatisfy(
            put ->
                assertThat(put.headers().keySet())
                    .noneMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("x-amz-object-lock")));
  }

  @Test
  @DisplayName(
      "an endpoint without Object Lock (S3Proxy) refuses the PUT; the message names the options to"
          + " unset")
  void endpointWithoutObjectLock() {
    S3StoreConfig config = S3.config(null).maxRetries(0).legalHold(true).build();
    try (VconStore store = S3VconStore.create(config, CLOCK)) {
      BackendException e =
          catchThrowableOfType(
              BackendException.class, () -> store.put(SampleVcons.vcon("2024-01-15T10:00:00Z")));
      assertThat(e.getMessage()).contains("NotImplemented").contains("legal_hold (Object Lock)");
    }
  }

  @Test
  @DisplayName("delete of a retained object is refused, naming the date it is retained until")
  void deleteOfRetainedObjectSaysUntilWhen() {
    try (CannedS3Server retained =
        CannedS3Server.ok(
            Map.of(
                "x-amz-object-lock-mode", "GOVERNANCE",
                "x-amz-object-lock-retain-until-date", "2027-01-01T00:00:00.000Z"))) {
      S3StoreConfig config =
          S3.config(null)
              .endpointUrl(retained.endpoint())
              .maxRetries(0)
              .objectLockMode(S3StoreConfig.ObjectLockMode.GOVERNANCE)
              .objectLockRetainDays(365)
              .build();
      String id = SampleVcons.newId();
      S3ObjectBackend backend =
          new S3ObjectBackend(
              S3VconStore.client(config), config, KeyStrategy.vconServer(null), CLOCK);
      BackendException e =
          catchThrowableOfType(
              BackendException.class, () -> backend.delete("2024/01/15/" + id + ".vcon"));
      assertThat(e.getMessage())
          .contains(
              "protected by S3 Object Lock, retained until 2027-01-01T00:00:00Z (mode GOVERNANCE)")
          .contains("nothing was deleted");
      assertThat(e.vconId()).contains(id);
      assertThat(e.retryable()).isFalse();
      assertThat(retained.requests()).as("only the HEAD: no DELETE was sent").isEqualTo(1);
    }
  }

  @Test
  @DisplayName("delete under legal hold is refused; an expired retention is not")
  void legalHoldRefusedExpiredRetentionPasses() {
    try (CannedS3Server held = CannedS3Server.ok(Map.of("x-amz-object-lock-legal-hold", "ON"))) {
      S3StoreConfig config =
          S3.config(null).endpointUrl(held.endpoint()).maxRetries(0).legalHold(true).build();
      S3ObjectBackend backend =
          new S3ObjectBackend(
              S3VconStore.client(config), config, KeyStrategy.vconServer(null), CLOCK);
      assertThatThrownBy(() -> backend.delete("lookup/" + SampleVcons.newId() + ".txt"))
          .isInstanceOf(BackendException.class)
          .hasMessageContaining("it is under legal hold");
    }
    try (CannedS3Server expired =
        CannedS3Server.ok(
            Map.of(
                "x-amz-object-lock-mode",
                "COMPLIANCE",
                "x-amz-object-lock-retain-until-date",
                "2025-01-01T00:00:00Z"))) {
      S3StoreConfig config =
          S3.config(null)
              .endpointUrl(expired.endpoint())
              .maxRetries(0)
              .objectLockMode(S3StoreConfig.ObjectLockMode.COMPLIANCE)
              .objectLockRetainDays(1)
              .build();
      S3ObjectBackend backend =
          new S3ObjectBackend(
              S3VconStore.client(config), config, KeyStrategy.vconServer(null), CLOCK);
      backend.delete("lookup/" + SampleVcons.newId() + ".txt");
      assertThat(expired.requests()).as("HEAD, then the DELETE").isEqualTo(2);
    }
  }

  @Test
  @DisplayName("S3's AccessDenied for Object Lock becomes a clear refusal, not a permissions hint")
  void accessDeniedForObjectLockIsTranslated() {
    try (CannedS3Server denied =
        CannedS3Server.error(
            403,
            "AccessDenied",
            "Access Denied because object protected by object lock.",
            Map.of())) {
      S3StoreConfig config = S3.config(null).endpointUrl(denied.endpoint()).maxRetries(0).build();
      S3ObjectBackend backend =
          new S3ObjectBackend(
              S3VconStore.client(config), config, KeyStrategy.vconServer(null), CLOCK);
      BackendException e =
          catchThrowableOfType(
              BackendException.class,
              () -> backend.delete("2024/01/15/" + SampleVcons.newId() + ".vcon"));
      assertThat(e.getMessage())
          .contains("refused: the object is protected by S3 Object Lock")
          .contains("Retention and legal hold block deletes by design")
          .doesNotContain("check the credentials");
    }
  }

  @Test
  @DisplayName("options: mode and days go together; bad values name the option")
  void options() {
    assertThatThrownBy(
            () -> S3.config(null).objectLockMode(S3StoreConfig.ObjectLockMode.COMPLIANCE).build())
        .isInstanceOf(StorageConfigurationException.class)
        .hasMessageContaining("object_lock_retain_days: required when object_lock_mode is set");
    assertThatThrownBy(
            () ->
                S3VconStoreProvider.config(
                    ProviderOptions.of(
                        Map.of(
                            "aws_bucket",
                            "b",
                            "object_lock_mode",
                            "forever",
                            "object_lock_retain_days",
                            3))))
        .isInstanceOf(StorageConfigurationException.class)
        .hasMessageContaining("object_lock_mode")
        .hasMessageContaining("must be GOVERNANCE or COMPLIANCE");
    S3StoreConfig parsed =
        S3VconStoreProvider.config(
            ProviderOptions.of(
                Map.of(
                    "aws_bucket",
                    "b",
                    "object_lock_mode",
                    "governance",
                    "object_lock_retain_days",
                    7,
                    "legal_hold",
                    true)));
    assertThat(parsed.objectLockMode()).contains(S3StoreConfig.ObjectLockMode.GOVERNANCE);
    assertThat(parsed.objectLockRetainDays()).contains(7);
    assertThat(parsed.legalHold()).isTrue();
    assertThat(parsed.toString())
        .contains("object_lock_mode=GOVERNANCE, object_lock_retain_days=7, legal_hold=true");
  }
}
