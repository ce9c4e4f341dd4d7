package io.vcon.storage.redis;

import io.vcon.storage.api.BackendException;
import io.vcon.storage.api.DeadLetters;
import io.vcon.storage.api.InvalidVconException;
import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconParser;
import io.vcon.storage.api.VconSource;
import io.vcon.storage.spi.Diagnosable;
import io.vcon.storage.spi.DiagnosticOptions;
import io.vcon.storage.spi.DiagnosticResult;
import io.vcon.storage.spi.SafeText;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.SslVerifyMode;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisRedirectionException;
import redis.clients.jedis.json.JsonProtocol;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Reads vCons from Redis as vcon-server keeps them: key {@code vcon:<uuid>} holding a RedisJSON document (what
 * vcon-server writes with {@code JSON.SET}) or a plain string holding JSON (deployments without RedisJSON); the
 * type is detected per key with {@code TYPE}. The index of creation times is vcon-server's sorted set
 * {@code vcons} (member = uuid, score = {@code created_at} in epoch seconds).
 *
 * <p>String values reach the {@link VconParser} byte for byte. RedisJSON values are read with {@code JSON.GET key .}
 * and the legacy root path {@code .} (vcon-server's {@code Path.root_path()}), which answers the document itself, so the
 * bytes are exactly the server's serialization, not re-serialized here. ({@code JSON.GET key $} would answer
 * {@code [document]}, which would have to be unwrapped.) RedisJSON keeps a tree, not the bytes it was given, so
 * a signed vCon must be kept as a string to stay byte-exact.
 *
 * <p>Thread-safe; connections are pooled. Close it to release them.
 */
public final class RedisVconSource implements VconSource, Diagnosable {

  private static final Logger LOG = LoggerFactory.getLogger(RedisVconSource.class);
  static final String TYPE_JSON = "ReJSON-RL";
  static final int PAGE_SIZE = 1000;
  // vcon-server's Path.root_path(): the document itself, where "$" would answer a one-element
  // array.
  private static final byte[] LEGACY_ROOT = {'.'};
  private static final byte[] JSON_ROOT = {'$'};
  private static final byte[] NX = {'N', 'X'};

  private final RedisSourceConfig config;
  private final UnifiedJedis client;
  private final VconParser parser;
  private final String name;
  private final RedisFailures failures;
  private final RedisDeadLetters deadLetters;
  // Whether the server knows JSON.SET; learnt on the first cache() call.
  private volatile Boolean jsonModule;

  private RedisVconSource(
      RedisSourceConfig config, UnifiedJedis client, String name, RedisFailures failures) {
    this.config = config;
    this.client = client;
    this.parser = config.parser();
    this.name = name;
    this.failures = failures;
    this.deadLetters = config.deadLetter() ? new RedisDeadLetters(client, config, failures) : null;
  }

  /**
   * A source connected to {@code config.url()}. A standalone server is connected lazily, on first use; a cluster
   * is asked for its topology now.
   *
   * @throws BackendException when the cluster cannot be reached or refuses the credentials
   */
  public static RedisVconSource create(RedisSourceConfig config) {
    if (config == null) {
      throw new StorageConfigurationException("RedisSourceConfig is required");
    }
    String name = config.displayUrl();
    RedisFailures failures = new RedisFailures(config, name);
    DefaultJedisClientConfig.Builder client =
        DefaultJedisClientConfig.builder()
            .timeoutMillis((int) config.timeout().toMillis())
            .clientName("vcon-storage");
    if (config.tls()) {
      // FULL: the chain must be trusted and the certificate must name the host (Jedis' plain
      // ssl(true) skips that).
      SslOptions.Builder tls = SslOptions.builder().sslVerifyMode(SslVerifyMode.FULL);
      config
          .tlsTruststore()
          .ifPresent(
              path ->
                  tls.truststore(
                      path.toFile(),
                      config.tlsTruststorePassword() == null
                          ? null
                          : config.tlsTruststorePassword().toCharArray()));
      client.sslOptions(tls.build());
    }
    if (config.user() != null) {
      client.user(config.user());
    }
    if (config.password() != null) {
      client.password(config.password());
    }
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(config.poolSize());
    pool.setMaxIdle(config.poolSize());
    // Jedis waits forever for a free connection by default; a starved pool should fail like a slow
    // server.
    pool.setMaxWait(config.timeout());
    UnifiedJedis jedis;
    if (config.cluster()) {
      jedis =
          failures.call(
              "discovering the cluster's nodes from seed " + config.host() + ":" + config.port(),
              null,
              () ->
                  RedisClusterClient.builder()
                      .nodes(Set.of(new HostAndPort(config.host(), config.port())))
                      .clientConfig(client.build())
                      .poolConfig(pool)
                      // Jedis counts MOVED/ASK redirects (resharding, failover) as attempts: keep
                      // its default.
                      .maxAttempts(
                          Math.max(
                              RedisClusterClient.DEFAULT_MAX_ATTEMPTS, config.maxRetries() + 1))
                      .build());
    } else {
      jedis =
          RedisClient.builder()
              .hostAndPort(config.host(), config.port())
              .clientConfig(client.database(config.database()).build())
              .poolConfig(pool)
              .build();
    }
    return new RedisVconSource(config, jedis, name, failures);
  }

  public RedisSourceConfig config() {
    return config;
  }

  /** The URL without credentials, e.g. {@code redis://cache:6379/0}. */
  @Override
  public String name() {
    return name;
  }

  @Override
  public Optional<Vcon> read(VconId id) {
    String key = key(id);
    byte[] raw = key.getBytes(StandardCharsets.UTF_8);
    int max = config.maxDocumentBytes();
    Head head =
        failures.call("reading the type of key " + quote(key), id.value(), () -> head(raw, max));
    return switch (head.type()) {
      case "none" -> Optional.empty();
      case "string" -> readString(id, key, raw, head.range());
      case TYPE_JSON -> readJson(id, key);
      default ->
          throw new InvalidVconException(
              InvalidVconException.Reason.NOT_JSON,
              "Redis key "
                  + quote(key)
                  + " in source "
                  + name
                  + " holds a Redis "
                  + head.type()
                  + ", not a vCon: expected a RedisJSON document (as vcon-server writes) or a"
                  + " string holding JSON. Nothing was written.",
              id.value());
    };
  }

  /** A key's type and, when it is a string, its first {@code max + 1} bytes ({@code null}: not read yet). */
  private record Head(String type, byte[] range) {}

  /**
   * {@code TYPE} and {@code GETRANGE key 0 max} pipelined on one connection: one round trip for the common case,
   * a string, with the same two commands (so the same ACL needs) as before. Why a pipeline and not a Lua script
   * answering both: {@code EVAL}/{@code EVALSHA} are {@code @scripting}, which a read-only ACL user
   * ({@code +@read}) lacks; a script needs caching and a {@code NOSCRIPT} fallback; and the server would copy the
   * document into a Lua string while every other client waits. The pipeline is not atomic, as the two calls it
   * replaces were not: {@code GETRANGE}'s answer is used only when {@code TYPE} said string, an empty answer is
   * still checked with {@code GET} (the key may have expired in between), and an error answer (the key changed
   * type in between) is asked again alone. For a RedisJSON document or another type {@code GETRANGE} just answers
   * {@code WRONGTYPE}, at no cost.
   */
  private Head head(byte[] raw, int max) {
    if (client instanceof RedisClusterClient cluster) {
      // One key is one slot, so one node: a plain pipeline on that node's pooled connection, not a
      // ClusterPipeline.
      try (Pipeline pipeline =
          new Pipeline(cluster.getConnectionFromSlot(JedisClusterCRC16.getSlot(raw)), true)) {
        return head(pipeline, raw, max);
      } catch (JedisRedirectionException
          | JedisConnectionException
          | JedisClusterOperationException e) {
        // The cluster client follows MOVED/ASK and renews its slot map when a node fails; a
        // pipeline on one node's
        // connection does neither. Let the client read this key with TYPE, as before the pipeline.
        LOG.debug(
            "Redis source {}: pipelined read hit a moved slot or a failed node, reading with TYPE:"
                + " {}",
            name,
            config.redact(e.getMessage()));
        return new Head(client.type(raw), null);
      }
    }
    try (Pipeline pipeline = (Pipeline) client.pipelined()) {
      return head(pipeline, raw, max);
    }
  }

  private static Head head(Pipeline pipeline, byte[] raw, int max) {
    Response<String> type = pipeline.type(raw);
    Response<byte[]> range = pipeline.getrange(raw, 0, max);
    pipeline.sync();
    String t = type.get(); // an error answer to TYPE throws as the lone TYPE did (NOAUTH, NOPERM,
    // MOVED...)
    if (!t.equals("string")) {
      return new Head(t, null);
    }
    try {
      return new Head(t, range.get());
    } catch (JedisDataException e) {
      return new Head(t, null);
    }
  }

  /**
   * Checks a string value read with {@code GETRANGE 0 max_document_bytes}: like {@code GET}, but a value over the
   * limit costs at most the limit plus one byte of memory, never the whole (up to 512 MB) value. {@code range} is
   * the pipelined answer, or {@code null} to read it now.
   */
  private Optional<Vcon> readString(VconId id, String key, byte[] raw, byte[] range) {
    int max = config.maxDocumentBytes();
    byte[] bytes =
        range != null
            ? range
            : failures.call(
                "reading key " + quote(key), id.value(), () -> client.getrange(raw, 0, max));
    if (bytes == null || bytes.length == 0) {
      // GETRANGE answers "" both for an empty value and for a key that expired (vcon-server sets
      // TTLs) since TYPE.
      byte[] whole = failures.call("reading key " + quote(key), id.value(), () -> client.get(raw));
      return whole == null ? Optional.empty() : Optional.of(parse(id, key, whole));
    }
    if (bytes.length > max) {
      long length =
          failures.call(
              "reading the length of key " + quote(key), id.value(), () -> client.strlen(raw));
      throw new InvalidVconException(
          InvalidVconException.Reason.TOO_LARGE,
          "Redis key "
              + quote(key)
              + " in source "
              + name
              + ": Document for vCon "
              + id
              + " has "
              + length
              + " bytes, over the limit of "
              + max
              + " (max_document_bytes); raise the limit if such vCons are "
              + "expected. Nothing was written.",
          id.value());
    }
    return Optional.of(parse(id, key, bytes));
  }

  /** Reads a RedisJSON document with {@code JSON.GET key .} (legacy root path: the document itself, unwrapped). */
  Optional<Vcon> readJson(VconId id, String key) {
    byte[] raw = key.getBytes(StandardCharsets.UTF_8);
    Object reply;
    try {
      reply =
          failures.call(
              "reading RedisJSON key " + quote(key),
              id.value(),
              () ->
                  client.executeCommand(
                      new CommandArguments(JsonProtocol.JsonCommand.GET)
                          .key(raw)
                          .add(LEGACY_ROOT)));
    } catch (BackendException e) {
      if (e.getCause() instanceof JedisDataException d
          && d.getMessage() != null
          && d.getMessage().toLowerCase(Locale.ROOT).contains("unknown command")) {
        throw new BackendException(
            "Redis key "
                + quote(key)
                + " in source "
                + name
                + " holds RedisJSON data (type "
                + TYPE_JSON
                + "), but the server does not know JSON.GET: it lacks the RedisJSON module. Load"
                + " the module (Redis Stack, or Redis 8 with its modules) or store vCons as"
                + " strings.",
            id.value(),
            name,
            false,
            d);
      }
      throw e;
    }
    if (reply == null) {
      return Optional.empty();
    }
    if (!(reply instanceof byte[] bytes)) {
      throw new BackendException(
          "Redis source "
              + name
              + " answered JSON.GET on key "
              + quote(key)
              + " with an unexpected "
              + reply.getClass().getSimpleName()
              + " instead of a JSON text.",
          id.value(),
          name,
          false,
          null);
    }
    return Optional.of(parse(id, key, bytes));
  }

  private Vcon parse(VconId id, String key, byte[] bytes) {
    try {
      // Jedis hands over a fresh array for each reply: validate it in place instead of copying the
      // document.
      return parser.parseOwned(id, bytes);
    } catch (InvalidVconException e) {
      throw new InvalidVconException(
          e.reason(),
          "Redis key " + quote(key) + " in source " + name + ": " + e.getMessage(),
          id.value(),
          e);
    }
  }

  /**
   * Every id under {@code key_prefix}, found with {@code SCAN MATCH <prefix>* COUNT 1000} page by page as the
   * stream is consumed (never {@code KEYS}). In a cluster every primary is scanned. As {@code SCAN} promises,
   * a key present the whole time is returned at least once; it can appear twice if Redis rehashes meanwhile.
   * Keys whose rest is not a valid id under {@code id_policy} are skipped with a warning.
   */
  @Override
  public Stream<VconId> ids() {
    ScanParams params =
        new ScanParams().match(globEscape(config.keyPrefix()) + "*").count(PAGE_SIZE);
    List<Function<String, ScanResult<String>>> nodes = scanNodes(params);
    Iterator<String> keys =
        new Iterator<>() {
          private int node;
          private String cursor = ScanParams.SCAN_POINTER_START;
          private Iterator<String> page = List.<String>of().iterator();

          @Override
          public boolean hasNext() {
            while (!page.hasNext()) {
              if (node >= nodes.size()) {
                return false;
              }
              String from = cursor;
              ScanResult<String> result =
                  failures.call(
                      "scanning keys " + quote(config.keyPrefix() + "*"),
                      null,
                      () -> nodes.get(node).apply(from));
              page = result.getResult().iterator();
              cursor = result.getCursor();
              if (result.isCompleteIteration()) {
                node++;
                cursor = ScanParams.SCAN_POINTER_START;
              }
            }
            return true;
          }

          @Override
          public String next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            return page.next();
          }
        };
    int prefixLength = config.keyPrefix().length();
    return stream(keys)
        .map(k -> toId(k.substring(prefixLength), "key " + quote(k)))
        .flatMap(Optional::stream);
  }

  private List<Function<String, ScanResult<String>>> scanNodes(ScanParams params) {
    if (!(client instanceof RedisClusterClient cluster)) {
      return List.of(cursor -> client.scan(cursor, params));
    }
    // Jedis' own cluster scan visits replicas too, which would repeat every id: scan primaries
    // only.
    Map<String, ConnectionPool> all =
        failures.call("listing the cluster's nodes", null, cluster::getClusterNodes);
    List<Function<String, ScanResult<String>>> primaries = new ArrayList<>();
    for (Map.Entry<String, ConnectionPool> node : all.entrySet()) {
      ConnectionPool pool = node.getValue();
      boolean primary =
          failures.call(
              "asking node " + node.getKey() + " for its role",
              null,
              () -> {
                try (Connection c = pool.getResource()) {
                  List<Object> role = new Jedis(c).role();
                  Object first = role.isEmpty() ? null : role.get(0);
                  String text =
                      first instanceof byte[] b
                          ? new String(b, StandardCharsets.UTF_8)
                          : String.valueOf(first);
                  return text.equals("master");
                }
              });
      if (primary) {
        primaries.add(
            cursor -> {
              try (Connection c = pool.getResource()) {
                return new Jedis(c).scan(cursor, params);
              }
            });
      }
    }
    return primaries;
  }

  /**
   * Ids of vCons created in {@code [from, to)}, from the sorted set ({@code sorted_set}, vcon-server's
   * {@code vcons}) with {@code ZRANGEBYSCORE ... LIMIT offset 1000}, page by page as the stream is consumed.
   * Members added or removed while paging can shift later pages (one id missed or repeated); the set is an
   * index, so a vCon whose key has expired can still be listed and then read as absent.
   */
  @Override
  @SuppressWarnings(
      "deprecation") // ZRANGEBYSCORE works on every Redis; ZRANGE ... BYSCORE needs 6.2
  public Stream<VconId> idsCreatedBetween(Instant from, Instant to) {
    if (from == null || to == null) {
      throw new IllegalArgumentException("from and to are required");
    }
    if (!from.isBefore(to)) {
      return Stream.empty();
    }
    String min = seconds(from);
    String max = "(" + seconds(to);
    String set = config.sortedSet();
    Iterator<String> members =
        new Iterator<>() {
          private int offset;
          private boolean last;
          private Iterator<String> page = List.<String>of().iterator();

          @Override
          public boolean hasNext() {
            while (!page.hasNext()) {
              if (last) {
                return false;
              }
              int start = offset;
              List<String> result =
                  failures.call(
                      "reading sorted set " + quote(set),
                      null,
                      () -> client.zrangeByScore(set, min, max, start, PAGE_SIZE));
              offset += result.size();
              last = result.size() < PAGE_SIZE;
              page = result.iterator();
            }
            return true;
          }

          @Override
          public String next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            return page.next();
          }
        };
    return stream(members)
        .map(m -> toId(m, "member " + quote(m) + " of sorted set " + quote(set)))
        .flatMap(Optional::stream);
  }

  /**
   * Puts a vCon back into Redis, expiring after {@code ttl}, in the form vcon-server reads: a RedisJSON document
   * ({@code JSON.SET key $ doc NX}, then {@code PEXPIRE}, as vcon-server's own re-cache does) when the server has
   * the module, else a string holding the exact bytes ({@code SET key doc NX PX ttl}). An existing key is never
   * overwritten: it may be a working copy that vcon-server is changing. For read-through callers that fetched the
   * vCon from a store: {@code storage.find(id).ifPresent(v -> source.cache(v, ttl))}. The sorted set is left
   * alone, so cached copies are not listed again by {@link #idsCreatedBetween}.
   *
   * @return whether it was written (false: the key already existed)
   */
  public boolean cache(Vcon vcon, Duration ttl) {
    if (vcon == null) {
      throw new IllegalArgumentException("vcon is required");
    }
    if (ttl == null || ttl.toMillis() <= 0) {
      throw new IllegalArgumentException("ttl must be at least 1 ms, was " + ttl);
    }
    String key = key(vcon.id());
    byte[] raw = key.getBytes(StandardCharsets.UTF_8);
    byte[] body = vcon.bytes();
    if (!Boolean.FALSE.equals(jsonModule)) {
      try {
        Object reply =
            failures.call(
                "caching vCon as RedisJSON under key " + quote(key),
                vcon.id().value(),
                () ->
                    client.executeCommand(
                        new CommandArguments(JsonProtocol.JsonCommand.SET)
                            .key(raw)
                            .add(JSON_ROOT)
                            .add(body)
                            .add(NX)));
        jsonModule = true;
        if (reply == null) {
          return false;
        }
        failures.call(
            "setting the TTL of key " + quote(key),
            vcon.id().value(),
            () -> client.pexpire(raw, ttl.toMillis()));
        return true;
      } catch (BackendException e) {
        String message =
            e.getCause() instanceof JedisDataException d && d.getMessage() != null
                ? d.getMessage()
                : "";
        if (message.startsWith("WRONGTYPE")) {
          jsonModule = true;
          return false; // a string copy is already there
        }
        if (!message.toLowerCase(Locale.ROOT).contains("unknown command")) {
          throw e;
        }
        jsonModule = false; // a plain server: strings from now on
      }
    }
    String reply =
        failures.call(
            "caching vCon under key " + quote(key),
            vcon.id().value(),
            () -> client.set(raw, body, SetParams.setParams().nx().px(ttl.toMillis())));
    return "OK".equals(reply);
  }

  /**
   * Reachability, credentials, the RedisJSON module and the sorted set, as {@code vcon-storage doctor} reports
   * them. Only reads, so the write probe changes nothing here.
   */
  @Override
  public List<DiagnosticResult> diagnose(DiagnosticOptions options) {
    return RedisDiagnostics.run(client, config, name, options);
  }

  /**
   * The dead-letter lists {@code DLQ:storage:<store>} in this Redis, when {@code dead_letter} is on; see
   * {@link RedisDeadLetters}.
   */
  @Override
  public Optional<DeadLetters> deadLetters() {
    return Optional.ofNullable(deadLetters);
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (JedisException e) {
      LOG.warn("Closing Redis source {} failed: {}", name, config.redact(e.getMessage()));
    }
  }

  @Override
  public String toString() {
    return "RedisVconSource["
        + name
        + ", key_prefix="
        + config.keyPrefix()
        + ", sorted_set="
        + config.sortedSet()
        + "]";
  }

  private String key(VconId id) {
    return config.keyPrefix() + id.value();
  }

  private Optional<VconId> toId(String text, String where) {
    if (VconId.isValid(text, config.idPolicy())) {
      return Optional.of(VconId.of(text, config.idPolicy()));
    }
    LOG.warn(
        "Redis source {}: skipping {}: {} is not a valid vCon id under id_policy {}",
        name,
        where,
        quote(text),
        config.idPolicy().name().toLowerCase(Locale.ROOT));
    return Optional.empty();
  }

  private static <T> Stream<T> stream(Iterator<T> it) {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  // Redis parses scores with strtod; plain decimal keeps sub-second bounds exact enough for [from,
  // to).
  static String seconds(Instant t) {
    return BigDecimal.valueOf(t.getEpochSecond())
        .add(BigDecimal.valueOf(t.getNano(), 9))
        .stripTrailingZeros()
        .toPlainString();
  }

  static String globEscape(String prefix) {
    StringBuilder out = new StringBuilder(prefix.length() + 4);
    for (char c : prefix.toCharArray()) {
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  static String quote(String text) {
    return SafeText.quote(text);
  }
}
