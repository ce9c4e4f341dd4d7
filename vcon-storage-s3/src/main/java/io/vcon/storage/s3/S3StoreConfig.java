package io.vcon.storage.s3;

import io.vcon.storage.api.IdPolicy;
import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.api.key.MissingCreatedAtPolicy;
import io.vcon.storage.spi.ContentHashMode;
import io.vcon.storage.spi.ProviderOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * How to reach one S3 bucket and lay vCons out in it. Option names follow vcon-server's {@code storage.s3}
 * ({@code aws_bucket}, {@code s3_path}, ...); see {@code docs/s3.md}.
 *
 * <p>Immutable; bad combinations fail at {@link Builder#build()}. {@link #toString()} never shows the secret
 * key, the session token or the access key id.
 */
public final class S3StoreConfig {

  /** When the SDK computes request checksums and validates response checksums. */
  public enum ChecksumMode {
    /**
     * Request and response checksums where supported; every PUT asks for a SHA-256 checksum, which S3 recomputes
     * and refuses on mismatch (ADR 0013).
     */
    WHEN_SUPPORTED("when_supported"),
    /** Only where the operation requires one; for S3-compatible stores that reject the newer checksums. */
    WHEN_REQUIRED("when_required");

    private final String option;

    ChecksumMode(String option) {
      this.option = option;
    }

    /** The option spelling, e.g. {@code when_required}. */
    public String option() {
      return option;
    }

    /** Parses the option spelling (case-insensitive, {@code -} accepted for {@code _}). */
    public static ChecksumMode fromOption(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT).replace('-', '_');
      for (ChecksumMode m : values()) {
        if (m.option.equals(v)) {
          return m;
        }
      }
      throw new StorageConfigurationException(
          "checksum_mode must be when_supported or when_required, was '" + value + "'");
    }
  }

  /** Server-side encryption S3 applies to what we write. */
  public enum ServerSideEncryption {
    /** S3-managed keys (SSE-S3). */
    AES256("AES256"),
    /** KMS keys (SSE-KMS), optionally a given key: {@code sse_kms_key_id}. */
    AWS_KMS("aws:kms");

    private final String option;

    ServerSideEncryption(String option) {
      this.option = option;
    }

    public String option() {
      return option;
    }

    public static ServerSideEncryption fromOption(String value) {
      for (ServerSideEncryption s : values()) {
        if (s.option.equalsIgnoreCase(value.trim())) {
          return s;
        }
      }
      throw new StorageConfigurationException(
          "server_side_encryption must be AES256 or aws:kms, was '" + value + "'");
    }
  }

  private final String bucket;
  private final String s3Path;
  private final String region;
  private final URI endpointUrl;
  private final String accessKeyId;
  private final String secretAccessKey;
  private final String sessionToken;
  private final ServerSideEncryption serverSideEncryption;
  private final String sseKmsKeyId;
  private final Boolean forcePathStyle;
  private final Boolean followRegionRedirects;
  private final ChecksumMode checksumMode;
  private final boolean chunkedEncoding;
  private final boolean conditionalWrites;
  private final Integer maxConnections;
  private final Integer maxRetries;
  private final Duration connectTimeout;
  private final Duration apiTimeout;
  private final Duration apiAttemptTimeout;
  private final String storageClass;
  private final String expectedBucketOwner;
  private final MissingCreatedAtPolicy missingCreatedAt;
  private final boolean overwrite;
  private final ObjectLockMode objectLockMode;
  private final Integer objectLockRetainDays;
  private final boolean legalHold;
  private final ContentHashMode contentHash;
  private final IdPolicy idPolicy;
  // Test seam: extra SDK interceptors (e.g. to see the headers on the wire); never set from
  // options.
  private final List<ExecutionInterceptor> interceptors;

  private S3StoreConfig(Builder b) {
    this.objectLockMode = b.objectLockMode;
    this.objectLockRetainDays = b.objectLockRetainDays;
    this.legalHold = b.legalHold != null && b.legalHold;
    this.interceptors = List.copyOf(b.interceptors);
    this.bucket = b.bucket;
    this.s3Path = b.s3Path;
    this.region = b.region;
    this.endpointUrl = b.endpointUrl;
    this.accessKeyId = b.accessKeyId;
    this.secretAccessKey = b.secretAccessKey;
    this.sessionToken = b.sessionToken;
    this.serverSideEncryption = b.serverSideEncryption;
    this.sseKmsKeyId = b.sseKmsKeyId;
    this.forcePathStyle = b.forcePathStyle;
    this.followRegionRedirects = b.followRegionRedirects;
    this.checksumMode = b.checksumMode == null ? ChecksumMode.WHEN_SUPPORTED : b.checksumMode;
    this.chunkedEncoding = b.chunkedEncoding != null && b.chunkedEncoding;
    this.conditionalWrites = b.conditionalWrites == null || b.conditionalWrites;
    this.maxConnections = b.maxConnections;
    this.maxRetries = b.maxRetries;
    this.connectTimeout = b.connectTimeout;
    this.apiTimeout = b.apiTimeout;
    this.apiAttemptTimeout = b.apiAttemptTimeout;
    this.storageClass = b.storageClass;
    this.expectedBucketOwner = b.expectedBucketOwner;
    this.missingCreatedAt =
        b.missingCreatedAt == null ? MissingCreatedAtPolicy.SAVE_TIME : b.missingCreatedAt;
    this.overwrite = b.overwrite == null || b.overwrite;
    this.contentHash = b.contentHash == null ? ContentHashMode.RECORD : b.contentHash;
    this.idPolicy = b.idPolicy == null ? IdPolicy.UUID : b.idPolicy;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The configuration a store's options describe, parsed exactly as provider {@code storage.s3}
   * parses them (vcon-server's option names, see {@code docs/s3.md}); for code that builds the
   * store itself, e.g. with its own client: {@code
   * S3VconStore.builder(S3StoreConfig.fromOptions(options)).client(mine).build()}.
   *
   * @throws StorageConfigurationException naming the option by its full path when an option is
   *     unknown, missing or invalid
   */
  public static S3StoreConfig fromOptions(ProviderOptions options) {
    return S3VconStoreProvider.config(options);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** {@code object_lock_mode}: the S3 Object Lock retention mode sent with every PUT; empty: none. */
  public Optional<ObjectLockMode> objectLockMode() {
    return Optional.ofNullable(objectLockMode);
  }

  /** {@code object_lock_retain_days}: each PUT is retained until its time plus this many days. */
  public Optional<Integer> objectLockRetainDays() {
    return Optional.ofNullable(objectLockRetainDays);
  }

  /** {@code legal_hold}: every PUT carries {@code x-amz-object-lock-legal-hold: ON}. Off by default. */
  public boolean legalHold() {
    return legalHold;
  }

  /** Whether PUTs carry Object Lock headers, so deletes check retention first. */
  public boolean objectLock() {
    return objectLockMode != null || legalHold;
  }

  List<ExecutionInterceptor> interceptors() {
    return interceptors;
  }

  /** {@code aws_bucket}. */
  public String bucket() {
    return bucket;
  }

  /** {@code s3_path}, as given (a trailing {@code /} is dropped when keys are built, as vcon-server does). */
  public Optional<String> s3Path() {
    return Optional.ofNullable(s3Path);
  }

  /** {@code aws_region}; empty means the SDK's region chain, else {@code us-east-1} as boto3 does. */
  public Optional<String> region() {
    return Optional.ofNullable(region);
  }

  /** {@code endpoint_url}, for MinIO, S3Proxy, Ceph and the like. */
  public Optional<URI> endpointUrl() {
    return Optional.ofNullable(endpointUrl);
  }

  /** {@code aws_access_key_id}; empty means the SDK's default credentials chain. */
  public Optional<String> accessKeyId() {
    return Optional.ofNullable(accessKeyId);
  }

  /** {@code aws_secret_access_key}. */
  public Optional<String> secretAccessKey() {
    return Optional.ofNullable(secretAccessKey);
  }

  /** {@code aws_session_token}, for temporary credentials. */
  public Optional<String> sessionToken() {
    return Optional.ofNullable(sessionToken);
  }

  public Optional<ServerSideEncryption> serverSideEncryption() {
    return Optional.ofNullable(serverSideEncryption);
  }

  public Optional<String> sseKmsKeyId() {
    return Optional.ofNullable(sseKmsKeyId);
  }

  /** {@code force_path_style}; on by default when an endpoint URL is set (S3-compatible stores want it). */
  public boolean forcePathStyle() {
    return forcePathStyle != null ? forcePathStyle : endpointUrl != null;
  }

  /**
   * {@code follow_region_redirects}: on by default. A request for a bucket in another region than
   * {@code aws_region} is answered with a redirect naming the bucket's region; the client then
   * signs for that region and sends it again, as boto3 (so vcon-server) does. Costs a round trip
   * per first request to a bucket; {@code doctor} warns. Off: such requests fail with the region to
   * set. See ADR 0025.
   */
  public boolean followRegionRedirects() {
    return followRegionRedirects == null || followRegionRedirects;
  }

  public ChecksumMode checksumMode() {
    return checksumMode;
  }

  /** {@code chunked_encoding}; off by default: the SDK then signs the whole payload at a lower cost (ADR 0006). */
  public boolean chunkedEncoding() {
    return chunkedEncoding;
  }

  /**
   * {@code conditional_writes}: whether the store declares write-once puts ({@code If-None-Match: *}); default
   * on. Turn it off for servers that lack the header or do not apply it atomically — S3Proxy 3.3.0 checks it
   * before writing, so two racing writers can both win (seen in the TCK); AWS S3 applies it atomically.
   */
  public boolean conditionalWrites() {
    return conditionalWrites;
  }

  public Optional<Integer> maxConnections() {
    return Optional.ofNullable(maxConnections);
  }

  /** Retries after the first attempt; empty means the SDK's standard retry strategy. */
  public Optional<Integer> maxRetries() {
    return Optional.ofNullable(maxRetries);
  }

  public Optional<Duration> connectTimeout() {
    return Optional.ofNullable(connectTimeout);
  }

  /** The limit on one whole call, retries included. */
  public Optional<Duration> apiTimeout() {
    return Optional.ofNullable(apiTimeout);
  }

  /**
   * {@code api_attempt_timeout}: limit on one attempt of a call. A stalled attempt is abandoned and retried (within
   * {@code max_retries} and {@code api_timeout}) instead of using up the whole call's time.
   */
  public Optional<Duration> apiAttemptTimeout() {
    return Optional.ofNullable(apiAttemptTimeout);
  }

  /** {@code storage_class} of what we write, e.g. {@code STANDARD_IA}. */
  public Optional<String> storageClass() {
    return Optional.ofNullable(storageClass);
  }

  /** {@code expected_bucket_owner}: the account id every request is checked against. */
  public Optional<String> expectedBucketOwner() {
    return Optional.ofNullable(expectedBucketOwner);
  }

  public MissingCreatedAtPolicy missingCreatedAt() {
    return missingCreatedAt;
  }

  /**
   * {@code overwrite}; true by default (a save replaces the stored copy, as vcon-server does). False makes the store
   * write-once: saves are conditional PUTs ({@code If-None-Match: *}), a different copy under an existing id is a
   * {@code VconConflictException}, the same copy again succeeds.
   */
  public boolean overwrite() {
    return overwrite;
  }

  /**
   * {@code content_hash}: {@code record} (default) writes the SHA-512 of every vCon as user metadata
   * {@code x-amz-meta-content-hash} and checks it on read; {@code require} also refuses objects without one;
   * {@code off} does neither.
   */
  public ContentHashMode contentHash() {
    return contentHash;
  }

  /**
   * The options set here that configure the SDK client rather than the requests: they cannot apply
   * to a client the caller built, so a store given one refuses them (see {@code
   * S3VconStore.Builder#client}).
   */
  List<String> clientOptions() {
    List<String> set = new ArrayList<>();
    addIf(set, "aws_region", region);
    addIf(set, "endpoint_url", endpointUrl);
    addIf(set, "aws_access_key_id", accessKeyId);
    addIf(set, "aws_secret_access_key", secretAccessKey);
    addIf(set, "aws_session_token", sessionToken);
    addIf(set, "force_path_style", forcePathStyle);
    addIf(set, "follow_region_redirects", followRegionRedirects);
    addIf(set, "chunked_encoding", chunkedEncoding ? Boolean.TRUE : null);
    addIf(set, "max_connections", maxConnections);
    addIf(set, "max_retries", maxRetries);
    addIf(set, "connect_timeout", connectTimeout);
    addIf(set, "api_timeout", apiTimeout);
    addIf(set, "api_attempt_timeout", apiAttemptTimeout);
    return set;
  }

  private static void addIf(List<String> names, String name, Object value) {
    if (value != null) {
      names.add(name);
    }
  }

  /**
   * {@code id_policy}: {@code uuid} (default) takes canonical UUID ids only; {@code token} also
   * path-safe ids such as {@code abc123}, keyed {@code YYYY/MM/DD/abc123.vcon} as vcon-server keys
   * them.
   */
  public IdPolicy idPolicy() {
    return idPolicy;
  }

  /** {@code s3://bucket/prefix/} plus the endpoint when one is set: for messages, never with credentials. */
  String describe() {
    String root = s3Path == null ? "" : KeyStrategy.vconServer(s3Path).root();
    return "s3://"
        + bucket
        + "/"
        + root
        + endpointUrl().map(u -> " at " + safeEndpoint()).orElse("");
  }

  /** The endpoint URL with any user:password part masked. */
  String safeEndpoint() {
    return endpointUrl == null
        ? "the AWS S3 endpoint of region " + region().orElse("(default)")
        : ProviderOptions.maskUrlCredentials(endpointUrl.toString());
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("S3StoreConfig{bucket=").append(bucket);
    s3Path().ifPresent(p -> out.append(", s3_path=").append(p));
    region().ifPresent(r -> out.append(", region=").append(r));
    endpointUrl().ifPresent(u -> out.append(", endpoint_url=").append(safeEndpoint()));
    out.append(", credentials=").append(accessKeyId == null ? "default chain" : "static ****");
    if (sessionToken != null) {
      out.append(", session_token=****");
    }
    serverSideEncryption()
        .ifPresent(s -> out.append(", server_side_encryption=").append(s.option()));
    sseKmsKeyId().ifPresent(k -> out.append(", sse_kms_key_id=").append(k));
    out.append(", force_path_style=").append(forcePathStyle());
    if (!followRegionRedirects()) {
      out.append(", follow_region_redirects=false");
    }
    out.append(", checksum_mode=").append(checksumMode.option());
    out.append(", chunked_encoding=").append(chunkedEncoding);
    out.append(", conditional_writes=").append(conditionalWrites);
    maxConnections().ifPresent(n -> out.append(", max_connections=").append(n));
    maxRetries().ifPresent(n -> out.append(", max_retries=").append(n));
    connectTimeout().ifPresent(d -> out.append(", connect_timeout=").append(d));
    apiTimeout().ifPresent(d -> out.append(", api_timeout=").append(d));
    apiAttemptTimeout().ifPresent(d -> out.append(", api_attempt_timeout=").append(d));
    storageClass().ifPresent(s -> out.append(", storage_class=").append(s));
    expectedBucketOwner().ifPresent(s -> out.append(", expected_bucket_owner=").append(s));
    out.append(", missing_created_at=").append(missingCreatedAt);
    if (!overwrite) {
      out.append(", overwrite=false");
    }
    objectLockMode()
        .ifPresent(
            m ->
                out.append(", object_lock_mode=")
                    .append(m)
                    .append(", object_lock_retain_days=")
                    .append(objectLockRetainDays));
    if (legalHold) {
      out.append(", legal_hold=true");
    }
    out.append(", content_hash=").append(contentHash.option());
    if (idPolicy != IdPolicy.UUID) {
      out.append(", id_policy=").append(idPolicy.option());
    }
    return out.append('}').toString();
  }

  /** Builds an {@link S3StoreConfig}; fields left unset take the defaults documented on the accessors. */
  public static final class Builder {
    private String bucket;
    private String s3Path;
    private String region;
    private URI endpointUrl;
    private String accessKeyId;
    private String secretAccessKey;
    private String sessionToken;
    private ServerSideEncryption serverSideEncryption;
    private String sseKmsKeyId;
    private Boolean forcePathStyle;
    private Boolean followRegionRedirects;
    private ChecksumMode checksumMode;
    private Boolean chunkedEncoding;
    private Boolean conditionalWrites;
    private Integer maxConnections;
    private Integer maxRetries;
    private Duration connectTimeout;
    private Duration apiTimeout;
    private Duration apiAttemptTimeout;
    private String storageClass;
    private String expectedBucketOwner;
    private MissingCreatedAtPolicy missingCreatedAt;
    private Boolean overwrite;
    private ObjectLockMode objectLockMode;
    private Integer objectLockRetainDays;
    private Boolean legalHold;
    private ContentHashMode contentHash;
    private IdPolicy idPolicy;
    private final List<ExecutionInterceptor> interceptors = new ArrayList<>();

    private Builder() {}

    private Builder(S3StoreConfig c) {
      bucket = c.bucket;
      s3Path = c.s3Path;
      region = c.region;
      endpointUrl = c.endpointUrl;
      accessKeyId = c.accessKeyId;
      secretAccessKey = c.secretAccessKey;
      sessionToken = c.sessionToken;
      serverSideEncryption = c.serverSideEncryption;
      sseKmsKeyId = c.sseKmsKeyId;
      forcePathStyle = c.forcePathStyle;
      followRegionRedirects = c.followRegionRedirects;
      checksumMode = c.checksumMode;
      chunkedEncoding = c.chunkedEncoding;
      conditionalWrites = c.conditionalWrites;
      maxConnections = c.maxConnections;
      maxRetries = c.maxRetries;
      connectTimeout = c.connectTimeout;
      apiTimeout = c.apiTimeout;
      apiAttemptTimeout = c.apiAttemptTimeout;
      storageClass = c.storageClass;
      expectedBucketOwner = c.expectedBucketOwner;
      missingCreatedAt = c.missingCreatedAt;
      overwrite = c.overwrite;
      objectLockMode = c.objectLockMode;
      objectLockRetainDays = c.objectLockRetainDays;
      legalHold = c.legalHold;
      contentHash = c.contentHash;
      idPolicy = c.idPolicy;
      interceptors.addAll(c.interceptors);
    }

    /** Object Lock retention for every PUT: needs {@link #objectLockRetainDays}; the bucket must have Object Lock. */
    public Builder objectLockMode(ObjectLockMode value) {
      objectLockMode = value;
      return this;
    }

    public Builder objectLockRetainDays(Integer value) {
      objectLockRetainDays = value;
      return this;
    }

    public Builder legalHold(Boolean value) {
      legalHold = value;
      return this;
    }

    /** Test seam: an SDK interceptor added to the client. */
    Builder interceptor(ExecutionInterceptor value) {
      interceptors.add(value);
      return this;
    }

    public Builder bucket(String value) {
      bucket = blankToNull(value);
      return this;
    }

    public Builder s3Path(String value) {
      s3Path = blankToNull(value);
      return this;
    }

    public Builder region(String value) {
      region = blankToNull(value);
      return this;
    }

    public Builder endpointUrl(URI value) {
      endpointUrl = value;
      return this;
    }

    /** Static credentials; give both or neither (then the SDK's default credentials chain is used). */
    public Builder credentials(String accessKeyIdValue, String secretAccessKeyValue) {
      accessKeyId = blankToNull(accessKeyIdValue);
      secretAccessKey = blankToNull(secretAccessKeyValue);
      return this;
    }

    public Builder sessionToken(String value) {
      sessionToken = blankToNull(value);
      return this;
    }

    public Builder serverSideEncryption(ServerSideEncryption value) {
      serverSideEncryption = value;
      return this;
    }

    public Builder sseKmsKeyId(String value) {
      sseKmsKeyId = blankToNull(value);
      return this;
    }

    public Builder forcePathStyle(Boolean value) {
      forcePathStyle = value;
      return this;
    }

    /**
     * Whether to follow S3's redirect to a bucket's region (default true); see {@link
     * S3StoreConfig#followRegionRedirects()}.
     */
    public Builder followRegionRedirects(Boolean value) {
      followRegionRedirects = value;
      return this;
    }

    public Builder checksumMode(ChecksumMode value) {
      checksumMode = value;
      return this;
    }

    public Builder conditionalWrites(Boolean value) {
      conditionalWrites = value;
      return this;
    }

    public Builder chunkedEncoding(Boolean value) {
      chunkedEncoding = value;
      return this;
    }

    public Builder maxConnections(Integer value) {
      maxConnections = value;
      return this;
    }

    public Builder maxRetries(Integer value) {
      maxRetries = value;
      return this;
    }

    public Builder connectTimeout(Duration value) {
      connectTimeout = value;
      return this;
    }

    public Builder apiAttemptTimeout(Duration value) {
      apiAttemptTimeout = value;
      return this;
    }

    public Builder apiTimeout(Duration value) {
      apiTimeout = value;
      return this;
    }

    public Builder storageClass(String value) {
      storageClass = blankToNull(value);
      return this;
    }

    public Builder expectedBucketOwner(String value) {
      expectedBucketOwner = blankToNull(value);
      return this;
    }

    public Builder missingCreatedAt(MissingCreatedAtPolicy value) {
      missingCreatedAt = value;
      return this;
    }

    public Builder overwrite(Boolean value) {
      overwrite = value;
      return this;
    }

    public Builder contentHash(ContentHashMode value) {
      contentHash = value;
      return this;
    }

    /** {@code id_policy}; null means the default, {@link IdPolicy#UUID}. */
    public Builder idPolicy(IdPolicy value) {
      idPolicy = value;
      return this;
    }

    /**
     * The configuration.
     *
     * @throws StorageConfigurationException naming the option when a value or combination is invalid
     */
    public S3StoreConfig build() {
      if (bucket == null) {
        throw new StorageConfigurationException("aws_bucket: required");
      }
      if ((accessKeyId == null) != (secretAccessKey == null)) {
        String missing = accessKeyId == null ? "aws_access_key_id" : "aws_secret_access_key";
        String given = accessKeyId == null ? "aws_secret_access_key" : "aws_access_key_id";
        throw new StorageConfigurationException(
            missing
                + ": required when "
                + given
                + " is set; set both, or neither to use the default AWS"
                + " credentials chain (environment, profile, IAM role)");
      }
      if (sessionToken != null && accessKeyId == null) {
        throw new StorageConfigurationException(
            "aws_session_token: needs aws_access_key_id and aws_secret_access_key (the temporary"
                + " credentials it belongs to)");
      }
      if (sseKmsKeyId != null && serverSideEncryption != ServerSideEncryption.AWS_KMS) {
        throw new StorageConfigurationException(
            "sse_kms_key_id: needs server_side_encryption: aws:kms");
      }
      if (endpointUrl != null) {
        String scheme =
            endpointUrl.getScheme() == null ? "" : endpointUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || endpointUrl.getHost() == null) {
          throw new StorageConfigurationException(
              "endpoint_url: must be an http:// or https:// URL with a host, was '"
                  + ProviderOptions.maskUrlCredentials(endpointUrl.toString())
                  + "'");
        }
      }
      if ((objectLockMode == null) != (objectLockRetainDays == null)) {
        throw new StorageConfigurationException(
            objectLockMode == null
                ? "object_lock_mode: required when object_lock_retain_days is set (GOVERNANCE or"
                    + " COMPLIANCE)"
                : "object_lock_retain_days: required when object_lock_mode is set (days each PUT is"
                    + " retained)");
      }
      positive("object_lock_retain_days", objectLockRetainDays, 1);
      positive("max_connections", maxConnections, 1);
      positive("max_retries", maxRetries, 0);
      positive("connect_timeout", connectTimeout);
      positive("api_timeout", apiTimeout);
      positive("api_attempt_timeout", apiAttemptTimeout);
      if (apiTimeout != null
          && apiAttemptTimeout != null
          && apiAttemptTimeout.compareTo(apiTimeout) >= 0) {
        throw new StorageConfigurationException(
            "api_attempt_timeout: must be shorter than api_timeout ("
                + apiTimeout
                + "), or no attempt after a stalled one could run; was "
                + apiAttemptTimeout);
      }
      return new S3StoreConfig(this);
    }

    private static void positive(String name, Integer value, int min) {
      if (value != null && value < min) {
        throw new StorageConfigurationException(
            name + ": must be at least " + min + ", was " + value);
      }
    }

    private static void positive(String name, Duration value) {
      if (value != null && (value.isZero() || value.isNegative())) {
        throw new StorageConfigurationException(name + ": must be positive, was " + value);
      }
    }

    private static String blankToNull(String value) {
      return value == null || value.isBlank() ? null : value;
    }
  }

  /** S3 Object Lock retention modes: GOVERNANCE can be lifted with a special permission, COMPLIANCE by no one. */
  public enum ObjectLockMode {
    GOVERNANCE,
    COMPLIANCE;

    /** Parses {@code object_lock_mode}, case-insensitively. */
    public static ObjectLockMode fromOption(String value) {
      try {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new StorageConfigurationException(
            "object_lock_mode: must be GOVERNANCE or COMPLIANCE, was '" + value + "'");
      }
    }
  }
}
