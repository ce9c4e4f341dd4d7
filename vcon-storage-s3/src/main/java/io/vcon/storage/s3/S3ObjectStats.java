package io.vcon.storage.s3;

import io.vcon.storage.api.BackendException;
import io.vcon.storage.api.ContentHash;
import io.vcon.storage.api.ObjectInfo;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What {@code copy} asks of a bucket beyond reads and writes: an object's size, recorded content
 * hash and ETag from a HEAD (no body), and a server-side CopyObject from another bucket of the same
 * endpoint and account, so a vCon already at the destination is not downloaded and one that is not
 * never passes through the client.
 */
final class S3ObjectStats {

  private final S3Client s3;
  private final S3StoreConfig config;
  private final S3Errors errors;
  private final Clock clock;

  /**
   * Set once the endpoint answered CopyObject with 501: S3-compatible servers without it get the
   * bytes path.
   */
  private volatile boolean copyUnsupported;

  S3ObjectStats(S3Client s3, S3StoreConfig config, S3Errors errors, Clock clock) {
    this.s3 = s3;
    this.config = config;
    this.errors = errors;
    this.clock = clock;
  }

  /** The object as a HEAD describes it; empty when there is none. */
  Optional<ObjectInfo> stat(String key) {
    HeadObjectRequest.Builder request =
        HeadObjectRequest.builder().bucket(config.bucket()).key(key);
    config.expectedBucketOwner().ifPresent(request::expectedBucketOwner);
    HeadObjectResponse head;
    try {
      head = s3.headObject(request.build());
    } catch (SdkException e) {
      if (S3Errors.isMissingKey(e)) {
        return Optional.empty();
      }
      throw errors.translate(e, "HeadObject", key);
    }
    // A malformed recorded hash decides nothing here; reading the object reports it
    // (IntegrityException).
    Optional<ContentHash> hash =
        Optional.ofNullable(head.metadata().get(S3ObjectBackend.CONTENT_HASH_METADATA))
            .flatMap(ContentHash::parse);
    OptionalLong size =
        head.contentLength() == null ? OptionalLong.empty() : OptionalLong.of(head.contentLength());
    return Optional.of(new ObjectInfo(key, size, hash, Optional.ofNullable(head.eTag())));
  }

  /** A listed object: ListObjectsV2 gives size and ETag, not user metadata. */
  static ObjectInfo listed(S3Object object) {
    OptionalLong size =
        object.size() == null ? OptionalLong.empty() : OptionalLong.of(object.size());
    return new ObjectInfo(object.key(), size, Optional.empty(), Optional.ofNullable(object.eTag()));
  }

  /**
   * CopyObject from {@code from}'s bucket when both stores reach the same endpoint with the same
   * credentials; false otherwise, or when the endpoint does not implement CopyObject, or the source
   * changed since it was described (its ETag no longer matches). The metadata (content type,
   * content hash) is copied; this bucket's own encryption, storage class and Object Lock settings
   * apply to the copy.
   */
  boolean copyFrom(S3ObjectStats from, ObjectInfo source, String key) {
    if (copyUnsupported || !sameAccount(from.config)) {
      return false;
    }
    CopyObjectRequest.Builder request =
        CopyObjectRequest.builder()
            .sourceBucket(from.config.bucket())
            .sourceKey(source.key())
            .destinationBucket(config.bucket())
            .destinationKey(key)
            .metadataDirective(MetadataDirective.COPY);
    source.etag().ifPresent(etag -> request.copySourceIfMatch("\"" + etag + "\""));
    from.config.expectedBucketOwner().ifPresent(request::expectedSourceBucketOwner);
    config.expectedBucketOwner().ifPresent(request::expectedBucketOwner);
    if (config.checksumMode() == S3StoreConfig.ChecksumMode.WHEN_SUPPORTED) {
      // The checksum S3 computes and keeps for the copy: the one a put records (ADR 0028).
      request.checksumAlgorithm(ChecksumAlgorithm.CRC32_C);
    }
    config.serverSideEncryption().ifPresent(s -> request.serverSideEncryption(s.option()));
    config.sseKmsKeyId().ifPresent(request::ssekmsKeyId);
    config.storageClass().ifPresent(request::storageClass);
    config
        .objectLockMode()
        .ifPresent(
            mode -> {
              request.objectLockMode(mode.name());
              request.objectLockRetainUntilDate(
                  clock
                      .instant()
                      .plus(Duration.ofDays(config.objectLockRetainDays().orElseThrow())));
            });
    if (config.legalHold()) {
      request.objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON);
    }
    CopyObjectResponse response;
    try {
      response = s3.copyObject(request.build());
    } catch (SdkException e) {
      if (S3Errors.isStatus(e, 412) || S3Errors.isMissingKey(e)) {
        return false; // changed or gone since it was listed: the caller reads what is there now
      }
      if (S3Errors.isStatus(e, 501)) {
        copyUnsupported = true;
        return false;
      }
      throw errors.translate(e, "CopyObject (from bucket " + from.config.bucket() + ")", key);
    }
    checkCopied(source, key, response);
    return true;
  }

  /** A plain MD5 ETag of the copy must be the source's: the bytes arrived unchanged. */
  private void checkCopied(ObjectInfo source, String key, CopyObjectResponse response) {
    String copied = response.copyObjectResult() == null ? null : response.copyObjectResult().eTag();
    if (copied == null || source.etag().isEmpty()) {
      return;
    }
    ObjectInfo target =
        new ObjectInfo(key, OptionalLong.empty(), Optional.empty(), Optional.of(copied));
    if (target.compareTo(source) == ObjectInfo.Sameness.DIFFERENT) {
      throw new BackendException(
          "S3 CopyObject of "
              + source.key()
              + " to "
              + key
              + " in bucket "
              + config.bucket()
              + " at "
              + config.safeEndpoint()
              + " produced ETag "
              + target.etag().orElseThrow()
              + " where the source has "
              + source.etag().orElseThrow()
              + ": the copy differs; run copy again and verify the destination",
          errors.vconIdOf(key),
          config.describe(),
          true,
          null);
    }
  }

  /**
   * One endpoint, region and set of credentials: CopyObject reads the source with the destination's
   * identity.
   */
  private boolean sameAccount(S3StoreConfig other) {
    return Objects.equals(config.endpointUrl(), other.endpointUrl())
        && Objects.equals(config.region(), other.region())
        && Objects.equals(config.accessKeyId(), other.accessKeyId())
        && Objects.equals(config.secretAccessKey(), other.secretAccessKey())
        && Objects.equals(config.sessionToken(), other.sessionToken());
  }
}
