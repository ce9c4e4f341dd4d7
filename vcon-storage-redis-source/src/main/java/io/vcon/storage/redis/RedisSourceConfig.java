package io.vcon.storage.redis;

import io.vcon.storage.api.IdPolicy;
import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.VconParser;
import io.vcon.storage.spi.ProviderOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach the Redis that vcon-server keeps its vCons in, and how its keys are named.
 *
 * <p>The URL takes the forms vcon-server's {@code REDIS_URL} takes: {@code redis://host:6379},
 * {@code redis://:password@host:6379/2}, {@code redis://user:password@host}, {@code rediss://...} for TLS.
 * The password is kept for the connection only: {@link #toString()} and {@link #displayUrl()} never show it.
 */
public final class RedisSourceConfig {

  public static final String DEFAULT_KEY_PREFIX = "vcon:";
  public static final String DEFAULT_SORTED_SET = "vcons";
  public static final int DEFAULT_POOL_SIZE = 8;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
  public static final int DEFAULT_MAX_RETRIES = 2;
  public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(100);
  private static final int DEFAULT_PORT = 6379;

  /** vcon-server's {@code VCON_DLQ_EXPIRY} default: 604800 s, 7 days. */
  public static final Duration DEFAULT_DLQ_EXPIRY = Duration.ofDays(7);

  private final String url;
  private final boolean tls;
  private final String host;
  private final int port;
  private final String user;
  private final String password;
  private final int database;
  private final String keyPrefix;
  private final String sortedSet;
  private final int poolSize;
  private final Duration timeout;
  private final boolean cluster;
  private final int maxRetries;
  private final Duration retryBackoff;
  private final int maxDocumentBytes;
  private final IdPolicy idPolicy;
  private final Path tlsTruststore;
  private final String tlsTruststorePassword;
  private final boolean deadLetter;
  private final Duration dlqExpiry;

  private RedisSourceConfig(Builder b) {
    this.deadLetter = b.deadLetter != null && b.deadLetter;
    this.dlqExpiry = b.dlqExpiry == null ? DEFAULT_DLQ_EXPIRY : b.dlqExpiry;
    if (deadLetter && b.cluster != null && b.cluster) {
      throw new StorageConfigurationException(
          "dead_letter: not available with cluster: true: a dead-letter list, its processing list"
              + " and the vCon keys live in different hash slots, so they cannot be changed in one"
              + " atomic step; keep the dead letters in a standalone Redis.");
    }
    if (dlqExpiry.isNegative()) {
      throw new StorageConfigurationException(
          "dlq_expiry: must be 0 (leave the TTL alone) or more, was " + dlqExpiry);
    }
    if (b.url == null || b.url.isBlank()) {
      throw new StorageConfigurationException("url: required, e.g. redis://localhost:6379");
    }
    this.url = b.url.trim();
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      // The input may hold a password: show it masked, and not the parser's message (which quotes
      // it).
      throw new StorageConfigurationException(
          "url: not a valid URL: "
              + mask(url)
              + "; expected redis://[[user]:password@]host[:port][/db]");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("redis") && !scheme.equals("rediss")) {
      throw new StorageConfigurationException(
          "url: scheme must be redis:// or rediss:// (TLS), was " + mask(url));
    }
    this.tls = scheme.equals("rediss");
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new StorageConfigurationException("url: has no host: " + mask(url));
    }
    // URI keeps IPv6 literals bracketed; the client wants the bare address.
    String h = uri.getHost();
    this.host = h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    this.port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
    String userInfo = uri.getRawUserInfo();
    if (userInfo == null || userInfo.isEmpty()) {
      this.user = null;
      this.password = null;
    } else {
      // As redis-py: "user:password", ":password" (default user) or "user" alone (no password).
      int colon = userInfo.indexOf(':');
      String rawUser = colon < 0 ? userInfo : userInfo.substring(0, colon);
      String rawPassword = colon < 0 ? null : userInfo.substring(colon + 1);
      this.user = rawUser.isEmpty() ? null : decode(rawUser);
      this.password = rawPassword == null || rawPassword.isEmpty() ? null : decode(rawPassword);
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    if (path.isEmpty() || path.equals("/")) {
      this.database = 0;
    } else {
      try {
        this.database = Integer.parseInt(path.substring(1));
      } catch (NumberFormatException e) {
        throw new StorageConfigurationException(
            "url: the path must be a database number such as /0, was '"
                + path
                + "' in "
                + mask(url));
      }
      if (database < 0) {
        throw new StorageConfigurationException(
            "url: database number must not be negative in " + mask(url));
      }
    }
    this.keyPrefix = Objects.requireNonNullElse(b.keyPrefix, DEFAULT_KEY_PREFIX);
    this.sortedSet = Objects.requireNonNullElse(b.sortedSet, DEFAULT_SORTED_SET);
    if (sortedSet.isEmpty()) {
      throw new StorageConfigurationException(
          "sorted_set: must not be empty (vcon-server uses 'vcons')");
    }
    this.poolSize = b.poolSize == null ? DEFAULT_POOL_SIZE : b.poolSize;
    if (poolSize < 1) {
      throw new StorageConfigurationException("pool_size: must be at least 1, was " + poolSize);
    }
    this.timeout = Objects.requireNonNullElse(b.timeout, DEFAULT_TIMEOUT);
    if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
      throw new StorageConfigurationException(
          "timeout: must be positive and below 24 days, was " + timeout);
    }
    this.cluster = b.cluster != null && b.cluster;
    if (cluster && database != 0) {
      throw new StorageConfigurationException(
          "url: Redis Cluster has only database 0, but the URL selects database "
              + database
              + ": "
              + mask(url));
    }
    this.maxRetries = b.maxRetries == null ? DEFAULT_MAX_RETRIES : b.maxRetries;
    if (maxRetries < 0) {
      throw new StorageConfigurationException(
          "max_retries: must not be negative, was " + maxRetries);
    }
    this.retryBackoff = Objects.requireNonNullElse(b.retryBackoff, DEFAULT_RETRY_BACKOFF);
    if (retryBackoff.isNegative()) {
      throw new StorageConfigurationException(
          "retry_backoff: must not be negative, was " + retryBackoff);
    }
    this.maxDocumentBytes =
        b.maxDocumentBytes == null ? VconParser.DEFAULT_MAX_DOCUMENT_BYTES : b.maxDocumentBytes;
    this.idPolicy = Objects.requireNonNullElse(b.idPolicy, IdPolicy.UUID);
    this.tlsTruststore = b.tlsTruststore;
    this.tlsTruststorePassword = b.tlsTruststorePassword;
    if (tlsTruststore != null && !tls) {
      throw new StorageConfigurationException(
          "tls_truststore: set, but the url is not rediss:// (TLS): " + mask(url));
    }
    if (tlsTruststore != null && !Files.isReadable(tlsTruststore)) {
      throw new StorageConfigurationException("tls_truststore: cannot read file " + tlsTruststore);
    }
    // Fails early, with the option's name, on a bad max_document_bytes.
    VconParser.builder().maxDocumentBytes(maxDocumentBytes).idPolicy(idPolicy).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .url(url)
        .keyPrefix(keyPrefix)
        .sortedSet(sortedSet)
        .poolSize(poolSize)
        .timeout(timeout)
        .cluster(cluster)
        .maxRetries(maxRetries)
        .retryBackoff(retryBackoff)
        .maxDocumentBytes(maxDocumentBytes)
        .idPolicy(idPolicy)
        .tlsTruststore(tlsTruststore, tlsTruststorePassword)
        .deadLetter(deadLetter)
        .dlqExpiry(dlqExpiry);
  }

  /** Whether failed saves are queued in {@code DLQ:storage:<store>} lists of this Redis (option {@code dead_letter}). */
  public boolean deadLetter() {
    return deadLetter;
  }

  /**
   * How long a dead-lettered vCon's source key is kept at least (option {@code dlq_expiry}, vcon-server's
   * {@code VCON_DLQ_EXPIRY}, default 7 days); zero leaves TTLs alone.
   */
  public Duration dlqExpiry() {
    return dlqExpiry;
  }

  /** The URL as configured, credentials included: for the connection, never for display. */
  public String url() {
    return url;
  }

  /** The URL without credentials, e.g. {@code redis://cache:6379/0}; what messages and logs show. */
  public String displayUrl() {
    return (tls ? "rediss" : "redis")
        + "://"
        + (host.contains(":") ? "[" + host + "]" : host)
        + ":"
        + port
        + "/"
        + database
        + (cluster ? " (cluster)" : "");
  }

  public boolean tls() {
    return tls;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public int database() {
    return database;
  }

  public String keyPrefix() {
    return keyPrefix;
  }

  public String sortedSet() {
    return sortedSet;
  }

  public int poolSize() {
    return poolSize;
  }

  public Duration timeout() {
    return timeout;
  }

  public boolean cluster() {
    return cluster;
  }

  public int maxRetries() {
    return maxRetries;
  }

  public Duration retryBackoff() {
    return retryBackoff;
  }

  public int maxDocumentBytes() {
    return maxDocumentBytes;
  }

  public IdPolicy idPolicy() {
    return idPolicy;
  }

  /** The trust store (PKCS12 or JKS) for {@code rediss://}; empty: the JVM's default trust store. */
  public Optional<Path> tlsTruststore() {
    return Optional.ofNullable(tlsTruststore);
  }

  String tlsTruststorePassword() {
    return tlsTruststorePassword;
  }

  // Package-private: only the connection needs the credentials.
  String user() {
    return user;
  }

  String password() {
    return password;
  }

  VconParser parser() {
    return VconParser.builder().maxDocumentBytes(maxDocumentBytes).idPolicy(idPolicy).build();
  }

  /** Replaces any occurrence of the password in text (a server or client message) with {@code ****}. */
  String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = password == null ? text : text.replace(password, "****");
    return tlsTruststorePassword == null || tlsTruststorePassword.isEmpty()
        ? out
        : out.replace(tlsTruststorePassword, "****");
  }

  private static String decode(String raw) {
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String mask(String text) {
    return ProviderOptions.maskUrlCredentials(text);
  }

  @Override
  public String toString() {
    return "RedisSourceConfig[url="
        + displayUrl()
        + (user != null ? ", user=" + user : "")
        + (password != null ? ", password=****" : "")
        + ", key_prefix="
        + keyPrefix
        + ", sorted_set="
        + sortedSet
        + ", pool_size="
        + poolSize
        + ", timeout="
        + timeout
        + ", cluster="
        + cluster
        + ", max_retries="
        + maxRetries
        + ", retry_backoff="
        + retryBackoff
        + ", max_document_bytes="
        + maxDocumentBytes
        + ", id_policy="
        + idPolicy.name().toLowerCase(Locale.ROOT)
        + (tlsTruststore != null ? ", tls_truststore=" + tlsTruststore : "")
        + (tlsTruststorePassword != null ? ", tls_truststore_password=****" : "")
        + (deadLetter ? ", dead_letter=true, dlq_expiry=" + dlqExpiry : "")
        + "]";
  }

  /** Builds a {@link RedisSourceConfig}; {@link #build()} checks every value and names the bad option. */
  public static final class Builder {
    private String url;
    private String keyPrefix;
    private String sortedSet;
    private Integer poolSize;
    private Duration timeout;
    private Boolean cluster;
    private Integer maxRetries;
    private Duration retryBackoff;
    private Integer maxDocumentBytes;
    private IdPolicy idPolicy;
    private Path tlsTruststore;
    private String tlsTruststorePassword;
    private Boolean deadLetter;
    private Duration dlqExpiry;

    private Builder() {}

    /** Keep dead letters in this Redis: {@link RedisVconSource#deadLetters()} is then present. Off by default. */
    public Builder deadLetter(boolean deadLetter) {
      this.deadLetter = deadLetter;
      return this;
    }

    /** The least TTL a dead-lettered vCon's source key gets; zero: leave TTLs alone. Default 7 days. */
    public Builder dlqExpiry(Duration dlqExpiry) {
      this.dlqExpiry = dlqExpiry;
      return this;
    }

    public Builder url(String url) {
      this.url = url;
      return this;
    }

    public Builder keyPrefix(String keyPrefix) {
      this.keyPrefix = keyPrefix;
      return this;
    }

    public Builder sortedSet(String sortedSet) {
      this.sortedSet = sortedSet;
      return this;
    }

    public Builder poolSize(int poolSize) {
      this.poolSize = poolSize;
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public Builder cluster(boolean cluster) {
      this.cluster = cluster;
      return this;
    }

    public Builder maxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
      return this;
    }

    public Builder retryBackoff(Duration retryBackoff) {
      this.retryBackoff = retryBackoff;
      return this;
    }

    public Builder maxDocumentBytes(int maxDocumentBytes) {
      this.maxDocumentBytes = maxDocumentBytes;
      return this;
    }

    public Builder idPolicy(IdPolicy idPolicy) {
      this.idPolicy = idPolicy;
      return this;
    }

    /**
     * A trust store (PKCS12 or JKS) holding the CA of a {@code rediss://} server whose certificate the JVM's
     * default trust store does not know; {@code password} may be null. The server's host name is always checked.
     */
    public Builder tlsTruststore(Path truststore, String password) {
      this.tlsTruststore = truststore;
      this.tlsTruststorePassword = password;
      return this;
    }

    public RedisSourceConfig build() {
      return new RedisSourceConfig(this);
    }

    @Override
    public String toString() {
      return "RedisSourceConfig.Builder[url=" + (url == null ? null : mask(url)) + "]";
    }
  }
}
