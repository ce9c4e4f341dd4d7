package io.vcon.storage.s3;

import io.vcon.storage.api.BackendException;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.api.key.StoredKey;
import io.vcon.storage.spi.ProviderOptions;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Turns SDK exceptions into {@link BackendException}s that name the bucket, the key, the vCon and the fix. No
 * SDK type crosses the port, and no credential reaches a message: whatever text S3 sent back is scrubbed of
 * the configured secrets before it is quoted.
 */
final class S3Errors {

  private static final Pattern EXPECTING_REGION = Pattern.compile("expecting '([a-z0-9-]+)'");

  private final S3StoreConfig config;
  private final KeyStrategy keys;
  private final String store;

  S3Errors(S3StoreConfig config, KeyStrategy keys, String store) {
    this.config = config;
    this.keys = keys;
    this.store = store;
  }

  /** The error for {@code operation} (e.g. {@code GetObject}) on {@code key} (null for bucket-wide calls). */
  BackendException translate(SdkException e, String operation, String key) {
    String where =
        (key == null ? "" : " of " + key)
            + " in bucket "
            + config.bucket()
            + " at "
            + config.safeEndpoint();
    String what = "S3 " + operation + where + " failed: ";
    String reason;
    boolean retryable = e.retryable();
    boolean storeWide = false;
    if (e instanceof AwsServiceException service) {
      reason = serviceReason(service, operation);
      storeWide = isStoreWide(service);
      retryable = retryable || service.isThrottlingException() || service.statusCode() >= 500;
    } else if (e instanceof SdkServiceException service) {
      reason = "HTTP " + service.statusCode() + ": " + scrub(service.getMessage());
      retryable = retryable || service.statusCode() >= 500;
    } else if (e instanceof ApiCallAttemptTimeoutException) {
      reason =
          "no attempt answered within api_attempt_timeout ("
              + config.apiAttemptTimeout().map(Object::toString).orElse("SDK default")
              + "), retries included; check the"
              + " endpoint's health, or raise api_attempt_timeout for large vCons on slow links";
      retryable = true;
    } else if (e instanceof ApiCallTimeoutException) {
      reason =
          "no answer within api_timeout ("
              + config.apiTimeout().map(Object::toString).orElse("SDK default")
              + "); raise api_timeout or check the endpoint's health";
      retryable = true;
    } else {
      reason = clientReason(e);
      retryable = retryable || isNetwork(e);
    }
    return new BackendException(
        what + reason, vconOf(key), store, retryable, storeWide, sanitized(e));
  }

  /**
   * Whether S3 refused the store rather than the request: no such bucket, rejected or denied credentials, another
   * region. A job over many vCons stops at the first of these instead of failing every item alike.
   */
  static boolean isStoreWide(AwsServiceException e) {
    AwsErrorDetails details = e.awsErrorDetails();
    String code = details == null || details.errorCode() == null ? "" : details.errorCode();
    int status = e.statusCode();
    return switch (code) {
      case "NoSuchBucket",
          "InvalidAccessKeyId",
          "SignatureDoesNotMatch",
          "InvalidToken",
          "ExpiredToken",
          "TokenRefreshRequired",
          "AccessDenied",
          "AuthorizationHeaderMalformed",
          "PermanentRedirect",
          "AllAccessDisabled",
          "InvalidBucketName" ->
          true;
      default -> status == 301 || (status == 403 && code.isEmpty());
    };
  }

  private String serviceReason(AwsServiceException e, String operation) {
    AwsErrorDetails details = e.awsErrorDetails();
    String code = details == null || details.errorCode() == null ? "" : details.errorCode();
    String message =
        details == null || details.errorMessage() == null ? "" : scrub(details.errorMessage());
    int status = e.statusCode();
    Optional<String> region = expectedRegion(e, message);
    if (code.equals("NoSuchBucket")) {
      return "bucket "
          + config.bucket()
          + " does not exist at "
          + config.safeEndpoint()
          + "; create it or fix aws_bucket";
    }
    if (code.equals("AuthorizationHeaderMalformed")
        || code.equals("PermanentRedirect")
        || status == 301
        || code.equals("IllegalLocationConstraintException")
        || (region.isPresent() && status == 400)) {
      String configured = config.region().orElse("(default)");
      return region
          .map(
              r ->
                  "bucket "
                      + config.bucket()
                      + " is in region "
                      + r
                      + ", not "
                      + configured
                      + "; set aws_region: "
                      + r)
          .orElse(
              "the bucket is in another region than "
                  + configured
                  + " ("
                  + code
                  + ", HTTP "
                  + status
                  + "); set aws_region to the bucket's region");
    }
    if (code.equals("InvalidAccessKeyId")
        || code.equals("SignatureDoesNotMatch")
        || code.equals("InvalidToken")
        || code.equals("ExpiredToken")
        || code.equals("TokenRefreshRequired")) {
      return "the credentials were rejected ("
          + code
          + "); check aws_access_key_id and aws_secret_access_key"
          + (config.sessionToken().isPresent() ? " and aws_session_token" : "")
          + (config.accessKeyId().isEmpty()
              ? " (now taken from the default AWS credentials chain)"
              : "");
    }
    if (code.equals("AccessDenied") || status == 403) {
      return "access denied ("
          + (code.isEmpty() ? "HTTP 403" : code)
          + "); check the credentials"
          + (config.accessKeyId().isEmpty() ? " found by the default AWS credentials chain" : "")
          + " and that the bucket policy / IAM policy allows "
          + iamAction(operation)
          + " on this bucket"
          + (config.expectedBucketOwner().isPresent()
              ? " and that expected_bucket_owner is" + " the bucket's account"
              : "")
          + " (see docs/s3.md for the least-privilege policy)";
    }
    if (code.equals("SlowDown") || status == 503) {
      return "S3 asks to slow down ("
          + (code.isEmpty() ? "HTTP 503" : code)
          + "); retry later or lower the rate";
    }
    if (code.equals("NotImplemented") || status == 501) {
      String optional = optionalHeaders();
      return "the endpoint does not implement something this request asked for ("
          + code
          + ", HTTP "
          + status
          + ": "
          + message
          + ")"
          + (optional.isEmpty()
              ? ""
              : "; it may not support " + optional + ": unset it for this endpoint");
    }
    if (code.equals("InvalidStorageClass")) {
      return "storage_class is not accepted by this endpoint: " + message;
    }
    if (code.startsWith("KMS.")) {
      return "KMS refused (" + code + "): " + message + "; check sse_kms_key_id and the key policy";
    }
    return (code.isEmpty() ? "" : code + " ")
        + "(HTTP "
        + status
        + ")"
        + (message.isEmpty() ? "" : ": " + message);
  }

  /** The options that add optional headers to requests, as {@code a / b}, or empty. */
  private String optionalHeaders() {
    List<String> set = new ArrayList<>();
    config.serverSideEncryption().ifPresent(x -> set.add("server_side_encryption"));
    config.sseKmsKeyId().ifPresent(x -> set.add("sse_kms_key_id"));
    config.storageClass().ifPresent(x -> set.add("storage_class"));
    config.expectedBucketOwner().ifPresent(x -> set.add("expected_bucket_owner"));
    config.objectLockMode().ifPresent(x -> set.add("object_lock_mode (Object Lock)"));
    if (config.legalHold()) {
      set.add("legal_hold (Object Lock)");
    }
    return String.join(" / ", set);
  }

  /** The IAM action an operation needs, for the access-denied hint. */
  static String iamAction(String operation) {
    if (operation.startsWith("ListObjects")) {
      return "s3:ListBucket";
    }
    if (operation.startsWith("HeadObject") || operation.startsWith("GetObject")) {
      return "s3:GetObject";
    }
    if (operation.startsWith("DeleteObject")) {
      return "s3:DeleteObject";
    }
    if (operation.startsWith("PutObject")) {
      return "s3:PutObject";
    }
    return "s3:" + operation;
  }

  private String clientReason(SdkException e) {
    Throwable root = e;
    for (Throwable t = e; t != null; t = t.getCause()) {
      root = t;
      if (t instanceof UnknownHostException) {
        return "cannot resolve the endpoint's host ("
            + t.getMessage()
            + "); check endpoint_url / aws_region and DNS";
      }
      if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
        return "cannot reach the endpoint ("
            + t.getClass().getSimpleName()
            + ": "
            + scrub(t.getMessage())
            + "); check endpoint_url and that the server is running and reachable";
      }
      if (t instanceof SocketTimeoutException || t instanceof InterruptedIOException) {
        return "the endpoint did not answer in time ("
            + scrub(t.getMessage())
            + "); check the network or raise connect_timeout / api_timeout";
      }
    }
    String text = scrub(e.getMessage());
    if (text.toLowerCase(Locale.ROOT).contains("unable to load credentials")) {
      return "no AWS credentials found; set aws_access_key_id and aws_secret_access_key, or"
          + " configure the default credentials chain (environment, profile, IAM role)";
    }
    if (root != e && root.getMessage() != null) {
      return text + " (" + root.getClass().getSimpleName() + ": " + scrub(root.getMessage()) + ")";
    }
    return text;
  }

  private static boolean isNetwork(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  static Optional<String> expectedRegion(AwsServiceException e, String message) {
    AwsErrorDetails details = e.awsErrorDetails();
    if (details != null && details.sdkHttpResponse() != null) {
      Optional<String> header =
          details.sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region");
      if (header.isPresent() && !header.get().isBlank()) {
        return header;
      }
    }
    Matcher m = EXPECTING_REGION.matcher(message);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  String vconIdOf(String key) {
    return vconOf(key);
  }

  private String vconOf(String key) {
    if (key == null) {
      return null;
    }
    return keys.parseObjectKey(key)
        .map(StoredKey::id)
        .or(() -> keys.parsePointerKey(key))
        .map(VconId::value)
        .orElse(null);
  }

  /** Text with the configured secrets replaced by {@code ****}. */
  String scrub(String text) {
    if (text == null) {
      return "";
    }
    String out = text;
    for (Optional<String> secret : List.of(config.secretAccessKey(), config.sessionToken())) {
      if (secret.isPresent()) {
        out = out.replace(secret.get(), "****");
      }
    }
    return ProviderOptions.maskUrlCredentials(out);
  }

  /**
   * The cause to attach: the SDK's own exception unless its message would carry a secret, then a plain copy of
   * the scrubbed text (the stack trace kept) so that logging the cause chain leaks nothing either.
   */
  private Throwable sanitized(SdkException e) {
    String text = String.valueOf(e.getMessage());
    if (scrub(text).equals(text)) {
      return e;
    }
    RuntimeException copy = new RuntimeException(e.getClass().getName() + ": " + scrub(text));
    copy.setStackTrace(e.getStackTrace());
    return copy;
  }

  /**
   * Whether {@code e} says the key is not there (GET/HEAD 404, NoSuchKey). A GET on a missing bucket says
   * NoSuchBucket and is an error; a HEAD has no body to say so and counts as absence, but every store operation
   * reads the lookup pointer with a GET first, so a missing bucket still surfaces with its own message.
   */
  static boolean isMissingKey(SdkException e) {
    if (e instanceof NoSuchKeyException) {
      return true;
    }
    if (e instanceof AwsServiceException service && service.statusCode() == 404) {
      AwsErrorDetails d = service.awsErrorDetails();
      String code = d == null || d.errorCode() == null ? "" : d.errorCode();
      return !code.equals("NoSuchBucket");
    }
    return false;
  }

  /**
   * Whether the server refused {@code key} because it cannot address a key with an empty segment ({@code a//b}):
   * S3Proxy (Jetty) and MinIO collapse or reject {@code //}, so the signature no longer matches or the name is
   * invalid. Such a server cannot hold the key either, so for a read it means absence. Only the legacy
   * doubled-slash fallback keys (DESIGN §4a) look like this; real S3 addresses them fine.
   */
  static boolean isUnaddressable(SdkException e, String key) {
    if (!key.contains("//") || !(e instanceof AwsServiceException service)) {
      return false;
    }
    AwsErrorDetails d = service.awsErrorDetails();
    String code = d == null || d.errorCode() == null ? "" : d.errorCode();
    return (service.statusCode() == 403 && code.equals("SignatureDoesNotMatch"))
        || (service.statusCode() == 400
            && (code.equals("XMinioInvalidObjectName") || code.equals("InvalidURI")));
  }

  /**
   * Whether S3 refused because of Object Lock: AccessDenied (403) whose message names it, as S3 answers a delete of
   * a retained or held object version ("Access Denied because object protected by object lock.").
   */
  static boolean isObjectLockDenial(SdkException e) {
    if (!(e instanceof AwsServiceException service) || service.statusCode() != 403) {
      return false;
    }
    AwsErrorDetails d = service.awsErrorDetails();
    String message =
        d == null || d.errorMessage() == null ? String.valueOf(e.getMessage()) : d.errorMessage();
    return message.toLowerCase(Locale.ROOT).contains("object lock");
  }

  static boolean isStatus(SdkException e, int status) {
    return e instanceof SdkServiceException service && service.statusCode() == status;
  }
}
