package io.vcon.storage.s3;

import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.spi.VconStoreProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.model.StorageClass;

/**
 * Provider {@code s3} (alias {@code storage.s3}, vcon-server's module name). Options keep vcon-server's names
 * ({@code aws_bucket}, {@code aws_access_key_id}, {@code aws_secret_access_key}, {@code aws_region},
 * {@code endpoint_url}, {@code s3_path}) and add ours; all are listed in {@code docs/s3.md}.
 */
public final class S3VconStoreProvider implements VconStoreProvider {

  static final Set<String> OPTIONS =
      Set.of(
          "aws_access_key_id",
          "aws_secret_access_key",
          "aws_bucket",
          "aws_region",
          "endpoint_url",
          "s3_path",
          "aws_session_token",
          "server_side_encryption",
          "sse_kms_key_id",
          "force_path_style",
          "follow_region_redirects",
          "checksum_mode",
          "chunked_encoding",
          "conditional_writes",
          "max_connections",
          "max_retries",
          "connect_timeout",
          "api_timeout",
          "api_attempt_timeout",
          "storage_class",
          "expected_bucket_owner",
          "missing_created_at",
          "overwrite",
          "object_lock_mode",
          "object_lock_retain_days",
          "legal_hold",
          "content_hash",
          "id_policy");

  @Override
  public String id() {
    return "s3";
  }

  @Override
  public Set<String> aliases() {
    return Set.of("storage.s3");
  }

  @Override
  public VconStore create(ProviderOptions options) {
    return S3VconStore.create(S3StoreConfig.fromOptions(options), options.clock());
  }

  /**
   * The configuration the options describe ({@link S3StoreConfig#fromOptions} is the public door); every error
   * names the option by its full path. It lives here, next to {@link #OPTIONS}, so the list and the parsing
   * change together.
   */
  static S3StoreConfig config(ProviderOptions options) {
    options.requireOnly(OPTIONS);
    S3StoreConfig.Builder b =
        S3StoreConfig.builder()
            .bucket(options.requireString("aws_bucket"))
            .s3Path(options.keyPrefix("s3_path").orElse(null))
            .region(options.string("aws_region").orElse(null))
            .credentials(
                options.string("aws_access_key_id").orElse(null),
                options.string("aws_secret_access_key").orElse(null))
            .sessionToken(options.string("aws_session_token").orElse(null))
            .sseKmsKeyId(options.string("sse_kms_key_id").orElse(null))
            .expectedBucketOwner(options.string("expected_bucket_owner").orElse(null))
            .missingCreatedAt(options.missingCreatedAt())
            .chunkedEncoding(options.bool("chunked_encoding", false))
            .overwrite(options.bool("overwrite", true))
            .conditionalWrites(options.bool("conditional_writes", true))
            .maxConnections(
                options.has("max_connections")
                    ? options.integer("max_connections", 50, 1, 10_000)
                    : null)
            .maxRetries(
                options.has("max_retries") ? options.integer("max_retries", 3, 0, 100) : null)
            .connectTimeout(
                options.has("connect_timeout") ? positive(options, "connect_timeout") : null)
            .apiTimeout(options.has("api_timeout") ? positive(options, "api_timeout") : null)
            .apiAttemptTimeout(
                options.has("api_attempt_timeout")
                    ? positive(options, "api_attempt_timeout")
                    : null);
    if (options.string("force_path_style").isPresent()) {
      b.forcePathStyle(options.bool("force_path_style", false));
    }
    if (options.string("follow_region_redirects").isPresent()) {
      b.followRegionRedirects(options.bool("follow_region_redirects", true));
    }
    options.string("endpoint_url").ifPresent(u -> b.endpointUrl(uri(options, u)));
    options
        .string("checksum_mode")
        .ifPresent(
            v ->
                b.checksumMode(
                    parse(
                        options,
                        "checksum_mode",
                        () -> S3StoreConfig.ChecksumMode.fromOption(v),
                        "must be when_supported or when_required, was '" + v + "'")));
    options
        .string("server_side_encryption")
        .ifPresent(
            v ->
                b.serverSideEncryption(
                    parse(
                        options,
                        "server_side_encryption",
                        () -> S3StoreConfig.ServerSideEncryption.fromOption(v),
                        "must be AES256 or aws:kms, was '" + v + "'")));
    options.string("storage_class").ifPresent(v -> b.storageClass(storageClass(options, v)));
    options
        .string("object_lock_mode")
        .ifPresent(
            v ->
                b.objectLockMode(
                    parse(
                        options,
                        "object_lock_mode",
                        () -> S3StoreConfig.ObjectLockMode.fromOption(v),
                        "must be GOVERNANCE or COMPLIANCE, was '" + v + "'")));
    if (options.has("object_lock_retain_days")) {
      b.objectLockRetainDays(options.integer("object_lock_retain_days", 1, 1, 36_500));
    }
    b.legalHold(options.bool("legal_hold", false));
    options.contentHash().ifPresent(b::contentHash); // S3 always records: unset is record
    b.idPolicy(options.idPolicy());
    try {
      return b.build();
    } catch (StorageConfigurationException e) {
      // build() starts each message with the option's name; prefix the path the options were read
      // from.
      throw new StorageConfigurationException(options.path() + "." + e.getMessage(), e);
    }
  }

  private static Duration positive(ProviderOptions options, String name) {
    Duration d = options.duration(name, null);
    if (d.isZero() || d.isNegative()) {
      throw options.error(name, "must be positive, was " + options.string(name).orElse(""));
    }
    return d;
  }

  private static URI uri(ProviderOptions options, String text) {
    try {
      return new URI(text.trim());
    } catch (URISyntaxException e) {
      throw options.error(
          "endpoint_url",
          "must be a URL such as http://localhost:9000, was '"
              + ProviderOptions.maskUrlCredentials(text)
              + "'");
    }
  }

  private static String storageClass(ProviderOptions options, String value) {
    if (StorageClass.fromValue(value) == StorageClass.UNKNOWN_TO_SDK_VERSION) {
      Set<String> known =
          Arrays.stream(StorageClass.values())
              .filter(c -> c != StorageClass.UNKNOWN_TO_SDK_VERSION)
              .map(StorageClass::toString)
              .collect(Collectors.toCollection(TreeSet::new));
      throw options.error(
          "storage_class", "unknown storage class '" + value + "'; known: " + known);
    }
    return value;
  }

  private static <T> T parse(
      ProviderOptions options, String name, Supplier<T> parser, String problem) {
    try {
      return parser.get();
    } catch (StorageConfigurationException e) {
      throw options.error(name, problem);
    }
  }
}
