package io.vcon.storage.redis;

import io.vcon.storage.api.BackendException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Runs Redis calls with the source's retry policy and turns Jedis' exceptions into {@link BackendException}s
 * that name the source (without credentials) and say what to do. No Jedis type leaves this package.
 */
final class RedisFailures {

  private static final Logger LOG = LoggerFactory.getLogger(RedisVconSource.class);

  enum Kind {
    /** The connection failed or broke: another attempt, on a new connection, may work. */
    CONNECTION,
    /** The server is busy or the cluster is reconfiguring (LOADING, BUSY, TRYAGAIN, CLUSTERDOWN...). */
    TRANSIENT,
    /** The TLS handshake failed (untrusted certificate, wrong host name): retrying cannot help. */
    TLS,
    /** NOAUTH, WRONGPASS, NOPERM: retrying with the same credentials cannot help. */
    AUTH,
    /** Anything else the server refused; retrying would get the same answer. */
    REFUSED
  }

  private final RedisSourceConfig config;
  private final String source;

  RedisFailures(RedisSourceConfig config, String source) {
    this.config = config;
    this.source = source;
  }

  /**
   * Runs {@code op}, retrying connection failures and transient refusals up to {@code max_retries} times with
   * doubling back-off, then throws a {@link BackendException} describing {@code action}.
   */
  <T> T call(String action, String vconId, Supplier<T> op) {
    int attempt = 0;
    while (true) {
      try {
        return op.get();
      } catch (JedisException e) {
        Kind kind = classify(e);
        boolean retryable = kind == Kind.CONNECTION || kind == Kind.TRANSIENT;
        if (!retryable || attempt >= config.maxRetries()) {
          throw translate(action, vconId, e, kind, attempt + 1);
        }
        attempt++;
        Duration pause = backoff(attempt);
        LOG.warn(
            "Redis source {}: {} failed (attempt {} of {}), retrying in {} ms: {}",
            source,
            action,
            attempt,
            config.maxRetries() + 1,
            pause.toMillis(),
            config.redact(e.getMessage()));
        sleep(pause, action, vconId, e);
      }
    }
  }

  BackendException translate(
      String action, String vconId, JedisException e, Kind kind, int attempts) {
    String detail = config.redact(rootMessage(e));
    String tried = attempts > 1 ? " after " + attempts + " attempts" : "";
    String message =
        switch (kind) {
          case CONNECTION ->
              "Redis source "
                  + source
                  + " is unreachable while "
                  + action
                  + tried
                  + ": "
                  + detail
                  + ". Check that Redis runs at that address and the url, timeout and max_retries"
                  + " options.";
          case TRANSIENT ->
              "Redis source "
                  + source
                  + " is not ready while "
                  + action
                  + tried
                  + ": "
                  + detail
                  + ". Try again later.";
          case TLS ->
              "Redis source "
                  + source
                  + " failed the TLS handshake while "
                  + action
                  + ": "
                  + detail
                  + ". Check that the server's certificate names this host and is trusted: set"
                  + " tls_truststore to a trust store holding its CA, or add the CA to the JVM's"
                  + " trust store.";
          case AUTH ->
              "Redis source "
                  + source
                  + " refused authentication while "
                  + action
                  + ": "
                  + detail
                  + ". Check the user and password in the url option (the password is not shown).";
          case REFUSED -> "Redis source " + source + " refused " + action + ": " + detail + ".";
        };
    return new BackendException(
        message, vconId, source, kind == Kind.CONNECTION || kind == Kind.TRANSIENT, e);
  }

  static Kind classify(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage() == null ? "" : t.getMessage().toUpperCase(Locale.ROOT);
      if (t instanceof JedisAccessControlException
          || m.startsWith("NOAUTH")
          || m.startsWith("WRONGPASS")
          || m.startsWith("NOPERM")) {
        return Kind.AUTH;
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException || t instanceof CertificateException) {
        return Kind.TLS;
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JedisConnectionException || t instanceof JedisClusterOperationException) {
        return Kind.CONNECTION;
      }
      if (t instanceof JedisDataException) {
        String m = t.getMessage() == null ? "" : t.getMessage();
        if (m.startsWith("LOADING")
            || m.startsWith("BUSY")
            || m.startsWith("TRYAGAIN")
            || m.startsWith("CLUSTERDOWN")
            || m.startsWith("MASTERDOWN")) {
          return Kind.TRANSIENT;
        }
        return Kind.REFUSED;
      }
    }
    return Kind.CONNECTION;
  }

  private Duration backoff(int attempt) {
    long base = config.retryBackoff().toMillis();
    return Duration.ofMillis(Math.min(base << Math.min(attempt - 1, 10), 5_000));
  }

  private void sleep(Duration pause, String action, String vconId, JedisException cause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      BackendException e =
          new BackendException(
              "Interrupted while waiting to retry " + action + " on Redis source " + source + ".",
              vconId,
              source,
              true,
              cause);
      e.addSuppressed(ie);
      throw e;
    }
  }

  private static String rootMessage(Throwable e) {
    // The outermost Jedis message is often generic ("Could not get a resource from the pool"); show
    // both ends.
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String outer = String.valueOf(e.getMessage());
    if (root == e || root.getMessage() == null) {
      return outer;
    }
    return outer + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
  }
}
