package io.vcon.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.spi.Diagnosable;
import io.vcon.storage.spi.DiagnosticOptions;
import io.vcon.storage.spi.DiagnosticResult;
import io.vcon.storage.spi.DiagnosticResult.Status;
import io.vcon.storage.tck.SampleVcons;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The S3 store's doctor checks: against S3Proxy (a real server that lacks several bucket APIs) and against the
 * canned server for what S3Proxy cannot show (a bucket in another region, a bucket with AWS settings).
 */
class S3DiagnosticsTest {

  @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

  private static final String NS = " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";

  private static List<DiagnosticResult> diagnose(VconStore store, boolean writeProbe) {
    assertThat(store).isInstanceOf(Diagnosable.class);
    return ((Diagnosable) store).diagnose(new DiagnosticOptions(writeProbe));
  }

  private static DiagnosticResult check(List<DiagnosticResult> results, String name) {
    return results.stream()
        .filter(r -> r.check().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check " + name + " in " + results));
  }

  @Test
  @DisplayName("AuthorizationHeaderMalformed: the region check fails and names the value to set")
  void wrongRegion() {
    try (CannedS3Server wrongRegion =
            CannedS3Server.error(
                400,
                "AuthorizationHeaderMalformed",
                "The authorization header is malformed; the region 'us-east-1' is wrong; expecting"
                    + " 'eu-west-1'",
                Map.of("x-amz-bucket-region", "eu-west-1"));
        VconStore store =
            S3VconStore.create(
                S3.config(null).endpointUrl(wrongRegion.endpoint()).maxRetries(0).build())) {
      List<DiagnosticResult> results = diagnose(store, false);

      assertThat(results)
          .extracting(DiagnosticResult::check)
          .containsExactly("credentials", "endpoint", "region");
      assertThat(check(results, "region"))
          .isEqualTo(
              DiagnosticResult.fail(
                  "region",
                  "bucket vcon-test is in region eu-west-1, not us-east-1"
                      + " (AuthorizationHeaderMalformed)",
                  "set aws_region: eu-west-1"));
    }
  }

  @Test
  @DisplayName("301 PermanentRedirect: the region comes from the x-amz-bucket-region header")
  void redirectNamesTheRegion() {
    try (CannedS3Server redirect =
            CannedS3Server.error(
                301,
                "PermanentRedirect",
                "The bucket must be addressed using the specified endpoint.",
                Map.of("x-amz-bucket-region", "ap-southeast-2"));
        VconStore store =
            S3VconStore.create(
                S3.config(null).endpointUrl(redirect.endpoint()).maxRetries(0).build())) {
      assertThat(check(diagnose(store, false), "region"))
          .isEqualTo(
              DiagnosticResult.fail(
                  "region",
                  "bucket vcon-test is in region ap-southeast-2, not us-east-1 (PermanentRedirect)",
                  "set aws_region: ap-southeast-2"));
    }
  }

  @Test
  @DisplayName(
      "quick (a health check): credentials, endpoint, auth and bucket from one HeadBucket, nothing"
          + " else")
  void quick() {
    try (VconStore store = S3VconStore.create(S3.config(null).build())) {
      List<DiagnosticResult> results = ((Diagnosable) store).diagnose(DiagnosticOptions.quick());

      assertThat(results)
          .extracting(DiagnosticResult::check)
          .containsExactly("credentials", "endpoint", "auth", "bucket");
      assertThat(results).allMatch(r -> r.status() == Status.OK, "all ok");
    }
  }

  @Test
  @DisplayName(
      "a bucket with versioning, encryption, lifecycle rules and a public-access block: all ok")
  void wellConfiguredBucket() {
    Map<String, String> settings =
        Map.of(
            "location", "<LocationConstraint" + NS + ">eu-west-1</LocationConstraint>",
            "versioning",
                "<VersioningConfiguration"
                    + NS
                    + "><Status>Enabled</Status></VersioningConfiguration>",
            "encryption",
                "<ServerSideEncryptionConfiguration"
                    + NS
                    + "><Rule><ApplyServerSideEncryptionByDefault>"
                    + "<SSEAlgorithm>aws:kms</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule>"
                    + "</ServerSideEncryptionConfiguration>",
            "lifecycle",
                "<LifecycleConfiguration"
                    + NS
                    + "><Rule><ID>archive</ID><Filter><Prefix>vcons/</Prefix></Filter>"
                    + "<Status>Enabled</Status><Transition><Days>90</Days><StorageClass>GLACIER</StorageClass></Transition>"
                    + "</Rule></LifecycleConfiguration>",
            "publicAccessBlock",
                "<PublicAccessBlockConfiguration"
                    + NS
                    + "><BlockPublicAcls>true</BlockPublicAcls>"
                    + "<IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>true</BlockPublicPolicy>"
                    + "<RestrictPublicBuckets>true</RestrictPublicBuckets></PublicAccessBlockConfiguration>",
            "logging",
                "<BucketLoggingStatus"
                    + NS
                    + "><LoggingEnabled><TargetBucket>audit-logs</TargetBucket>"
                    + "<TargetPrefix>vcons/</TargetPrefix></LoggingEnabled></BucketLoggingStatus>",
            "metrics",
                "<ListMetricsConfigurationsResult"
                    + NS
                    + "><IsTruncated>false</IsTruncated><MetricsConfiguration>"
                    + "<Id>EntireBucket</Id></MetricsConfiguration></ListMetricsConfigurationsResult>");
    try (CannedS3Server bucket = CannedS3Server.bucket(settings, Map.of());
        VconStore store =
            S3VconStore.create(
                S3.config(null)
                    .endpointUrl(bucket.endpoint())
                    .region("eu-west-1")
                    .maxRetries(0)
                    .build())) {
      List<DiagnosticResult> results = diagnose(store, false);

      assertThat(results)
          .filteredOn(r -> r.status() != Status.SKIPPED)
          .allMatch(r -> r.status() == Status.OK, "all ok");
      assertThat(results)
          .extracting(DiagnosticResult::message)
          .contains(
              "bucket vcon-test is in region eu-west-1, as aws_region says",
              "bucket vcon-test keeps versions",
              "bucket vcon-test encrypts by default with aws:kms",
              "bucket vcon-test has 1 lifecycle rule",
              "bucket vcon-test blocks all public access",
              "bucket vcon-test logs requests to s3://audit-logs/vcons/",
              "bucket vcon-test publishes CloudWatch request metrics (EntireBucket)");
    }
  }

  @Test
  @DisplayName(
      "no access logging and no request metrics: each a warning with the command that turns it on")
  void noLoggingNoMetrics() {
    try (CannedS3Server bucket =
            CannedS3Server.bucket(
                Map.of(
                    "logging", "<BucketLoggingStatus" + NS + "/>",
                    "metrics",
                        "<ListMetricsConfigurationsResult"
                            + NS
                            + "><IsTruncated>false</IsTruncated>"
                            + "</ListMetricsConfigurationsResult>"),
                Map.of());
        VconStore store =
            S3VconStore.create(
                S3.config(null).endpointUrl(bucket.endpoint()).maxRetries(0).build())) {
      List<DiagnosticResult> results = diagnose(store, false);

      assertThat(check(results, "access-logging").status()).isEqualTo(Status.WARN);
      assertThat(check(results, "access-logging").message())
          .isEqualTo(
              "server access logging is off on bucket vcon-test: no record of who read or deleted"
                  + " which vCon");
      assertThat(check(results, "access-logging").advice())
          .startsWith("enable it (aws s3api put-bucket-logging");
      assertThat(check(results, "request-metrics"))
          .isEqualTo(
              DiagnosticResult.warn(
                  "request-metrics",
                  "bucket vcon-test has no request metrics: CloudWatch shows only daily storage"
                      + " metrics, not request rates, errors or latency",
                  "aws s3api put-bucket-metrics-configuration --bucket vcon-test --id"
                      + " EntireBucket --metrics-configuration Id=EntireBucket"));
      assertThat(results)
          .as("not an AWS endpoint: no VPC endpoint hint")
          .noneMatch(r -> r.check().equals("vpc-endpoint"));
    }
  }

  @Test
  @DisplayName(
      "long-lived keys against AWS warn (prefer a role) without showing them; session keys and"
          + " other servers are ok")
  void staticKeys() {
    S3StoreConfig aws =
        S3StoreConfig.builder()
            .bucket("vcons")
            .region("eu-west-1")
            .credentials("AKIAEXAMPLEKEYID1234", S3ProxyExtension.SECRET_KEY)
            .build();
    DiagnosticResult longLived = S3Diagnostics.staticKeys(aws);
    assertThat(longLived.status()).isEqualTo(Status.WARN);
    assertThat(longLived.message())
        .isEqualTo(
            "static keys from the options aws_access_key_id and"
                + " aws_secret_access_key: long-lived keys of an IAM user in the configuration");
    assertThat(longLived.advice()).startsWith("prefer an IAM role: leave both keys unset");
    assertThat(longLived.toString())
        .doesNotContain("AKIAEXAMPLEKEYID1234")
        .doesNotContain(S3ProxyExtension.SECRET_KEY);

    assertThat(S3Diagnostics.staticKeys(aws.toBuilder().sessionToken("t0ken").build()).status())
        .isEqualTo(Status.OK);
    assertThat(
            S3Diagnostics.staticKeys(
                    aws.toBuilder()
                        .endpointUrl(URI.create("https://s3.eu-west-1.amazonaws.com"))
                        .build())
                .status())
        .isEqualTo(Status.WARN);
    assertThat(S3Diagnostics.staticKeys(S3.config(null).build()))
        .isEqualTo(
            DiagnosticResult.ok(
                "credentials",
                "static keys from the options aws_access_key_id and aws_secret_access_key"));
  }

  @Test
  @DisplayName(
      "S3's public endpoint gets a VPC gateway endpoint hint; an interface endpoint and other"
          + " servers not")
  void vpcEndpointHint() {
    S3StoreConfig aws = S3StoreConfig.builder().bucket("vcons").region("eu-west-1").build();
    DiagnosticResult hint = S3Diagnostics.vpcEndpointHint(aws).orElseThrow();
    assertThat(hint.status()).isEqualTo(Status.OK);
    assertThat(hint.message()).isEqualTo("requests go to S3's public endpoint for eu-west-1");
    assertThat(hint.advice())
        .startsWith("inside a VPC, add a gateway endpoint for S3")
        .contains("--service-name com.amazonaws.eu-west-1.s3");

    S3StoreConfig vpce =
        aws.toBuilder()
            .endpointUrl(
                URI.create(
                    "https://bucket.vpce-0a1b2c3d4e5f-abcdefgh.s3.eu-west-1.vpce.amazonaws.com"))
            .build();
    assertThat(S3Diagnostics.vpcEndpointHint(vpce))
        .hasValueSatisfying(
            r ->
                assertThat(r.message())
                    .startsWith("requests go through the VPC endpoint bucket.vpce-0a1b2c3d4e5f"));
    assertThat(S3Diagnostics.vpcEndpointHint(S3.config(null).build())).isEmpty();
  }

  @Test
  @DisplayName(
      "versioning off, no encryption, lifecycle or public-access block: each is a warning with the"
          + " fix")
  void unconfiguredBucket() {
    try (CannedS3Server bucket =
            CannedS3Server.bucket(
                Map.of(
                    "location",
                    "<LocationConstraint" + NS + "/>",
                    "versioning",
                    "<VersioningConfiguration" + NS + "/>"),
                Map.of(
                    "encryption",
                    "ServerSideEncryptionConfigurationNotFoundError",
                    "lifecycle",
                    "NoSuchLifecycleConfiguration",
                    "publicAccessBlock",
                    "NoSuchPublicAccessBlockConfiguration"));
        VconStore store =
            S3VconStore.create(
                S3.config(null).endpointUrl(bucket.endpoint()).maxRetries(0).build())) {
      List<DiagnosticResult> results = diagnose(store, false);

      assertThat(check(results, "region"))
          .isEqualTo(
              DiagnosticResult.ok(
                  "region", "bucket vcon-test is in region us-east-1, as aws_region says"));
      assertThat(check(results, "versioning"))
          .isEqualTo(
              DiagnosticResult.warn(
                  "versioning",
                  "versioning is off on bucket vcon-test: an overwritten or deleted vCon cannot be"
                      + " recovered",
                  "enable it: aws s3api put-bucket-versioning --bucket vcon-test"
                      + " --versioning-configuration Status=Enabled"));
      assertThat(check(results, "encryption").status()).isEqualTo(Status.WARN);
      assertThat(check(results, "encryption").advice())
          .startsWith("set server_side_encryption: AES256");
      assertThat(check(results, "lifecycle"))
          .isEqualTo(
              DiagnosticResult.warn(
                  "lifecycle",
                  "bucket vcon-test has no lifecycle rules",
                  "add rules that move old vCons to a cheaper storage class and expire noncurrent"
                      + " versions (aws s3api put-bucket-lifecycle-configuration)"));
      assertThat(check(results, "public-access").message())
          .isEqualTo("bucket vcon-test has no public-access block");
    }
  }

  @Test
  @DisplayName(
      "Object Lock: reported with its default retention; options asking for it on a bucket without"
          + " it fail")
  void objectLock() {
    String enabled =
        "<ObjectLockConfiguration"
            + NS
            + "><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule>"
            + "<DefaultRetention><Mode>COMPLIANCE</Mode><Years>7</Years></DefaultRetention></Rule></ObjectLockConfiguration>";
    try (CannedS3Server locked = CannedS3Server.bucket(Map.of("object-lock", enabled), Map.of());
        VconStore store =
            S3VconStore.create(
                S3.config(null)
                    .endpointUrl(locked.endpoint())
                    .maxRetries(0)
                    .objectLockMode(S3StoreConfig.ObjectLockMode.GOVERNANCE)
                    .objectLockRetainDays(30)
                    .build())) {
      assertThat(check(diagnose(store, false), "object-lock"))
          .isEqualTo(
              DiagnosticResult.ok(
                  "object-lock",
                  "bucket vcon-test has Object Lock enabled (default retention COMPLIANCE for 7"
                      + " years); every save asks for GOVERNANCE for 30 days"));
    }
    try (CannedS3Server unlocked =
            CannedS3Server.bucket(
                Map.of(), Map.of("object-lock", "ObjectLockConfigurationNotFoundError"));
        VconStore wanting =
            S3VconStore.create(
                S3.config(null)
                    .endpointUrl(unlocked.endpoint())
                    .maxRetries(0)
                    .legalHold(true)
                    .build());
        VconStore plain =
            S3VconStore.create(
                S3.config(null).endpointUrl(unlocked.endpoint()).maxRetries(0).build())) {
      DiagnosticResult failed = check(diagnose(wanting, false), "object-lock");
      assertThat(failed.status()).isEqualTo(Status.FAIL);
      assertThat(failed.message()).contains("does not have Object Lock enabled");
      assertThat(failed.advice()).contains("--object-lock-enabled-for-bucket");
      assertThat(check(diagnose(plain, false), "object-lock"))
          .isEqualTo(
              DiagnosticResult.ok(
                  "object-lock",
                  "bucket vcon-test has no Object Lock: stored vCons can be deleted and overwritten"
                      + " (a compliance archive needs it: docs/compliance.md)"));
    }
  }

  @Test
  @DisplayName(
      "server_side_encryption set: a bucket without a default is still ok, since every put asks for"
          + " it")
  void encryptionFromTheOption() {
    try (CannedS3Server bucket =
            CannedS3Server.bucket(
                Map.of(), Map.of("encryption", "ServerSideEncryptionConfigurationNotFoundError"));
        VconStore store =
            S3VconStore.create(
                S3.config(null)
                    .endpointUrl(bucket.endpoint())
                    .maxRetries(0)
                    .serverSideEncryption(S3StoreConfig.ServerSideEncryption.AES256)
                    .build())) {
      assertThat(check(diagnose(store, false), "encryption"))
          .isEqualTo(
              DiagnosticResult.ok(
                  "encryption",
                  "bucket vcon-test has no default encryption, but every put asks for AES256"
                      + " (server_side_encryption)"));
    }
  }

  @Test
  @DisplayName(
      "S3Proxy: versioning and lifecycle are n/a; the write probe leaves the bucket as it was")
  void s3ProxyWithWriteProbe() {
    String prefix = "diag-" + UUID.randomUUID();
    try (VconStore store = S3VconStore.create(S3.config(prefix).build())) {
      Vcon vcon = SampleVcons.vcon("2024-01-15T10:00:00Z");
      store.put(vcon);
      List<String> before;
      try (Stream<String> keys = store.rawObjects().list(prefix + "/")) {
        before = keys.toList();
      }

      List<DiagnosticResult> results = diagnose(store, true);

      assertThat(check(results, "versioning"))
          .isEqualTo(
              DiagnosticResult.unsupported(
                  "versioning",
                  "not supported by this endpoint (GetBucketVersioning: NotImplemented, HTTP"
                      + " 501)"));
      assertThat(check(results, "lifecycle").status()).isEqualTo(Status.UNSUPPORTED);
      assertThat(check(results, "access-logging"))
          .isEqualTo(
              DiagnosticResult.unsupported(
                  "access-logging",
                  "not supported by this endpoint (GetBucketLogging: NotImplemented, HTTP 501)"));
      assertThat(check(results, "request-metrics").status()).isEqualTo(Status.UNSUPPORTED);
      assertThat(check(results, "checksums").status()).isEqualTo(Status.OK);
      assertThat(check(results, "write-probe").message())
          .startsWith("put, get and delete of " + prefix + "/_doctor/probe-");
      assertThat(check(results, "conditional-write"))
          .isEqualTo(
              DiagnosticResult.ok(
                  "conditional-write", "If-None-Match: * is honoured: write-once puts work"));
      assertThat(results).noneMatch(r -> r.status() == Status.FAIL);
      try (Stream<String> keys = store.rawObjects().list(prefix + "/")) {
        assertThat(keys.toList())
            .as("only the vCon's own keys, untouched")
            .isEqualTo(before)
            .hasSize(2);
      }
      assertThat(store.get(vcon.id())).contains(vcon);
      assertThat(results.toString()).doesNotContain(S3ProxyExtension.SECRET_KEY);
    }
  }

  @Test
  @DisplayName("conditional_writes: false skips the conditional put")
  void conditionalWritesOff() {
    try (VconStore store =
        S3VconStore.create(
            S3.config("diag-" + UUID.randomUUID()).conditionalWrites(false).build())) {
      assertThat(check(diagnose(store, true), "conditional-write"))
          .isEqualTo(
              DiagnosticResult.skipped(
                  "conditional-write", "conditional_writes: false; putIfAbsent is off"));
    }
  }

  @Test
  @DisplayName("nothing listening: the endpoint check fails and says what to check")
  void unreachable() {
    try (CannedS3Server gone = CannedS3Server.error(500, "InternalError", "x", Map.of())) {
      URI endpoint = gone.endpoint();
      gone.close();
      try (VconStore store =
          S3VconStore.create(S3.config(null).endpointUrl(endpoint).maxRetries(0).build())) {
        DiagnosticResult result = check(diagnose(store, false), "endpoint");
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.message()).contains("cannot reach the endpoint");
        assertThat(result.advice())
            .isEqualTo("check endpoint_url, aws_region, the network and that the server runs");
      }
    }
  }
}
