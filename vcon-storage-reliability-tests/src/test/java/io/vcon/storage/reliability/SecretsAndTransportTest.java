package io.vcon.storage.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.vcon.storage.api.BackendException;
import io.vcon.storage.api.Storage;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconSource;
import io.vcon.storage.api.VconStorageException;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.config.ConfigLoader;
import io.vcon.storage.config.ModuleDefinition;
import io.vcon.storage.config.VconStorageConfig;
import io.vcon.storage.redis.RedisSourceConfig;
import io.vcon.storage.redis.RedisVconSource;
import io.vcon.storage.s3.S3StoreConfig;
import io.vcon.storage.s3.S3VconStore;
import io.vcon.storage.s3.S3VconStoreProvider;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.tck.SampleVcons;
import io.vcon.storage.testsupport.EmbeddedRedis;
import io.vcon.storage.testsupport.LoopbackPorts;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * No secret (secret key, session token, password, credentialed URL) reaches a log line, an exception message
 * (causes and suppressed included) or a {@code toString()}, across the failure paths; and transport is HTTPS
 * unless an explicit {@code endpoint_url} says otherwise.
 */
class SecretsAndTransportTest {

  static final String WRONG_SECRET = "wr0ng-S3cret-Leak-c0ffee";
  static final String SESSION_TOKEN = "FwoGZXIvYXdzSessionToken-Leak-5ee";
  static final String REDIS_PASSWORD = "r3dis-Pa55-Leak-beef";
  static final String WRONG_REDIS_PASSWORD = "wr0ng-r3dis-Leak-d00d";
  static final String URL_PASSWORD = "url-Pa55-Leak-f00d";
  static final List<String> SECRETS =
      List.of(
          S3Server.SECRET_KEY,
          WRONG_SECRET,
          SESSION_TOKEN,
          REDIS_PASSWORD,
          WRONG_REDIS_PASSWORD,
          URL_PASSWORD);

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private Logger root;
  private Level rootLevel;
  private Logger ours;
  private final List<String> texts = new ArrayList<>();

  @BeforeEach
  void captureLogs() {
    root =
        ((LoggerContext) LoggerFactory.getILoggerFactory())
            .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    rootLevel = root.getLevel();
    // INFO everywhere, DEBUG for our own code. The SDK's signer logs canonical requests at DEBUG,
    // session-token
    // header included: that is the SDK's, and docs/reliability.md says to keep
    // software.amazon.awssdk above DEBUG.
    root.setLevel(Level.INFO);
    ours = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("io.vcon");
    ours.setLevel(Level.DEBUG);
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void assertNothingLeaked() {
    root.detachAppender(logs);
    root.setLevel(rootLevel);
    ours.setLevel(null);
    for (ILoggingEvent event : logs.list) {
      texts.add(event.getFormattedMessage());
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        texts.add(t.getMessage());
      }
    }
    assertThat(texts).as("texts checked").isNotEmpty();
    for (String text : texts) {
      for (String secret : SECRETS) {
        assertThat(String.valueOf(text))
            .as("a message, log line or toString")
            .doesNotContain(secret);
      }
    }
  }

  /** The message of {@code t}, of every cause and of everything suppressed along the way, and its toString. */
  private void collect(Throwable t) {
    assertThat(t).as("a failure").isNotNull();
    if (t == null) {
      return;
    }
    texts.add(t.toString());
    texts.add(t.getMessage());
    if (t instanceof VconStorageException e) {
      e.store().ifPresent(texts::add);
    }
    for (Throwable s : t.getSuppressed()) {
      collect(s);
    }
    if (t.getCause() != null && t.getCause() != t) {
      collect(t.getCause());
    }
  }

  private static Vcon vcon() {
    return SampleVcons.vcon("2024-01-15T10:00:00Z");
  }

  @Test
  @DisplayName(
      "S3 with a wrong secret key and a session token: the errors name the problem, not the"
          + " secrets")
  void s3BadCredentials() {
    S3Server s3 = S3Server.shared();
    S3StoreConfig config =
        s3.config(s3.port(), "secrets")
            .credentials(S3Server.ACCESS_KEY, WRONG_SECRET)
            .maxRetries(0)
            .build();
    texts.add(config.toString());
    try (VconStore store = S3VconStore.create(config)) {
      texts.add(store.name());
      texts.add(store.toString());
      Throwable put = catchThrowable(() -> store.put(vcon()));
      assertThat(put)
          .isInstanceOf(BackendException.class)
          .hasMessageContaining("credentials were rejected");
      collect(put);
      collect(catchThrowable(() -> store.get(VconId.of(SampleVcons.newId()))));
      collect(catchThrowable(() -> store.delete(VconId.of(SampleVcons.newId()))));
      try (Storage storage = Storage.builder().store(store).build()) {
        texts.add(storage.save(vcon()).toString()); // logs the failure at WARN
        texts.add(storage.toString());
      }
    }
    // S3Proxy answers a session token with 501 NotImplemented: another failure path, same rule.
    S3StoreConfig withToken = config.toBuilder().sessionToken(SESSION_TOKEN).build();
    texts.add(withToken.toString());
    try (VconStore store = S3VconStore.create(withToken)) {
      collect(catchThrowable(() -> store.put(vcon())));
    }
  }

  @Test
  @DisplayName("S3 at an unreachable endpoint whose URL carries credentials: masked everywhere")
  void s3UnreachableCredentialedUrl() {
    int closedPort = LoopbackPorts.free();
    S3StoreConfig config =
        S3StoreConfig.builder()
            .bucket("vcons")
            .endpointUrl(URI.create("http://admin:" + URL_PASSWORD + "@127.0.0.1:" + closedPort))
            .credentials("AKIAEXAMPLE", WRONG_SECRET)
            .maxRetries(0)
            .connectTimeout(Duration.ofSeconds(1))
            .build();
    texts.add(config.toString());
    try (VconStore store = S3VconStore.create(config)) {
      texts.add(store.name());
      Throwable put = catchThrowable(() -> store.put(vcon()));
      assertThat(put)
          .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.retryable()).isTrue());
      collect(put);
    }
  }

  @Test
  @DisplayName("Redis with a wrong password, and unreachable: the errors never show a password")
  void redisWrongPasswordAndUnreachable() {
    EmbeddedRedis redis = EmbeddedRedis.startWithPassword(REDIS_PASSWORD);
    try {
      RedisSourceConfig wrong =
          RedisSourceConfig.builder()
              .url("redis://:" + WRONG_REDIS_PASSWORD + "@127.0.0.1:" + redis.port())
              .maxRetries(0)
              .timeout(Duration.ofSeconds(1))
              .build();
      texts.add(wrong.toString());
      texts.add(wrong.displayUrl());
      try (VconSource source = RedisVconSource.create(wrong)) {
        texts.add(source.name());
        collect(catchThrowable(() -> source.read(VconId.of(SampleVcons.newId()))));
      } catch (VconStorageException e) {
        collect(e); // refused when connecting, if the pool connects eagerly
      }
      RedisSourceConfig gone =
          RedisSourceConfig.builder()
              .url("redis://user:" + REDIS_PASSWORD + "@127.0.0.1:" + LoopbackPorts.free())
              .maxRetries(1)
              .retryBackoff(Duration.ofMillis(10))
              .timeout(Duration.ofSeconds(1))
              .build();
      texts.add(gone.toString());
      try (VconSource source = RedisVconSource.create(gone)) {
        Throwable read = catchThrowable(() -> source.read(VconId.of(SampleVcons.newId())));
        assertThat(read)
            .isInstanceOfSatisfying(
                BackendException.class, e -> assertThat(e.retryable()).isTrue());
        collect(read);
      } catch (VconStorageException e) {
        collect(e);
      }
    } finally {
      redis.stop();
    }
  }

  @Test
  @DisplayName(
      "config objects mask secrets at every depth: ProviderOptions, ModuleDefinition,"
          + " VconStorageConfig")
  void configToStrings() {
    String yaml =
        "source: { module: redis, options: { url: \"redis://:"
            + REDIS_PASSWORD
            + "@localhost:6379\" } }\n"
            + "storages:\n"
            + "  s3: { module: storage.s3, options: { aws_bucket: vcons, aws_access_key_id:"
            + " AKIAEXAMPLE, aws_secret_access_key: "
            + WRONG_SECRET
            + ", aws_session_token: "
            + SESSION_TOKEN
            + ", endpoint_url: \"https://u:"
            + URL_PASSWORD
            + "@minio.example:9000\","
            + " nested: { deeper: [ { password: "
            + REDIS_PASSWORD
            + " } ] } } }\n";
    VconStorageConfig config =
        ConfigLoader.builder().environment(Map.<String, String>of()::get).build().parse(yaml);
    texts.add(config.toString());
    for (ModuleDefinition d : config.storages().values()) {
      texts.add(d.toString());
      texts.add(d.providerOptions().toString());
    }
    config.source().ifPresent(d -> texts.add(d.toString()));
    // The unknown nested option is refused, and the refusal names it without its value.
    collect(catchThrowable(() -> config.createStore("s3")));
    Map<String, Object> options =
        new HashMap<>(
            Map.of(
                "aws_bucket",
                "vcons",
                "aws_secret_access_key",
                WRONG_SECRET,
                "aws_access_key_id",
                "AKIAEXAMPLE",
                "aws_session_token",
                SESSION_TOKEN,
                "endpoint_url",
                "http://u:" + URL_PASSWORD + "@127.0.0.1:9"));
    texts.add(ProviderOptions.of(options).toString());
    texts.add(new S3VconStoreProvider().create(ProviderOptions.of(options)).name());
    assertThat(config.toString()).contains("****");
  }

  @Test
  @DisplayName(
      "without endpoint_url the S3 client speaks HTTPS to AWS; an explicit http:// endpoint_url is"
          + " honoured")
  void httpsUnlessEndpointSaysOtherwise() {
    SdkRecorder.start(true); // stops each request before it leaves the machine
    List<SdkRecorder.Call> calls;
    try (VconStore aws =
        S3VconStore.create(
            S3StoreConfig.builder()
                .bucket("vcons-prod")
                .region("eu-west-1")
                .credentials("AKIAEXAMPLE", WRONG_SECRET)
                .maxRetries(0)
                .build())) {
      collect(catchThrowable(() -> aws.get(VconId.of(SampleVcons.newId()))));
    } finally {
      calls = SdkRecorder.stop();
    }
    assertThat(calls)
        .isNotEmpty()
        .allSatisfy(
            c -> {
              assertThat(c.uri().getScheme()).isEqualTo("https");
              assertThat(c.uri().getHost()).endsWith(".amazonaws.com");
            });

    S3Server s3 = S3Server.shared();
    SdkRecorder.start(false);
    try (VconStore local = S3VconStore.create(s3.config(s3.port(), "https-check").build())) {
      local.get(VconId.of(SampleVcons.newId()));
    } finally {
      calls = SdkRecorder.stop();
    }
    assertThat(calls)
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.uri().getScheme()).isEqualTo("http"));
    texts.add("https checked");
  }

  @Test
  @DisplayName(
      "rediss:// selects TLS (handshake and host-name verification: RedisTlsTest in"
          + " vcon-storage-redis-source)")
  void redissMeansTls() {
    RedisSourceConfig tls =
        RedisSourceConfig.builder()
            .url("rediss://:" + REDIS_PASSWORD + "@redis.example:6380/2")
            .build();
    assertThat(tls.tls()).isTrue();
    assertThat(RedisSourceConfig.builder().url("redis://redis.example").build().tls()).isFalse();
    texts.add(tls.toString());
    texts.add(tls.displayUrl());
  }
}
