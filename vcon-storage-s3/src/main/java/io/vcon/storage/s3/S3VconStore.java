package io.vcon.storage.s3;

import io.vcon.storage.api.BackendException;
import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.StoreOutcome;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconStorageException;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.engine.ObjectVconStore;
import io.vcon.storage.engine.StoreLayout;
import io.vcon.storage.engine.WriteOnceVconStore;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.S3ServiceClientConfiguration;

/**
 * Creates S3-backed {@link VconStore}s with vcon-server's layout: {@code [s3_path/]YYYY/MM/DD/<uuid>.vcon} and
 * the pointer {@code [s3_path/]lookup/<uuid>.txt}. A store either builds one {@link S3Client} from its
 * configuration, reuses it for every call and closes it in {@link VconStore#close()}, or uses a client the caller
 * gives it ({@link Builder#client}) and never closes that one.
 */
public final class S3VconStore {

  private S3VconStore() {}

  /** A store over {@code config}'s bucket; vCons without {@code created_at} use the system UTC clock's date. */
  public static VconStore create(S3StoreConfig config) {
    return builder(config).build();
  }

  /** A store over {@code config}'s bucket whose save times come from {@code clock}. */
  public static VconStore create(S3StoreConfig config, Clock clock) {
    return builder(config).clock(clock).build();
  }

  /**
   * A store over {@code config}'s bucket with more say over its SDK client: give it a client of
   * your own, or a credentials provider and override configuration (interceptors, retry strategy,
   * metric publishers) for the one it builds.
   */
  public static Builder builder(S3StoreConfig config) {
    return new Builder(config);
  }

  /** Builds an S3 store; see {@link S3VconStore#builder(S3StoreConfig)}. */
  public static final class Builder {
    private final S3StoreConfig config;
    private S3Client userClient;
    private AwsCredentialsProvider credentialsProvider;
    private Consumer<ClientOverrideConfiguration.Builder> overrideConfiguration;
    private Clock clock = Clock.systemUTC();

    private Builder(S3StoreConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * The client every call goes through, used as it is: its region, endpoint, credentials, HTTP
     * client, retries and interceptors are yours. The store never closes it; close it yourself
     * after the store.
     *
     * <p>The options that configure a client ({@code aws_region}, {@code endpoint_url}, the keys
     * and session token, {@code force_path_style}, {@code follow_region_redirects}, {@code
     * chunked_encoding}, {@code max_connections}, {@code max_retries} and the timeouts) cannot
     * apply to it: {@link #build()} refuses a configuration that sets any of them, rather than
     * ignore it. The options that shape requests (bucket, {@code s3_path}, encryption, storage
     * class, checksums, Object Lock, ...) apply as usual.
     */
    public Builder client(S3Client value) {
      userClient = Objects.requireNonNull(value, "client");
      return this;
    }

    /**
     * Credentials for the client the store builds, instead of the default chain; not with a
     * configuration that has keys, nor with {@link #client}.
     */
    public Builder credentialsProvider(AwsCredentialsProvider value) {
      credentialsProvider = Objects.requireNonNull(value, "credentialsProvider");
      return this;
    }

    /**
     * Adjusts the override configuration of the client the store builds: execution interceptors,
     * retry strategy, metric publishers, ... It runs after the options' own settings ({@code
     * max_retries}, {@code api_timeout}, {@code api_attempt_timeout}), so what it sets wins. Not
     * with {@link #client}.
     */
    public Builder overrideConfiguration(Consumer<ClientOverrideConfiguration.Builder> value) {
      overrideConfiguration = Objects.requireNonNull(value, "overrideConfiguration");
      return this;
    }

    /**
     * Where save times come from (vCons without {@code created_at}); the system UTC clock by
     * default.
     */
    public Builder clock(Clock value) {
      clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * The store.
     *
     * @throws StorageConfigurationException when the configuration cannot work, or asks for client
     *     settings while a client was given
     */
    public VconStore build() {
      if (!config.overwrite() && !config.conditionalWrites()) {
        throw new StorageConfigurationException(
            "overwrite: false needs conditional writes, but conditional_writes is false for "
                + config.describe()
                + "; a write-once archive needs a server that applies If-None-Match atomically (AWS"
                + " S3 does).");
      }
      if (credentialsProvider != null && config.accessKeyId().isPresent()) {
        throw new StorageConfigurationException(
            "aws_access_key_id: set together with a credentials provider for "
                + config.describe()
                + "; remove aws_access_key_id and aws_secret_access_key, or give no provider");
      }
      StoreLayout layout =
          StoreLayout.of(
                  KeyStrategy.vconServer(config.s3Path().orElse(null)),
                  config.missingCreatedAt(),
                  clock)
              .withIdPolicy(config.idPolicy());
      S3ObjectBackend backend;
      if (userClient == null) {
        S3Client client = S3VconStore.client(config, credentialsProvider, overrideConfiguration);
        backend = new S3ObjectBackend(client, config, layout.keys(), clock);
      } else {
        S3StoreConfig seen = describedBy(userClient);
        backend = S3ObjectBackend.borrowing(userClient, seen, layout.keys(), clock);
      }
      VconStore store =
          ObjectVconStore.create(backend.describe(), backend, layout, config.contentHash());
      return config.overwrite() ? store : WriteOnceVconStore.of(store);
    }

    /**
     * The configuration as the given client makes it: its region and endpoint, so that messages and
     * doctor name where requests really go. Refuses client options it would otherwise silently
     * ignore.
     */
    private S3StoreConfig describedBy(S3Client client) {
      List<String> ignored = config.clientOptions();
      if (credentialsProvider != null || overrideConfiguration != null) {
        throw new StorageConfigurationException(
            "a client was given for "
                + config.describe()
                + " together with "
                + (credentialsProvider != null
                    ? "a credentials provider"
                    : "an override configuration")
                + ", which apply only to a client the store builds; configure your client instead");
      }
      if (!ignored.isEmpty()) {
        throw new StorageConfigurationException(
            String.join(", ", ignored)
                + ": set for "
                + config.describe()
                + ", but a client was given, and these options configure a client; set them on your"
                + " S3Client and remove them from the store's options, or give no client");
      }
      S3ServiceClientConfiguration seen = client.serviceClientConfiguration();
      S3StoreConfig.Builder b = config.toBuilder();
      if (seen.region() != null) {
        b.region(seen.region().id());
      }
      seen.endpointOverride().ifPresent(b::endpointUrl);
      return b.build();
    }
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
  public static Map<VconId, StoreOutcome> putAll(
      VconStore store, Collection<Vcon> vcons, int parallelism) {
    Objects.requireNonNull(store, "store");
    if (parallelism < 1 || parallelism > 256) {
      throw new IllegalArgumentException(
          "parallelism must be between 1 and 256, was " + parallelism);
    }
    Set<VconId> seen = new HashSet<>();
    for (Vcon v : vcons) {
      if (!seen.add(v.id())) {
        throw new IllegalArgumentException(
            "vCon " + v.id() + " appears more than once; save each id once");
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
          "interrupted while saving "
              + vcons.size()
              + " vCons to "
              + store.name()
              + "; some may be saved",
          null,
          store.name(),
          true,
          e);
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
    return client(config, null, null);
  }

  /**
   * The SDK client {@code config} describes, with {@code credentialsProvider} instead of the
   * default chain and {@code overrides} applied after the options' own (both may be null).
   */
  private static S3Client client(
      S3StoreConfig config,
      AwsCredentialsProvider credentialsProvider,
      Consumer<ClientOverrideConfiguration.Builder> overrides) {
    Apache5HttpClient.Builder http = Apache5HttpClient.builder();
    config.maxConnections().ifPresent(http::maxConnections);
    config.connectTimeout().ifPresent(http::connectionTimeout);

    S3ClientBuilder builder =
        S3Client.builder()
            .httpClientBuilder(http)
            .region(region(config))
            .credentialsProvider(
                credentialsProvider != null ? credentialsProvider : credentials(config))
            .forcePathStyle(config.forcePathStyle())
            // ADR 0025: follow S3's redirect to the bucket's region, as boto3 does (also with
            // endpoint_url).
            .crossRegionAccessEnabled(config.followRegionRedirects())
            // ADR 0006: whole-payload signing instead of aws-chunked over http; same integrity,
            // less CPU.
            .serviceConfiguration(
                S3Configuration.builder().chunkedEncodingEnabled(config.chunkedEncoding()).build())
            .requestChecksumCalculation(
                config.checksumMode() == S3StoreConfig.ChecksumMode.WHEN_REQUIRED
                    ? RequestChecksumCalculation.WHEN_REQUIRED
                    : RequestChecksumCalculation.WHEN_SUPPORTED)
            .responseChecksumValidation(
                config.checksumMode() == S3StoreConfig.ChecksumMode.WHEN_REQUIRED
                    ? ResponseChecksumValidation.WHEN_REQUIRED
                    : ResponseChecksumValidation.WHEN_SUPPORTED);
    config.endpointUrl().ifPresent(builder::endpointOverride);
    // One consumer: each overrideConfiguration(...) call replaces the whole override configuration.
    builder.overrideConfiguration(
        o -> {
          config.interceptors().forEach(o::addExecutionInterceptor);
          config.maxRetries().ifPresent(n -> o.retryStrategy(r -> r.maxAttempts(n + 1)));
          config.apiTimeout().ifPresent(o::apiCallTimeout);
          config.apiAttemptTimeout().ifPresent(o::apiCallAttemptTimeout);
          if (overrides != null) {
            overrides.accept(o);
          }
        });
    return builder.build();
  }

  private static AwsCredentialsProvider credentials(S3StoreConfig config) {
    if (config.accessKeyId().isEmpty()) {
      return DefaultCredentialsProvider.builder().build();
    }
    String id = config.accessKeyId().get();
    String secret = config.secretAccessKey().orElseThrow();
    return StaticCredentialsProvider.create(
        config
            .sessionToken()
            .<AwsCredentials>map(t -> AwsSessionCredentials.create(id, secret, t))
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
