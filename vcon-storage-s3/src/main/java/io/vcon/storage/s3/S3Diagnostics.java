package io.vcon.storage.s3;

import io.vcon.storage.api.BackendException;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.engine.ObjectBackend.ObjectKind;
import io.vcon.storage.spi.DiagnosticOptions;
import io.vcon.storage.spi.DiagnosticResult;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.useragent.BusinessMetricFeatureId;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.DefaultRetention;
import software.amazon.awssdk.services.s3.model.GetBucketLocationResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.LoggingEnabled;
import software.amazon.awssdk.services.s3.model.MetricsConfiguration;
import software.amazon.awssdk.services.s3.model.ObjectLockConfiguration;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

/**
 * The checks behind {@code vcon-storage doctor} for one bucket, in the order a broken setup fails: credentials
 * found, endpoint reachable, credentials accepted and bucket there (HeadBucket), region, the bucket settings
 * vcon-server's README recommends (versioning, default encryption, lifecycle rules, public-access block, server
 * access logging, CloudWatch request metrics; long-lived keys in the options, a VPC endpoint for S3's public one),
 * Object Lock (issue 12: a compliance archive needs it; a store asking for retention fails without it) and, only
 * when allowed, a write probe under {@code [s3_path/]_doctor/} that also tests checksums and conditional writes.
 * S3-compatible servers that lack a bucket API (501 NotImplemented) get {@code UNSUPPORTED}, not a failure.
 */
final class S3Diagnostics {

  static final String PROBE_FOLDER = "_doctor/";

  private static final Set<String> CREDENTIAL_CODES =
      Set.of(
          "InvalidAccessKeyId",
          "SignatureDoesNotMatch",
          "InvalidToken",
          "ExpiredToken",
          "TokenRefreshRequired");
  private static final byte[] PROBE_BODY =
      "vcon-storage doctor probe; safe to delete".getBytes(StandardCharsets.US_ASCII);

  private final S3Client s3;
  private final S3StoreConfig config;
  private final KeyStrategy keys;
  private final S3ObjectBackend backend;
  private final S3Errors errors;
  private final String bucket;
  private final String endpoint;

  S3Diagnostics(S3Client s3, S3StoreConfig config, KeyStrategy keys, S3ObjectBackend backend) {
    this.s3 = s3;
    this.config = config;
    this.keys = keys;
    this.backend = backend;
    this.errors = new S3Errors(config, keys, config.describe());
    this.bucket = config.bucket();
    this.endpoint = config.safeEndpoint();
  }

  List<DiagnosticResult> run(DiagnosticOptions options) {
    List<DiagnosticResult> out = new ArrayList<>();
    DiagnosticResult credentials = credentialsSource();
    out.add(credentials);
    if (credentials.status() == DiagnosticResult.Status.FAIL) {
      return out;
    }
    HeadBucketResponse head;
    try {
      head =
          s3.headBucket(
              b -> {
                b.bucket(bucket);
                config.expectedBucketOwner().ifPresent(b::expectedBucketOwner);
              });
    } catch (SdkException e) {
      if (!(e instanceof SdkServiceException)) {
        out.add(
            DiagnosticResult.fail(
                "endpoint",
                errors.translate(e, "HeadBucket", null).getMessage(),
                "check endpoint_url, aws_region, the network and that the server runs"));
        return out;
      }
      out.add(DiagnosticResult.ok("endpoint", endpoint + " answers"));
      out.add(bucketFailure(e));
      return out;
    }
    out.add(DiagnosticResult.ok("endpoint", endpoint + " answers"));
    out.add(
        DiagnosticResult.ok("auth", "the credentials are accepted (HeadBucket on " + bucket + ")"));
    out.add(
        DiagnosticResult.ok(
            "bucket",
            "bucket "
                + bucket
                + " exists"
                + config
                    .expectedBucketOwner()
                    .map(o -> " and belongs to account " + o + " (expected_bucket_owner)")
                    .orElse("")));
    if (options.cheapOnly()) {
      // A health check: reachable, credentials accepted, bucket there. One request; no settings
      // audit.
      return out;
    }
    out.add(region(head));
    vpcEndpointHint(config).ifPresent(out::add);
    out.add(versioning());
    out.add(encryption());
    out.add(lifecycle());
    out.add(publicAccessBlock());
    out.add(objectLock());
    out.add(accessLogging());
    out.add(requestMetrics());
    if (options.writeProbe()) {
      out.addAll(writeProbe());
    } else {
      out.add(
          DiagnosticResult.skipped(
              "write-probe",
              "nothing written; add --write-probe to test put/get/delete, checksums and conditional"
                  + " writes under "
                  + probeFolder()));
    }
    return out;
  }

  private String probeFolder() {
    return keys.root() + PROBE_FOLDER;
  }

  private DiagnosticResult credentialsSource() {
    if (config.accessKeyId().isPresent()) {
      return staticKeys(config);
    }
    // Ask the client's own provider: the default chain, one given to the builder, or a lent
    // client's.
    IdentityProvider<? extends AwsCredentialsIdentity> provider =
        s3.serviceClientConfiguration().credentialsProvider();
    boolean defaultChain = provider instanceof DefaultCredentialsProvider;
    String source =
        !backend.ownsClient()
            ? "the S3Client given to the store"
            : defaultChain
                ? "the AWS SDK default credentials chain"
                : "the credentials provider given to the store";
    try {
      AwsCredentialsIdentity found = provider.resolveIdentity().join();
      return DiagnosticResult.ok(
          "credentials",
          "from "
              + source
              + " ("
              + found
                  .providerName()
                  .map(S3Diagnostics::providerLabel)
                  .orElse("a provider of the chain")
              + "); aws_access_key_id is not set");
    } catch (CompletionException | SdkException e) {
      return DiagnosticResult.fail(
          "credentials",
          "aws_access_key_id is not set and " + source + " found no credentials",
          defaultChain
              ? "give the process an IAM role, AWS_PROFILE or"
                  + " AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or set aws_access_key_id and"
                  + " aws_secret_access_key from ${ENV} variables"
              : "check the credentials of " + source);
    }
  }

  /**
   * Keys in the options. Against AWS, keys without a session token are long-lived (an IAM user's):
   * a leak lasts until someone rotates them, so doctor warns and points to a role. Against other
   * servers, static keys are the norm. The key itself is never shown, not even the id.
   */
  static DiagnosticResult staticKeys(S3StoreConfig config) {
    String source = "static keys from the options aws_access_key_id and aws_secret_access_key";
    if (config.sessionToken().isPresent()) {
      return DiagnosticResult.ok(
          "credentials", source + " with aws_session_token (temporary credentials)");
    }
    if (!awsEndpoint(config)) {
      return DiagnosticResult.ok("credentials", source);
    }
    return DiagnosticResult.warn(
        "credentials",
        source + ": long-lived keys of an IAM user in the configuration",
        "prefer an IAM role: leave both keys unset and give the process a role (EC2 instance"
            + " profile, ECS task role, EKS IRSA or Pod Identity; docs/s3.md, Credentials); if keys"
            + " must stay, take them from ${ENV} and rotate them");
  }

  /**
   * Whether requests go to AWS itself: no {@code endpoint_url}, or one under {@code amazonaws.com}.
   */
  static boolean awsEndpoint(S3StoreConfig config) {
    return config.endpointUrl().map(S3Diagnostics::awsHost).orElse(true);
  }

  private static boolean awsHost(URI endpoint) {
    String host = endpoint.getHost() == null ? "" : endpoint.getHost().toLowerCase(Locale.ROOT);
    return host.endsWith(".amazonaws.com") || host.endsWith(".amazonaws.com.cn");
  }

  /**
   * Against S3's public endpoint: a hint to reach it through a VPC endpoint (a gateway endpoint is
   * free and keeps traffic off the internet and NAT gateways). A gateway endpoint cannot be seen
   * from the client, so this is advice on an ok line, not a warning. Nothing for other servers; ok
   * for an interface endpoint's name.
   */
  static Optional<DiagnosticResult> vpcEndpointHint(S3StoreConfig config) {
    if (!awsEndpoint(config)) {
      return Optional.empty();
    }
    String host = config.endpointUrl().map(URI::getHost).orElse("").toLowerCase(Locale.ROOT);
    if (host.contains(".vpce.amazonaws.com")
        || host.startsWith("vpce-")
        || host.contains(".vpce-")) {
      return Optional.of(
          DiagnosticResult.ok("vpc-endpoint", "requests go through the VPC endpoint " + host));
    }
    String region = S3VconStore.region(config).id();
    return Optional.of(
        new DiagnosticResult(
            "vpc-endpoint",
            DiagnosticResult.Status.OK,
            "requests go to S3's public endpoint for " + region,
            "inside a VPC, add a gateway endpoint for S3 to its route tables (free; traffic stays"
                + " off the internet and NAT gateways; nothing to change here): aws ec2"
                + " create-vpc-endpoint --vpc-id VPC --service-name com.amazonaws."
                + region
                + ".s3 --route-table-ids RTB"));
  }

  /**
   * Words for the SDK's {@code providerName()}, which since SDK 2.30 holds user-agent feature ids
   * ({@code "g"}, {@code "h,k"}) rather than a class name.
   */
  static String providerLabel(String providerName) {
    List<String> labels = new ArrayList<>();
    for (String id : providerName.split(",")) {
      labels.add(
          Arrays.stream(BusinessMetricFeatureId.values())
              .filter(f -> f.value().equals(id.trim()))
              .findFirst()
              .map(
                  f ->
                      PROVIDER_LABELS.getOrDefault(
                          f,
                          f.name()
                              .replace("CREDENTIALS_", "")
                              .toLowerCase(Locale.ROOT)
                              .replace('_', ' ')))
              .orElse(id.trim()));
    }
    return String.join(", ", labels);
  }

  private static final Map<BusinessMetricFeatureId, String> PROVIDER_LABELS =
      Map.of(
          BusinessMetricFeatureId.CREDENTIALS_CODE, "given in code",
          BusinessMetricFeatureId.CREDENTIALS_JVM_SYSTEM_PROPERTIES,
              "system properties aws.accessKeyId",
          BusinessMetricFeatureId.CREDENTIALS_ENV_VARS, "environment AWS_ACCESS_KEY_ID",
          BusinessMetricFeatureId.CREDENTIALS_ENV_VARS_STS_WEB_ID_TOKEN,
              "web identity token AWS_WEB_IDENTITY_TOKEN_FILE",
          BusinessMetricFeatureId.CREDENTIALS_STS_ASSUME_ROLE_WEB_ID,
              "STS AssumeRoleWithWebIdentity",
          BusinessMetricFeatureId.CREDENTIALS_PROFILE, "profile",
          BusinessMetricFeatureId.CREDENTIALS_PROFILE_SSO, "SSO profile",
          BusinessMetricFeatureId.CREDENTIALS_HTTP, "container credentials endpoint",
          BusinessMetricFeatureId.CREDENTIALS_IMDS, "EC2 instance metadata");

  /**
   * Why HeadBucket failed. A HEAD response has no body, so the error code comes from a one-key ListObjectsV2,
   * which answers the same question with an S3 error document.
   */
  private DiagnosticResult bucketFailure(SdkException headError) {
    SdkException listed = headError;
    try {
      s3.listObjectsV2(
          b -> {
            b.bucket(bucket).maxKeys(1).prefix(probeFolder());
            config.expectedBucketOwner().ifPresent(b::expectedBucketOwner);
          });
    } catch (SdkException listError) {
      if (listError instanceof SdkServiceException) {
        listed = listError;
      }
    }
    SdkException e = listed;
    String code = code(e);
    int status = status(e);
    String configured = configuredRegion();
    Optional<String> real = regionOf(headError).or(() -> regionOf(e));
    if (real.isPresent() && !real.get().equals(configured)
        || code.equals("AuthorizationHeaderMalformed")
        || code.equals("PermanentRedirect")
        || status == 301) {
      return real.map(
              r ->
                  DiagnosticResult.fail(
                      "region",
                      "bucket "
                          + bucket
                          + " is in region "
                          + r
                          + ", not "
                          + configured
                          + (code.isEmpty() ? "" : " (" + code + ")"),
                      "set aws_region: " + r))
          .orElseGet(
              () ->
                  DiagnosticResult.fail(
                      "region",
                      "bucket "
                          + bucket
                          + " is not in region "
                          + configured
                          + " ("
                          + (code.isEmpty() ? "HTTP " + status : code)
                          + ")",
                      "set aws_region to the bucket's region (aws s3api get-bucket-location"
                          + " --bucket "
                          + bucket
                          + ")"));
    }
    if (code.equals("NoSuchBucket") || status == 404) {
      return DiagnosticResult.fail(
          "bucket",
          "bucket " + bucket + " does not exist at " + endpoint,
          "create it (aws s3 mb s3://"
              + bucket
              + " --region "
              + configured
              + ") or fix aws_bucket");
    }
    if (CREDENTIAL_CODES.contains(code)) {
      return DiagnosticResult.fail(
          "auth",
          "the endpoint rejects the credentials (" + code + ")",
          "check aws_access_key_id and aws_secret_access_key"
              + (config.sessionToken().isPresent() ? " and aws_session_token" : "")
              + (config.accessKeyId().isEmpty()
                  ? " found by the AWS SDK default credentials chain"
                  : ""));
    }
    if (code.equals("AccessDenied") || status == 403) {
      return DiagnosticResult.fail(
          "auth",
          "access to bucket "
              + bucket
              + " is denied ("
              + (code.isEmpty() ? "HTTP 403" : code)
              + ")",
          "allow s3:ListBucket, s3:GetObject, s3:PutObject and s3:DeleteObject on the bucket for"
              + " these credentials"
              + config
                  .expectedBucketOwner()
                  .map(
                      o ->
                          ", and check that expected_bucket_owner "
                              + o
                              + " is the account that owns the bucket")
                  .orElse(""));
    }
    return DiagnosticResult.fail(
        "bucket", errors.translate(e, "HeadBucket", null).getMessage(), "");
  }

  private DiagnosticResult region(HeadBucketResponse head) {
    String configured = configuredRegion();
    Optional<String> real = Optional.ofNullable(head.bucketRegion()).filter(r -> !r.isBlank());
    if (real.isEmpty()) {
      try {
        GetBucketLocationResponse location =
            s3.getBucketLocation(
                b -> {
                  b.bucket(bucket);
                  config.expectedBucketOwner().ifPresent(b::expectedBucketOwner);
                });
        real = Optional.of(locationToRegion(location.locationConstraintAsString()));
      } catch (SdkException e) {
        if (notImplemented(e)) {
          return DiagnosticResult.unsupported(
              "region",
              "this endpoint does not report bucket regions"
                  + " (GetBucketLocation: "
                  + statusText(e)
                  + "); requests are signed for "
                  + configured);
        }
        return DiagnosticResult.warn(
            "region",
            "cannot read the bucket's region: " + statusText(e),
            "allow s3:GetBucketLocation, or make sure aws_region ("
                + configured
                + ") is the bucket's region");
      }
    }
    String r = real.get();
    if (!r.equals(configured)) {
      if (config.endpointUrl().isPresent()) {
        // S3-compatible servers often ignore the signing region; the bucket answered, so it is a
        // hint, not a fault.
        return DiagnosticResult.warn(
            "region",
            "the endpoint reports bucket "
                + bucket
                + " in region "
                + r
                + ", aws_region is "
                + configured
                + "; it answered anyway",
            "set aws_region: " + r);
      }
      if (config.followRegionRedirects()) {
        // ADR 0025: the SDK follows S3's redirect, as boto3 does; it works, at a round trip per
        // first request.
        return DiagnosticResult.warn(
            "region",
            "bucket "
                + bucket
                + " is in region "
                + r
                + ", aws_region is "
                + configured
                + ": requests are redirected there (follow_region_redirects), one extra round trip"
                + " each time the client learns the bucket's region",
            "set aws_region: " + r);
      }
      return DiagnosticResult.fail(
          "region",
          "bucket " + bucket + " is in region " + r + ", not " + configured,
          "set aws_region: " + r);
    }
    if (config.region().isEmpty()) {
      return DiagnosticResult.warn(
          "region",
          "bucket "
              + bucket
              + " is in region "
              + r
              + ", which is also the default; aws_region is not set",
          "set aws_region: "
              + r
              + " (vcon-server best practice 1: avoids AuthorizationHeaderMalformed when defaults"
              + " change)");
    }
    return DiagnosticResult.ok(
        "region", "bucket " + bucket + " is in region " + r + ", as aws_region says");
  }

  /** GetBucketLocation answers no constraint for us-east-1 and {@code EU} for the oldest eu-west-1 buckets. */
  static String locationToRegion(String constraint) {
    if (constraint == null || constraint.isBlank() || constraint.equals("null")) {
      return "us-east-1";
    }
    return constraint.equals("EU") ? "eu-west-1" : constraint;
  }

  private DiagnosticResult versioning() {
    return setting(
        "versioning",
        "GetBucketVersioning",
        "s3:GetBucketVersioning",
        Set.of(),
        null,
        () -> {
          BucketVersioningStatus status =
              s3.getBucketVersioning(
                      b -> {
                        b.bucket(bucket);
                        config.expectedBucketOwner().ifPresent(b::expectedBucketOwner);
                      })
                  .status();
          if (status == BucketVersioningStatus.ENABLED) {
            return DiagnosticResult.ok("versioning", "bucket " + bucket + " keeps versions");
          }
          return DiagnosticResult.warn(
              "versioning",
              "versioning is "
                  + (status == null ? "off" : "suspended")
                  + " on bucket "
                  + bucket
                  + ": an overwritten or deleted vCon cannot be recovered",
              "enable it: aws s3api put-bucket-versioning --bucket "
                  + bucket
                  + " --versioning-configuration Status=Enabled");
        });
  }

  private DiagnosticResult encryption() {
    Supplier<DiagnosticResult> none =
        () ->
            config
                .serverSideEncryption()
                .map(
                    s ->
                        DiagnosticResult.ok(
                            "encryption",
                            "bucket "
                                + bucket
                                + " has no default encryption, but every put"
                                + " asks for "
                                + s.option()
                                + " (server_side_encryption)"))
                .orElseGet(
                    () ->
                        DiagnosticResult.warn(
                            "encryption",
                            "bucket " + bucket + " has no default encryption",
                            "set server_side_encryption: AES256 (or aws:kms with sse_kms_key_id),"
                                + " or enable the bucket default: aws s3api put-bucket-encryption"
                                + " --bucket "
                                + bucket));
    return setting(
        "encryption",
        "GetBucketEncryption",
        "s3:GetEncryptionConfiguration",
        Set.of("ServerSideEncryptionConfigurationNotFoundError"),
        none,
        () -> {
          ServerSideEncryptionConfiguration sse =
              s3.getBucketEncryption(
                      b -> {
                        b.bucket(bucket);
                        config.expectedBucketOwner().ifPresent(b::expectedBucketOwner);
                      })
                  .serverSideEncryptionConfiguration();
          List<ServerSideEncryptionRule> rules = sse == null ? List.of() : sse.rules();
          if (rules.isEmpty() || rules.get(0).applyServerSideEncryptionByDefault() == null) {
            return none.get();
          }
          return DiagnosticResult.ok(
              "encryption",
              "bucket "
                  + bucket
                  + " encrypts by default with "
                  + rules.get(0).applyServerSideEncryptionByDefault().sseAlgorithmAsString());
        });
  }

  private DiagnosticResult lifecycle() {
    Supplier<DiagnosticResult> none =
        () ->
            DiagnosticResult.warn(
                "lifecycle",
                "bucket " + bucket + " has no lifecycle rules",
                "add rules that move old vCons to a cheaper storage class and expire noncurrent"
                    + " versions (aws s3api put-bucket-lifecycle-configuration)");
    return setting(
        "lifecycle",
        "GetBucketLifecycleConfiguration",
        "s3:GetLifecycleConfiguration",
        Set.of("NoSuchLifecycleConfiguration"),
        none,
        () -> {
          int rules =
              s3.getBucketLifecycleConfiguration(
                      b -> {
                        b.bucket(bucket);
                        config.expectedBucketOwner().ifPresent(b::expectedBucketOwner);
                      })
                  .rules()
                  .size();
          return rules == 0
              ? none.get()
              : DiagnosticResult.ok(
                  "lifecycle",
                  "bucket "
                      + bucket
                      + " has "
                      + rules
                      + " lifecycle rule"
                      + (rules == 1 ? "" : "s"));
        });
  }

  private DiagnosticResult publicAccessBlock() {
    String fix =
        "block public access: aws s3api put-public-access-block --bucket "
            + bucket
            + " --public-access-block-configuration"
            + " BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,"
            + "RestrictPublicBuckets=true";
    Supplier<DiagnosticResult> none =
        () ->
            DiagnosticResult.warn(
                "public-access", "bucket " + bucket + " has no public-access block", fix);
    return setting(
        "public-access",
        "GetPublicAccessBlock",
        "s3:GetBucketPublicAccessBlock",
        Set.of("NoSuchPublicAccessBlockConfiguration"),
        none,
        () -> {
          PublicAccessBlockConfiguration c =
              s3.getPublicAccessBlock(
                      b -> {
                        b.bucket(bucket);
                        config.expectedBucketOwner().ifPresent(b::expectedBucketOwner);
                      })
                  .publicAccessBlockConfiguration();
          if (c == null) {
            return none.get();
          }
          List<String> off = new ArrayList<>();
          if (!Boolean.TRUE.equals(c.blockPublicAcls())) {
            off.add("BlockPublicAcls");
          }
          if (!Boolean.TRUE.equals(c.ignorePublicAcls())) {
            off.add("IgnorePublicAcls");
          }
          if (!Boolean.TRUE.equals(c.blockPublicPolicy())) {
            off.add("BlockPublicPolicy");
          }
          if (!Boolean.TRUE.equals(c.restrictPublicBuckets())) {
            off.add("RestrictPublicBuckets");
          }
          return off.isEmpty()
              ? DiagnosticResult.ok(
                  "public-access", "bucket " + bucket + " blocks all public access")
              : DiagnosticResult.warn(
                  "public-access",
                  "bucket " + bucket + " does not set " + String.join(", ", off),
                  fix);
        });
  }

  /** Whether the bucket has Object Lock, and whether that fits the store's {@code object_lock_*} options. */
  private DiagnosticResult objectLock() {
    boolean wanted = config.objectLock();
    Supplier<DiagnosticResult> none =
        () ->
            wanted
                ? DiagnosticResult.fail(
                    "object-lock",
                    "object_lock_mode or legal_hold is set, but bucket "
                        + bucket
                        + " does not have Object Lock enabled: S3 refuses every save that asks for"
                        + " retention",
                    "use a bucket created with Object Lock (aws s3api create-bucket --bucket NAME"
                        + " --object-lock-enabled-for-bucket), or remove object_lock_mode,"
                        + " object_lock_retain_days and legal_hold")
                : DiagnosticResult.ok(
                    "object-lock",
                    "bucket "
                        + bucket
                        + " has no Object Lock: stored vCons can be deleted"
                        + " and overwritten (a compliance archive needs it: docs/compliance.md)");
    return setting(
        "object-lock",
        "GetObjectLockConfiguration",
        "s3:GetBucketObjectLockConfiguration",
        Set.of("ObjectLockConfigurationNotFoundError"),
        none,
        () -> {
          ObjectLockConfiguration lock =
              s3.getObjectLockConfiguration(
                      b -> {
                        b.bucket(bucket);
                        config.expectedBucketOwner().ifPresent(b::expectedBucketOwner);
                      })
                  .objectLockConfiguration();
          if (lock == null || lock.objectLockEnabled() != ObjectLockEnabled.ENABLED) {
            return none.get();
          }
          DefaultRetention retention = lock.rule() == null ? null : lock.rule().defaultRetention();
          String rule =
              retention == null
                  ? "no default retention"
                  : "default retention "
                      + retention.modeAsString()
                      + " for "
                      + (retention.days() != null
                          ? retention.days() + " days"
                          : retention.years() + " years");
          String ours =
              config
                  .objectLockMode()
                  .map(
                      m ->
                          "; every save asks for "
                              + m
                              + " for "
                              + config.objectLockRetainDays().orElseThrow()
                              + " days")
                  .orElse(
                      config.legalHold()
                          ? "; every save sets a legal hold"
                          : "; saves ask for no retention of"
                              + " their own (object_lock_mode is not set)");
          return DiagnosticResult.ok(
              "object-lock", "bucket " + bucket + " has Object Lock enabled (" + rule + ")" + ours);
        });
  }

  /**
   * Server access logging (GetBucketLogging): a record of every request, for audits; vcon-server
   * recommends it.
   */
  private DiagnosticResult accessLogging() {
    return setting(
        "access-logging",
        "GetBucketLogging",
        "s3:GetBucketLogging",
        Set.of(),
        null,
        () -> {
          LoggingEnabled logging =
              s3.getBucketLogging(
                      b -> {
                        b.bucket(bucket);
                        config.expectedBucketOwner().ifPresent(b::expectedBucketOwner);
                      })
                  .loggingEnabled();
          if (logging == null || logging.targetBucket() == null) {
            return DiagnosticResult.warn(
                "access-logging",
                "server access logging is off on bucket "
                    + bucket
                    + ": no record of who read or deleted which vCon",
                "enable it (aws s3api put-bucket-logging --bucket "
                    + bucket
                    + " --bucket-logging-status file://logging.json, into a separate log bucket) or"
                    + " CloudTrail data events for the bucket");
          }
          return DiagnosticResult.ok(
              "access-logging",
              "bucket "
                  + bucket
                  + " logs requests to s3://"
                  + logging.targetBucket()
                  + "/"
                  + (logging.targetPrefix() == null ? "" : logging.targetPrefix()));
        });
  }

  /**
   * CloudWatch request metrics (ListBucketMetricsConfigurations: GetBucketMetricsConfiguration
   * needs an id, and any configuration, whole bucket or filtered, turns on request metrics).
   */
  private DiagnosticResult requestMetrics() {
    return setting(
        "request-metrics",
        "ListBucketMetricsConfigurations",
        "s3:GetMetricsConfiguration",
        Set.of(),
        null,
        () -> {
          List<MetricsConfiguration> configs =
              s3.listBucketMetricsConfigurations(
                      b -> {
                        b.bucket(bucket);
                        config.expectedBucketOwner().ifPresent(b::expectedBucketOwner);
                      })
                  .metricsConfigurationList();
          if (configs.isEmpty()) {
            return DiagnosticResult.warn(
                "request-metrics",
                "bucket "
                    + bucket
                    + " has no request metrics: CloudWatch"
                    + " shows only daily storage metrics, not request rates, errors or latency",
                "aws s3api put-bucket-metrics-configuration --bucket "
                    + bucket
                    + " --id EntireBucket"
                    + " --metrics-configuration Id=EntireBucket");
          }
          return DiagnosticResult.ok(
              "request-metrics",
              "bucket "
                  + bucket
                  + " publishes CloudWatch request metrics ("
                  + configs.stream().map(MetricsConfiguration::id).collect(Collectors.joining(", "))
                  + ")");
        });
  }

  /**
   * Runs a read of a bucket setting: {@code absentCodes} mean "not configured" ({@code whenAbsent}), 501 means the
   * endpoint lacks the API, anything else is reported as a warning (doctor cannot tell, the store may still work).
   */
  private DiagnosticResult setting(
      String check,
      String operation,
      String iamAction,
      Set<String> absentCodes,
      Supplier<DiagnosticResult> whenAbsent,
      Supplier<DiagnosticResult> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      if (absentCodes.contains(code(e))) {
        return whenAbsent.get();
      }
      if (notImplemented(e)) {
        return DiagnosticResult.unsupported(
            check, "not supported by this endpoint (" + operation + ": " + statusText(e) + ")");
      }
      if (status(e) == 403) {
        return DiagnosticResult.warn(
            check,
            "cannot check: " + operation + " is denied (" + statusText(e) + ")",
            "allow " + iamAction + " to let doctor check it");
      }
      return DiagnosticResult.warn(
          check, "cannot check: " + errors.translate(e, operation, null).getMessage(), "");
    }
  }

  private List<DiagnosticResult> writeProbe() {
    List<DiagnosticResult> out = new ArrayList<>();
    String name = probeFolder() + "probe-" + UUID.randomUUID();
    String key = name + ".txt";
    try {
      backend.write(key, ByteBuffer.wrap(PROBE_BODY).asReadOnlyBuffer(), ObjectKind.POINTER);
    } catch (BackendException e) {
      out.add(checksumsAfterFailedPut(key, e));
      return out;
    }
    out.add(
        config.checksumMode() == S3StoreConfig.ChecksumMode.WHEN_REQUIRED
            ? DiagnosticResult.ok(
                "checksums", "checksum_mode: when_required; the endpoint accepted the probe put")
            : DiagnosticResult.ok(
                "checksums",
                "the endpoint accepts the SDK's default checksums (checksum_mode:"
                    + " when_supported)"));
    try {
      Optional<byte[]> read = backend.read(key);
      backend.delete(key);
      boolean gone = !backend.exists(key);
      if (read.isEmpty() || !Arrays.equals(read.get(), PROBE_BODY)) {
        out.add(
            DiagnosticResult.fail(
                "write-probe",
                "put "
                    + key
                    + " succeeded but get "
                    + (read.isEmpty() ? "did not find it" : "returned other bytes"),
                "check the endpoint's consistency"));
      } else if (!gone) {
        out.add(
            DiagnosticResult.fail(
                "write-probe",
                "delete of " + key + " left the object in place",
                "allow s3:DeleteObject; remove " + key + " by hand"));
      } else {
        out.add(DiagnosticResult.ok("write-probe", "put, get and delete of " + key + " work"));
      }
    } catch (BackendException e) {
      out.add(
          DiagnosticResult.fail(
              "write-probe", e.getMessage(), "remove " + key + " by hand if it is left"));
      return out;
    }
    out.add(conditionalWrite(name + "-once.txt"));
    return out;
  }

  /** The probe put failed: with default checksums, try once more with when_required to tell checksums apart. */
  private DiagnosticResult checksumsAfterFailedPut(String key, BackendException e) {
    // Only a client made from the options can be remade with another checksum mode; a lent one is
    // the caller's.
    if (config.checksumMode() == S3StoreConfig.ChecksumMode.WHEN_SUPPORTED
        && backend.ownsClient()) {
      S3StoreConfig whenRequired =
          config.toBuilder().checksumMode(S3StoreConfig.ChecksumMode.WHEN_REQUIRED).build();
      try (S3ObjectBackend other =
          new S3ObjectBackend(S3VconStore.client(whenRequired), whenRequired, keys)) {
        other.write(key, ByteBuffer.wrap(PROBE_BODY).asReadOnlyBuffer(), ObjectKind.POINTER);
        other.delete(key);
        return DiagnosticResult.fail(
            "checksums",
            "the endpoint rejects puts with the SDK's default checksums ("
                + e.getMessage()
                + ") and accepts them with checksum_mode: when_required",
            "set checksum_mode: when_required");
      } catch (BackendException again) {
        // Not a checksum problem: both modes fail the same way.
      }
    }
    return DiagnosticResult.fail(
        "write-probe", e.getMessage(), "allow s3:PutObject on " + probeFolder() + "*");
  }

  private DiagnosticResult conditionalWrite(String key) {
    if (!config.conditionalWrites()) {
      return DiagnosticResult.skipped(
          "conditional-write", "conditional_writes: false; putIfAbsent is off");
    }
    try {
      boolean first =
          backend.writeIfAbsent(
              key, ByteBuffer.wrap(PROBE_BODY).asReadOnlyBuffer(), ObjectKind.POINTER);
      boolean second =
          backend.writeIfAbsent(
              key, ByteBuffer.wrap(PROBE_BODY).asReadOnlyBuffer(), ObjectKind.POINTER);
      if (first && !second) {
        return DiagnosticResult.ok(
            "conditional-write", "If-None-Match: * is honoured: write-once puts work");
      }
      return DiagnosticResult.warn(
          "conditional-write",
          "the endpoint ignores If-None-Match: * (a second"
              + " conditional put of "
              + key
              + " replaced the first)",
          "set conditional_writes: false");
    } catch (BackendException e) {
      if (e.getCause() instanceof SdkException sdk && notImplemented(sdk)) {
        return new DiagnosticResult(
            "conditional-write",
            DiagnosticResult.Status.UNSUPPORTED,
            "conditional puts (If-None-Match: *) are not supported by this endpoint ("
                + statusText(sdk)
                + ")",
            "set conditional_writes: false");
      }
      return DiagnosticResult.fail(
          "conditional-write",
          e.getMessage(),
          "set conditional_writes: false if the" + " endpoint does not support If-None-Match");
    } finally {
      try {
        backend.delete(key);
      } catch (BackendException ignored) {
        // The probe object is harmless; the write-probe line above already says where it lives.
      }
    }
  }

  private String configuredRegion() {
    return S3VconStore.region(config).id();
  }

  private Optional<String> regionOf(SdkException e) {
    if (e instanceof AwsServiceException service) {
      AwsErrorDetails d = service.awsErrorDetails();
      String message = d == null || d.errorMessage() == null ? "" : d.errorMessage();
      return S3Errors.expectedRegion(service, message);
    }
    return Optional.empty();
  }

  static String code(SdkException e) {
    if (e instanceof AwsServiceException service
        && service.awsErrorDetails() != null
        && service.awsErrorDetails().errorCode() != null) {
      return service.awsErrorDetails().errorCode();
    }
    return "";
  }

  static int status(SdkException e) {
    return e instanceof SdkServiceException service ? service.statusCode() : 0;
  }

  static boolean notImplemented(SdkException e) {
    return status(e) == 501 || code(e).toLowerCase(Locale.ROOT).equals("notimplemented");
  }

  private static String statusText(SdkException e) {
    String code = code(e);
    int status = status(e);
    return (code.isEmpty() ? "" : code + ", ")
        + (status == 0 ? e.getClass().getSimpleName() : "HTTP " + status);
  }
}
