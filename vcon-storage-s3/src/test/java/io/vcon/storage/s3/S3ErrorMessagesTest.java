package io.vcon.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vcon.storage.api.BackendException;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.tck.SampleVcons;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Failures reach the caller as BackendExceptions that name the bucket, the key, the vCon and the fix. */
@DisplayName("S3 errors say what is wrong and what to do")
class S3ErrorMessagesTest {

  @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

  private static final String WRONG_SECRET = "wr0ng-Secret-Must-Not-Leak";

  private static BackendException failure(ThrowingCallable call) {
    BackendException e = catchThrowableOfType(BackendException.class, call);
    assertThat(e).as("a BackendException").isNotNull();
    assertThat(e.getMessage()).startsWith("S3 ").contains(" in bucket ");
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t).append('\n');
    }
    assertThat(all.toString())
        .doesNotContain(S3ProxyExtension.SECRET_KEY)
        .doesNotContain(WRONG_SECRET);
    return e;
  }

  @Test
  @DisplayName("a missing bucket: create it or fix aws_bucket")
  void missingBucket() {
    Vcon v = SampleVcons.vcon("2024-01-15T10:00:00Z");
    try (VconStore store = S3VconStore.create(S3.config(null).bucket("no-such-bucket").build())) {
      BackendException onGet = failure(() -> store.get(v.id()));
      assertThat(onGet.getMessage())
          .contains(
              "S3 GetObject of lookup/"
                  + v.id()
                  + ".txt in bucket no-such-bucket at "
                  + S3.endpoint())
          .contains(
              "bucket no-such-bucket does not exist at "
                  + S3.endpoint()
                  + "; create it or fix aws_bucket");
      assertThat(onGet.vconId()).contains(v.id().value());
      assertThat(onGet.store()).contains("s3://no-such-bucket/ at " + S3.endpoint());
      assertThat(onGet.retryable()).isFalse();

      BackendException onPut = failure(() -> store.put(v));
      assertThat(onPut.getMessage())
          .contains("S3 PutObject of 2024/01/15/" + v.id() + ".vcon")
          .contains("create it or fix aws_bucket");
    }
  }

  @Test
  @DisplayName("a wrong secret key: check the credentials, and the secret is never shown")
  void wrongSecret() {
    S3StoreConfig config =
        S3.config(null).credentials(S3ProxyExtension.ACCESS_KEY, WRONG_SECRET).build();
    try (VconStore store = S3VconStore.create(config)) {
      BackendException e = failure(() -> store.get(VconId.of(SampleVcons.newId())));
      assertThat(e.getMessage())
          .contains("the credentials were rejected (SignatureDoesNotMatch)")
          .contains("check aws_access_key_id and aws_secret_access_key");
      assertThat(e.retryable()).isFalse();
    }
  }

  @Test
  @DisplayName("an unknown access key id: check the credentials")
  void unknownAccessKey() {
    S3StoreConfig config = S3.config(null).credentials("AKIAUNKNOWN", WRONG_SECRET).build();
    try (VconStore store = S3VconStore.create(config)) {
      BackendException e = failure(() -> store.put(SampleVcons.vcon("2024-01-15T10:00:00Z")));
      assertThat(e.getMessage()).contains("the credentials were rejected (InvalidAccessKeyId)");
    }
  }

  @Test
  @DisplayName("an endpoint nobody listens on: check endpoint_url; retryable")
  void unreachableEndpoint() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    URI closed = URI.create("http://127.0.0.1:" + port);
    try (VconStore store =
        S3VconStore.create(S3.config(null).endpointUrl(closed).maxRetries(0).build())) {
      BackendException e = failure(() -> store.get(VconId.of(SampleVcons.newId())));
      assertThat(e.getMessage())
          .contains("at " + closed)
          .contains("cannot reach the endpoint")
          .contains("check endpoint_url and that the server is running");
      assertThat(e.retryable()).isTrue();
    }
  }

  @Test
  @DisplayName(
      "a bucket in another region (AuthorizationHeaderMalformed): set aws_region to the one S3"
          + " expects")
  void regionMismatchFromErrorMessage() {
    try (CannedS3Server wrongRegion =
            CannedS3Server.error(
                400,
                "AuthorizationHeaderMalformed",
                "The authorization header is malformed; the region 'us-east-1' is wrong; expecting"
                    + " 'eu-west-1'",
                Map.of());
        VconStore store =
            S3VconStore.create(S3.config(null).endpointUrl(wrongRegion.endpoint()).build())) {
      BackendException e = failure(() -> store.get(VconId.of(SampleVcons.newId())));
      assertThat(e.getMessage())
          .contains(
              "bucket "
                  + S3.bucket()
                  + " is in region eu-west-1, not us-east-1; set aws_region: eu-west-1");
      assertThat(e.retryable()).isFalse();
    }
  }

  @Test
  @DisplayName("a 301 PermanentRedirect: the region comes from the x-amz-bucket-region header")
  void regionMismatchFromHeader() {
    try (CannedS3Server redirect =
            CannedS3Server.error(
                301,
                "PermanentRedirect",
                "The bucket must be addressed using the specified endpoint.",
                Map.of("x-amz-bucket-region", "ap-southeast-2"));
        VconStore store =
            S3VconStore.create(S3.config(null).endpointUrl(redirect.endpoint()).build())) {
      VconId id = VconId.of(SampleVcons.newId());
      BackendException e = failure(() -> store.get(id));
      assertThat(e.getMessage())
          .contains("S3 GetObject of lookup/" + id + ".txt")
          .contains("is in region ap-southeast-2, not us-east-1; set aws_region: ap-southeast-2");
    }
  }

  @Test
  @DisplayName("503 SlowDown is retryable and says so")
  void slowDownIsRetryable() {
    try (CannedS3Server slow =
            CannedS3Server.error(503, "SlowDown", "Please reduce your request rate.", Map.of());
        VconStore store =
            S3VconStore.create(
                S3.config(null).endpointUrl(slow.endpoint()).maxRetries(0).build())) {
      BackendException e = failure(() -> store.put(SampleVcons.vcon("2024-01-15T10:00:00Z")));
      assertThat(e.getMessage()).contains("S3 asks to slow down (SlowDown)");
      assertThat(e.retryable()).isTrue();
      assertThat(slow.requests()).as("max_retries: 0 means one attempt").isEqualTo(1);
    }
  }
}
