package io.vcon.storage.s3;

import io.vcon.storage.api.VconStore;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.engine.StoreLayout;
import io.vcon.storage.engine.ObjectVconStore;
import io.vcon.storage.engine.WriteOnceVconStore;
import io.vcon.storage.api.BackendException;
import io.vcon.storage.api.StoreOutcome;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconStorageException;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Creates S3-backed {@link VconStore}s with vcon-server's layout: {@code [s3_path/]YYYY/MM/DD/<uuid>.vcon} and
 * the pointer {@code [s3_path/]lookup/<uuid>.txt}. Each store owns one {@link S3Client}, reused for every call
 * and closed by {@link VconStore#close()}.
 */
public final class S3VconStore {

  private S3VconStore() {}

  /** A store over {@code config}'s bucket; vCons without {@code created_at} use the system UTC clock's date. */
  public static VconStore create(S3StoreConfig config) {
    return create(config, Clock.systemUTC());
  }

  /** A store over {@code config}'s bucket whose save times come from {@code clock}. */
  public static VconStore create(S3StoreConfig config, Clock clock) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    if (!config.overwrite() && !config.conditionalWrites()) {
      throw new io.vcon.storage.api.StorageConfigurationException(
          "overwrite: false needs conditional writes, but conditional_writes is false for " + config.describe()
              + "; a write-once archive needs a server that applies If-None-Match atomically (AWS S3 does).");
    }
    StoreLayout layout =
        StoreLayout.of(KeyStrategy.vconServer(config.s3Path().orElse(null)), config.missingCreatedAt(), clock);
    S3Client client = client(config);
    VconStore store =
        ObjectVconStore.create(
            config.describe(), new S3ObjectBackend(client, config, layout.keys(), clock), layout, config.contentHash());
    return config.overwrite() ? store : WriteOnceVconStore.of(store);
  }

  /**
   * Saves many vCons with at most {@code parallelism} in flight (the store's one client is shared; keep
   * {@code parallelism} at or below {@code max_connections}). One failure does not stop the others: the result
   * has one {@link StoreOutcome} per vCon, in the order given.
   *
   * @throws IllegalArgumentException when {@code parallelism} is outside 1..256 or an id appears twice (two
   *     concurrent saves of one id would race for its pointer)
   * @throws BackendException when interrupted; saves not yet started are cancelled
   */
  public static Map<VconId, StoreOutcome> putAll(VconStore store, Collection<Vcon> vcons, int parallelism) {
    Objects.requireNonNull(store, "store");
    if (parallelism < 1 || parallelism > 256) {
      throw new IllegalArgumentException("parallelism must be between 1 and 256, was " + parallelism);
    }
    Set<VconId> seen = new HashSet<>();
    for (Vcon v : vcons) {
      if (!seen.add(v.id())) {
        throw new IllegalArgumentException("vCon " + v.id() + " appears more than once; save each id once");
      }
    }
    if (vcons.isEmpty()) {
      return Map.of();
    }
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(parallelism, vcons.size()),
            r -> {
              Thread t = new Thread(r, "vcon-s3-put-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      Map<VconId, Future<StoreOutcome>> pending = new LinkedHashMap<>();
      for (Vcon v : vcons) {
        pending.put(v.id(), pool.submit(() -> putOne(store, v)));
      }
      Map<VconId, StoreOutcome> results = new LinkedHashMap<>();
      for (Map.Entry<VconId, Future<StoreOutcome>> e : pending.entrySet()) {
        results.put(e.getKey(), e.getValue().get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendException(
          "interrupted while saving " + vcons.size() + " vCons to " + store.name() + "; some may be saved",
          null, store.name(), true, e);
    } catch (ExecutionException e) {
      // putOne turns every storage error into an outcome: what is left is a bug, rethrown as is.
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static StoreOutcome putOne(VconStore store, Vcon vcon) {
    try {
      store.put(vcon);
      return StoreOutcome.success(store.name());
    } catch (VconStorageException e) {
      return StoreOutcome.failure(store.name(), e);
    }
  }

  /** The SDK client {@code config} describes; package-private so tests can check its settings. */
  static S3Client client(S3StoreConfig config) {
    Apache5HttpClient.Builder http = Apache5HttpClient.builder();
    config.maxConnections().ifPresent(http::maxConnections);
    config.connectTimeout().ifPresent(http::connectionTimeout);

    S3ClientBuilder builder =
        S3Client.builder()
            .httpClientBuilder(http)
            .region(region(config))
            .credentialsProvider(credentials(config))
            .forcePathStyle(config.forcePathStyle())
            // ADR 0006: whole-payload signing instead of aws-chunked over http; same integrity, less CPU.
            .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(config.chunkedEncoding()).build())
            .requestChecksumCalculation(
                config.checksumMode() == S3StoreConfig.ChecksumMode.WHEN_REQUIRED
                    ? RequestChecksumCalculation.WHEN_REQUIRED
                    : RequestChecksumCalculation.WHEN_SUPPORTED)
            .responseChecksumValidation(
                config.checksumMode() == S3StoreConfig.ChecksumMode.WHEN_REQUIRED
                    ? ResponseChecksumValidation.WHEN_REQUIRED
                    : ResponseChecksumValidation.WHEN_SUPPORTED);
    config.endpointUrl().ifPresent(builder::endpointOverride);
    if (config.maxRetries().isPresent() || config.apiTimeout().isPresent() || !config.interceptors().isEmpty()) {
      builder.overrideConfiguration(
          o -> {
            config.interceptors().forEach(o::addExecutionInterceptor);
            config.maxRetries().ifPresent(n -> o.retryStrategy(r -> r.maxAttempts(n + 1)));
            config.apiTimeout().ifPresent(o::apiCallTimeout);
            config.apiAttemptTimeout().ifPresent(o::apiCallAttemptTimeout);
          });
    }
    return builder.build();
  }

  private static AwsCredentialsProvider credentials(S3StoreConfig config) {
    if (config.accessKeyId().isEmpty()) {
      return DefaultCredentialsProvider.builder().build();
    }
    String id = config.accessKeyId().get();
    String secret = config.secretAccessKey().orElseThrow();
    return StaticCredentialsProvider.create(
        config.sessionToken()
            .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(t -> AwsSessionCredentials.create(id, secret, t))
            .orElseGet(() -> AwsBasicCredentials.create(id, secret)));
  }

  /**
   * {@code aws_region}; else, against AWS itself, the SDK's region chain (environment, profile, instance); else
   * {@code us-east-1}, where boto3 sends a client without a region too. S3-compatible endpoints rarely care.
   */
  static Region region(S3StoreConfig config) {
    if (config.region().isPresent()) {
      return Region.of(config.region().get());
    }
    if (config.endpointUrl().isEmpty()) {
      try {
        return new DefaultAwsRegionProviderChain().getRegion();
      } catch (SdkClientException e) {
        return Region.US_EAST_1;
      }
    }
    return Region.US_EAST_1;
  }
}
