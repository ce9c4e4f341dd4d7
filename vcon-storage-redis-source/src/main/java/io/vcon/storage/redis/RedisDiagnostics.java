package io.vcon.storage.redis;

import io.vcon.storage.spi.DiagnosticOptions;
import io.vcon.storage.spi.DiagnosticResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.KeyValue;

/**
 * The checks behind {@code vcon-storage doctor} for a Redis source: the server answers, accepts the credentials,
 * has the RedisJSON module (what vcon-server writes with) and holds the {@code vcons} sorted set. Only reads; a
 * failed check is a result, never an exception. Messages carry the URL without its password.
 */
final class RedisDiagnostics {

  private RedisDiagnostics() {}

  static List<DiagnosticResult> run(
      UnifiedJedis client, RedisSourceConfig config, String name, DiagnosticOptions options) {
    List<DiagnosticResult> out = new ArrayList<>();
    try {
      client.ping();
    } catch (JedisException e) {
      RedisFailures.Kind kind = RedisFailures.classify(e);
      String detail = config.redact(String.valueOf(rootMessage(e)));
      switch (kind) {
        case AUTH -> {
          out.add(DiagnosticResult.ok("reachable", name + " answers"));
          out.add(
              DiagnosticResult.fail(
                  "auth",
                  name + " refuses the connection's credentials: " + detail,
                  config.password() == null
                      ? "the server requires a password: put it in the url,"
                          + " redis://[user]:PASSWORD@host:port, from a ${ENV} variable"
                      : "check the user and password in the url (not shown here)"));
        }
        case TLS ->
            out.add(
                DiagnosticResult.fail(
                    "tls",
                    name + " fails the TLS handshake: " + detail,
                    "set tls_truststore to a trust store holding the server's CA, and check the"
                        + " host name"));
        default ->
            out.add(
                DiagnosticResult.fail(
                    "reachable",
                    name + " does not answer PING: " + detail,
                    "check the url, that redis-server runs there and that the network lets this"
                        + " host in"));
      }
      return out;
    }
    out.add(DiagnosticResult.ok("reachable", name + " answers PING"));
    out.add(
        DiagnosticResult.ok(
            "auth",
            config.password() == null
                ? "no password configured, and the server asks for none"
                : "the password from the url is accepted (not shown)"));
    if (options.cheapOnly()) {
      // A health check: one PING. The module and sorted-set checks are for doctor.
      return out;
    }
    out.add(jsonModule(client));
    out.add(sortedSet(client, config));
    return out;
  }

  /** MODULE LIST first; where that is not allowed (ACLs, managed Redis), COMMAND INFO JSON.GET. */
  private static DiagnosticResult jsonModule(UnifiedJedis client) {
    Boolean loaded;
    String how;
    try {
      Object modules =
          client.executeCommand(new CommandArguments(Protocol.Command.MODULE).add("LIST"));
      loaded = text(modules).toLowerCase(Locale.ROOT).contains("rejson");
      how = "MODULE LIST";
    } catch (JedisException e) {
      try {
        Object info =
            client.executeCommand(
                new CommandArguments(Protocol.Command.COMMAND).add("INFO").add("JSON.GET"));
        loaded = text(info).toLowerCase(Locale.ROOT).contains("json.get");
        how = "COMMAND INFO JSON.GET";
      } catch (JedisException again) {
        return DiagnosticResult.warn(
            "json-module",
            "cannot tell whether RedisJSON is loaded: MODULE LIST and COMMAND"
                + " INFO are refused",
            "allow MODULE LIST or COMMAND INFO for this user, or check the server by hand");
      }
    }
    if (loaded) {
      return DiagnosticResult.ok(
          "json-module",
          "RedisJSON is loaded (" + how + "): vCons written with JSON.SET can be" + " read");
    }
    return DiagnosticResult.warn(
        "json-module",
        "RedisJSON is not loaded (" + how + "): only vCons kept as JSON" + " strings can be read",
        "if vcon-server writes here, load RedisJSON (Redis Stack, or Redis 8 with its"
            + " modules): vcon-server stores vCons with JSON.SET");
  }

  private static DiagnosticResult sortedSet(UnifiedJedis client, RedisSourceConfig config) {
    String set = config.sortedSet();
    try {
      String type = client.type(set);
      if (type.equals("none")) {
        return DiagnosticResult.warn(
            "sorted-set",
            "sorted set " + RedisVconSource.quote(set) + " does not exist",
            "vcon-server fills it as it creates vCons; save --from/--to reads it. Check sorted_set"
                + " if vcon-server uses another name");
      }
      if (!type.equals("zset")) {
        return DiagnosticResult.fail(
            "sorted-set",
            "key " + RedisVconSource.quote(set) + " holds a " + type + ", not a sorted set",
            "set sorted_set to the index vcon-server keeps (default vcons)");
      }
      long size = client.zcard(set);
      return DiagnosticResult.ok(
          "sorted-set",
          "sorted set "
              + RedisVconSource.quote(set)
              + " has "
              + size
              + " member"
              + (size == 1 ? "" : "s"));
    } catch (JedisException e) {
      return DiagnosticResult.fail(
          "sorted-set",
          "cannot read sorted set "
              + RedisVconSource.quote(set)
              + ": "
              + config.redact(String.valueOf(rootMessage(e))),
          "allow TYPE and ZCARD for this user");
    }
  }

  /** Every string in a reply, joined, whatever RESP2/RESP3 shape it has. */
  private static String text(Object reply) {
    if (reply == null) {
      return "";
    }
    if (reply instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    if (reply instanceof Iterable<?> list) {
      StringBuilder b = new StringBuilder();
      for (Object o : list) {
        b.append(text(o)).append(' ');
      }
      return b.toString();
    }
    if (reply instanceof Map<?, ?> map) {
      StringBuilder b = new StringBuilder();
      map.forEach((k, v) -> b.append(text(k)).append(' ').append(text(v)).append(' '));
      return b.toString();
    }
    if (reply instanceof KeyValue<?, ?> kv) {
      return text(kv.getKey()) + " " + text(kv.getValue());
    }
    return String.valueOf(reply);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? e.getMessage() : e.getMessage() + " (" + root.getMessage() + ")";
  }
}
