package io.vcon.storage.s3;

import io.vcon.storage.api.BackendException;
import io.vcon.storage.api.Capability;
import io.vcon.storage.api.ContentHash;
import io.vcon.storage.api.ObjectInfo;
import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.StoredObject;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.engine.Crc32c;
import io.vcon.storage.engine.ObjectBackend;
import io.vcon.storage.spi.Diagnosable;
import io.vcon.storage.spi.DiagnosticOptions;
import io.vcon.storage.spi.DiagnosticResult;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One bucket as an {@link ObjectBackend}: GetObject, PutObject (conditional with {@code If-None-Match: *}),
 * HeadObject, DeleteObject, DeleteObjects and ListObjectsV2, through one reused {@link S3Client}.
 */
final class S3ObjectBackend implements ObjectBackend, Diagnosable {

  static final String VCON_CONTENT_TYPE = "application/vcon+json";
  static final String POINTER_CONTENT_TYPE = "text/plain";

  /**
   * User metadata with the CRC32C of what we wrote without a content hash (pointers, {@code content_hash: off}),
   * checked by the store on every read: objects without it (written by vcon-server) are read unchecked. The body
   * itself is never changed. Objects with a content hash carry that instead.
   */
  static final String CRC_METADATA = "vcon-crc32c";

  /** User metadata {@code x-amz-meta-content-hash}: the SHA-512 {@link ContentHash} of the object's bytes. */
  static final String CONTENT_HASH_METADATA = "content-hash";

  /** DeleteObjects takes at most 1000 keys per request; ListObjectsV2 returns at most 1000 per page. */
  static final int MAX_BATCH = 1000;

  private static final Set<Capability> CAPABILITIES =
      Set.of(
          Capability.LIST_BY_DATE,
          Capability.RAW_OBJECTS,
          Capability.CONDITIONAL_WRITE,
          Capability.BATCH_DELETE,
          Capability.CONTENT_HASH);
  private static final Set<Capability> WITHOUT_CONDITIONAL_WRITES =
      Set.of(
          Capability.LIST_BY_DATE,
          Capability.RAW_OBJECTS,
          Capability.BATCH_DELETE,
          Capability.CONTENT_HASH);

  private final S3Client s3;
  private final boolean ownsClient;
  private final S3StoreConfig config;
  private final S3Errors errors;
  private final KeyStrategy keys;
  private final String description;
  private final int deleteBatch;
  private final int pageSize;
  private volatile boolean conditionalWritesChecked;
  private final Clock clock;
  private final S3ObjectStats stats;

  S3ObjectBackend(S3Client s3, S3StoreConfig config, KeyStrategy keys) {
    this(s3, config, keys, MAX_BATCH, MAX_BATCH);
  }

  /** With {@code clock} for Object Lock retain-until dates. */
  S3ObjectBackend(S3Client s3, S3StoreConfig config, KeyStrategy keys, Clock clock) {
    this(s3, true, config, keys, MAX_BATCH, MAX_BATCH, clock);
  }

  /** With smaller batches and pages, so tests cover several of each without writing thousands of keys. */
  S3ObjectBackend(
      S3Client s3, S3StoreConfig config, KeyStrategy keys, int deleteBatch, int pageSize) {
    this(s3, true, config, keys, deleteBatch, pageSize, Clock.systemUTC());
  }

  /**
   * Over a client someone else made and closes: {@link #close()} leaves it open, and doctor does not build a
   * second client from the options to tell checksum problems apart.
   */
  static S3ObjectBackend borrowing(
      S3Client s3, S3StoreConfig config, KeyStrategy keys, Clock clock) {
    return new S3ObjectBackend(s3, false, config, keys, MAX_BATCH, MAX_BATCH, clock);
  }

  private S3ObjectBackend(
      S3Client s3,
      boolean ownsClient,
      S3StoreConfig config,
      KeyStrategy keys,
      int deleteBatch,
      int pageSize,
      Clock clock) {
    this.ownsClient = ownsClient;
    this.clock = clock;
    this.deleteBatch = deleteBatch;
    this.pageSize = pageSize;
    this.s3 = s3;
    this.config = config;
    this.description = config.describe();
    this.errors = new S3Errors(config, keys, description);
    this.keys = keys;
    this.stats = new S3ObjectStats(s3, config, errors, clock);
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public Optional<byte[]> read(String key) {
    return readStored(key).map(StoredObject::body);
  }

  /**
   * The body with what was recorded beside it: the content hash, or (objects written without one) the CRC32C.
   * Nothing is checked here; {@link io.vcon.storage.engine.ObjectVconStore} compares and reads again, for every
   * backend alike.
   */
  @Override
  public Optional<StoredObject> readStored(String key) {
    GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(config.bucket()).key(key);
    config.expectedBucketOwner().ifPresent(request::expectedBucketOwner);
    SizedBodyTransformer.Body response;
    try {
      // One array of Content-Length bytes; getObjectAsBytes would allocate about three times the
      // object.
      response = s3.getObject(request.build(), SizedBodyTransformer.INSTANCE);
    } catch (SdkException e) {
      if (S3Errors.isMissingKey(e) || S3Errors.isUnaddressable(e, key)) {
        return Optional.empty();
      }
      throw errors.translate(e, "GetObject", key);
    }
    Map<String, String> metadata = response.response().metadata();
    String hash = metadata.get(CONTENT_HASH_METADATA);
    String crc = metadata.get(CRC_METADATA);
    return Optional.of(
        new StoredObject(
            response.bytes(),
            Optional.ofNullable(hash).map(ContentHash::recorded),
            crc == null ? OptionalLong.empty() : OptionalLong.of(Crc32c.parseHex(crc))));
  }

  @Override
  public void write(String key, ByteBuffer body, ObjectKind kind) {
    put(key, body, kind, null);
  }

  @Override
  public void write(String key, ByteBuffer body, ObjectKind kind, ContentHash hash) {
    put(key, body, kind, hash);
  }

  private void put(String key, ByteBuffer body, ObjectKind kind, ContentHash hash) {
    try {
      s3.putObject(putRequest(key, body, kind, hash).build(), requestBody(body, kind));
    } catch (SdkException e) {
      throw errors.translate(e, "PutObject", key);
    }
  }

  @Override
  public boolean writeIfAbsent(String key, ByteBuffer body, ObjectKind kind) {
    return writeIfAbsent(key, body, kind, null);
  }

  @Override
  public boolean writeIfAbsent(String key, ByteBuffer body, ObjectKind kind, ContentHash hash) {
    if (!config.overwrite() && !conditionalWritesChecked) {
      checkConditionalWrites();
    }
    return conditionalPut(key, body, kind, hash);
  }

  /**
   * Write-once mode rests on {@code If-None-Match: *}; a server that ignores the header would overwrite silently.
   * Once per store, before the first conditional write: put a probe key twice and expect the second to be
   * refused, then remove it.
   */
  private synchronized void checkConditionalWrites() {
    if (conditionalWritesChecked) {
      return;
    }
    String probe = keys.root() + ".vcon-storage-probe-" + UUID.randomUUID() + ".txt";
    ByteBuffer empty = ByteBuffer.allocate(0).asReadOnlyBuffer();
    try {
      conditionalPut(probe, empty, ObjectKind.POINTER, null);
      if (conditionalPut(probe, empty, ObjectKind.POINTER, null)) {
        throw new StorageConfigurationException(
            "overwrite: false needs conditional writes, but "
                + config.safeEndpoint()
                + " ignored If-None-Match: *"
                + " (a second PUT of "
                + probe
                + " in bucket "
                + config.bucket()
                + " was accepted), so a save could silently replace a stored vCon; use a server"
                + " that honours conditional writes or set overwrite: true");
      }
    } finally {
      delete(probe);
    }
    conditionalWritesChecked = true;
  }

  private boolean conditionalPut(String key, ByteBuffer body, ObjectKind kind, ContentHash hash) {
    try {
      s3.putObject(
          putRequest(key, body, kind, hash).ifNoneMatch("*").build(), requestBody(body, kind));
      return true;
    } catch (SdkException e) {
      if (S3Errors.isStatus(e, 412)) {
        return false;
      }
      if (S3Errors.isStatus(e, 409)) {
        // S3 answers 409 ConditionalRequestConflict while another conditional write to the key is
        // in flight:
        // which one wins is not known yet, so neither true nor false would be honest.
        BackendException translated = errors.translate(e, "PutObject (If-None-Match)", key);
        throw new BackendException(
            translated.getMessage()
                + "; a concurrent conditional write to the same key was in progress, retry",
            translated.vconId().orElse(null),
            description,
            true,
            translated.getCause());
      }
      throw errors.translate(e, "PutObject (If-None-Match)", key);
    }
  }

  private PutObjectRequest.Builder putRequest(
      String key, ByteBuffer body, ObjectKind kind, ContentHash hash) {
    PutObjectRequest.Builder request =
        PutObjectRequest.builder()
            .bucket(config.bucket())
            .key(key)
            .contentType(contentType(kind))
            .contentLength((long) body.remaining())
            .metadata(
                hash != null
                    ? Map.of(CONTENT_HASH_METADATA, hash.value())
                    : Map.of(CRC_METADATA, Crc32c.hex(Crc32c.of(body))));
    if (config.checksumMode() == S3StoreConfig.ChecksumMode.WHEN_SUPPORTED) {
      // S3 recomputes it and refuses an upload altered on the way (x-amz-checksum-crc32c): a CRC is
      // enough against
      // transit errors and costs ~0.1 ms per MB where SHA-256 cost 0.75; the signed SHA-512 content
      // hash in the
      // same request carries tamper evidence (ADR 0028).
      request.checksumAlgorithm(ChecksumAlgorithm.CRC32_C);
    }
    config.serverSideEncryption().ifPresent(s -> request.serverSideEncryption(s.option()));
    config.sseKmsKeyId().ifPresent(request::ssekmsKeyId);
    config.storageClass().ifPresent(request::storageClass);
    config.expectedBucketOwner().ifPresent(request::expectedBucketOwner);
    // Object Lock on both PUTs of a save: the pointer is retained too, so a retained vCon stays
    // findable.
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
    return request;
  }

  private static RequestBody requestBody(ByteBuffer body, ObjectKind kind) {
    return RequestBody.fromContentProvider(
        new ByteBufferContentProvider(body), body.remaining(), contentType(kind));
  }

  private static String contentType(ObjectKind kind) {
    return kind == ObjectKind.POINTER ? POINTER_CONTENT_TYPE : VCON_CONTENT_TYPE;
  }

  @Override
  public boolean exists(String key) {
    if (key.contains("//")) {
      // A HEAD error has no code to tell "cannot address this key" from "forbidden"; a GET's has
      // (legacy twins only).
      return read(key).isPresent();
    }
    HeadObjectRequest.Builder request =
        HeadObjectRequest.builder().bucket(config.bucket()).key(key);
    config.expectedBucketOwner().ifPresent(request::expectedBucketOwner);
    try {
      s3.headObject(request.build());
      return true;
    } catch (SdkException e) {
      if (S3Errors.isMissingKey(e)) {
        return false;
      }
      throw errors.translate(e, "HeadObject", key);
    }
  }

  @Override
  public void delete(String key) {
    if (config.objectLock()) {
      // On a versioned (Object Lock) bucket a plain DELETE "succeeds" with a delete marker that
      // hides the retained
      // vCon: refuse instead, saying until when it is kept.
      refuseIfRetained(key);
    }
    try {
      s3.deleteObject(
          b -> {
            b.bucket(config.bucket()).key(key);
            config.expectedBucketOwner().ifPresent(b::expectedBucketOwner);
          });
    } catch (SdkException e) {
      if (S3Errors.isMissingKey(e)) {
        return;
      }
      if (S3Errors.isObjectLockDenial(e)) {
        throw retained(key, Optional.empty(), null, "S3 refused: " + errors.scrub(e.getMessage()));
      }
      throw errors.translate(e, "DeleteObject", key);
    }
  }

  /** Throws when {@code key} is under retention (until a future date) or legal hold; a missing key passes. */
  private void refuseIfRetained(String key) {
    HeadObjectResponse head;
    try {
      HeadObjectRequest.Builder request =
          HeadObjectRequest.builder().bucket(config.bucket()).key(key);
      config.expectedBucketOwner().ifPresent(request::expectedBucketOwner);
      head = s3.headObject(request.build());
    } catch (SdkException e) {
      if (S3Errors.isMissingKey(e)) {
        return;
      }
      throw errors.translate(e, "HeadObject (retention check before delete)", key);
    }
    Instant until = head.objectLockRetainUntilDate();
    boolean hold = head.objectLockLegalHoldStatus() == ObjectLockLegalHoldStatus.ON;
    if (hold || (until != null && until.isAfter(clock.instant()))) {
      throw retained(
          key,
          Optional.ofNullable(until).filter(u -> u.isAfter(clock.instant())),
          head.objectLockModeAsString(),
          hold ? "it is under legal hold" : null);
    }
  }

  private BackendException retained(
      String key, Optional<Instant> until, String mode, String detail) {
    StringBuilder m =
        new StringBuilder("S3 DeleteObject of ")
            .append(key)
            .append(" in bucket ")
            .append(config.bucket())
            .append(" at ")
            .append(config.safeEndpoint())
            .append(" refused: the object is protected by S3 Object Lock");
    until.ifPresent(u -> m.append(", retained until ").append(u));
    if (mode != null) {
      m.append(" (mode ").append(mode).append(')');
    }
    if (detail != null) {
      m.append("; ").append(detail);
    }
    m.append(
        "; nothing was deleted. Retention and legal hold block deletes by design"
            + " (docs/compliance.md)");
    return new BackendException(m.toString(), errors.vconIdOf(key), description, false, null);
  }

  @Override
  public void deleteAll(Collection<String> keys) {
    if (config.objectLock()) {
      keys.forEach(this::delete); // each one checked for retention, as delete does
      return;
    }
    List<String> all = new ArrayList<>(keys);
    for (int from = 0; from < all.size(); from += deleteBatch) {
      List<ObjectIdentifier> batch =
          all.subList(from, Math.min(all.size(), from + deleteBatch)).stream()
              .map(k -> ObjectIdentifier.builder().key(k).build())
              .toList();
      DeleteObjectsResponse response;
      try {
        response =
            s3.deleteObjects(
                b -> {
                  b.bucket(config.bucket())
                      .delete(Delete.builder().objects(batch).quiet(true).build());
                  config.expectedBucketOwner().ifPresent(b::expectedBucketOwner);
                });
      } catch (SdkException e) {
        throw errors.translate(e, "DeleteObjects", batch.size() == 1 ? batch.get(0).key() : null);
      }
      List<S3Error> failed =
          response.errors().stream().filter(err -> !"NoSuchKey".equals(err.code())).toList();
      if (!failed.isEmpty()) {
        String detail =
            failed.stream()
                .limit(5)
                .map(
                    err -> err.key() + " (" + err.code() + ": " + errors.scrub(err.message()) + ")")
                .collect(Collectors.joining(", "));
        boolean retryable =
            failed.stream()
                .allMatch(
                    err -> "SlowDown".equals(err.code()) || "InternalError".equals(err.code()));
        throw new BackendException(
            "S3 DeleteObjects in bucket "
                + config.bucket()
                + " at "
                + config.safeEndpoint()
                + " failed for "
                + failed.size()
                + " of "
                + batch.size()
                + " keys: "
                + detail
                + (failed.size() > 5 ? ", ..." : "")
                + "; the other keys were deleted",
            null,
            description,
            retryable,
            null);
      }
    }
  }

  @Override
  public Stream<String> list(String keyPrefix) {
    return listObjects(keyPrefix).map(S3Object::key);
  }

  @Override
  public Stream<ObjectInfo> listInfo(String keyPrefix) {
    return listObjects(keyPrefix).map(S3ObjectStats::listed);
  }

  @Override
  public Optional<ObjectInfo> stat(String key) {
    if (key.contains("//")) {
      // As exists: only a GET tells "cannot address this key" from "forbidden".
      return readStored(key).map(stored -> ObjectInfo.of(key, stored));
    }
    return stats.stat(key);
  }

  @Override
  public boolean copyFrom(ObjectBackend from, ObjectInfo source, String key) {
    return from instanceof S3ObjectBackend other && stats.copyFrom(other.stats, source, key);
  }

  private Stream<S3Object> listObjects(String keyPrefix) {
    ListObjectsV2Request.Builder request =
        ListObjectsV2Request.builder().bucket(config.bucket()).prefix(keyPrefix).maxKeys(pageSize);
    config.expectedBucketOwner().ifPresent(request::expectedBucketOwner);
    // Pages are fetched as the stream is consumed; SDK failures surface as our exceptions
    // mid-stream too.
    Iterator<S3Object> pages;
    try {
      pages = s3.listObjectsV2Paginator(request.build()).contents().iterator();
    } catch (SdkException e) {
      throw errors.translate(e, "ListObjectsV2", keyPrefix.isEmpty() ? null : keyPrefix);
    }
    Iterator<S3Object> objects =
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            try {
              return pages.hasNext();
            } catch (SdkException e) {
              throw errors.translate(e, "ListObjectsV2 (prefix '" + keyPrefix + "')", null);
            }
          }

          @Override
          public S3Object next() {
            try {
              return pages.next();
            } catch (SdkException e) {
              throw errors.translate(e, "ListObjectsV2 (prefix '" + keyPrefix + "')", null);
            }
          }
        };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(objects, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  @Override
  public Set<Capability> capabilities() {
    return config.conditionalWrites() ? CAPABILITIES : WITHOUT_CONDITIONAL_WRITES;
  }

  /** The bucket's setup as {@code vcon-storage doctor} reports it (see {@link S3Diagnostics}). */
  @Override
  public List<DiagnosticResult> diagnose(DiagnosticOptions options) {
    return new S3Diagnostics(s3, config, keys, this).run(options);
  }

  /** Whether this backend made its client (and closes it), or was lent one by the caller. */
  boolean ownsClient() {
    return ownsClient;
  }

  @Override
  public void close() {
    if (ownsClient) {
      s3.close();
    }
  }
}
