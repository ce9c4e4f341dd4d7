package io.vcon.storage.spi;

import io.vcon.storage.api.IdPolicy;
import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.VconParser;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.api.key.MissingCreatedAtPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options a provider creates a store or source from, as written in a vcon-server style YAML file
 * ({@code storages.s3.options}) or passed from code. Typed getters name the bad option by its full path, so
 * a user reads {@code storages.s3.options.aws_bucket: required} and knows what to fix.
 *
 * <p>{@link #toString()} masks secrets: any option whose name says secret, password, token or key, and the
 * credentials in URLs.
 */
public final class ProviderOptions {

  private static final Pattern SECRET_NAME =
      Pattern.compile(
          ".*(secret|password|passwd|token|access_key|credential|private_key|api_key).*");
  private static final Pattern URL_CREDENTIALS = Pattern.compile("(?<=://)[^/@\\s]*@");
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

  private final Map<String, Object> values;
  private final String path;
  private final Clock clock;

  private ProviderOptions(Map<String, Object> values, String path, Clock clock) {
    this.values = values;
    this.path = path;
    this.clock = clock;
  }

  /** Options from a map; {@code null} values count as absent, as YAML's {@code endpoint_url: null} means. */
  public static ProviderOptions of(Map<String, ?> values) {
    Map<String, Object> copy = new LinkedHashMap<>();
    values.forEach(
        (k, v) -> {
          if (v != null) {
            copy.put(k, v);
          }
        });
    return new ProviderOptions(Collections.unmodifiableMap(copy), "options", Clock.systemUTC());
  }

  public static ProviderOptions empty() {
    return of(Map.of());
  }

  /** The same options, reported under {@code path} (e.g. {@code storages.s3.options}) in errors. */
  public ProviderOptions withPath(String newPath) {
    return new ProviderOptions(values, newPath, clock);
  }

  /** The same options with the clock stores use for save times (tests pass a fixed one). */
  public ProviderOptions withClock(Clock newClock) {
    return new ProviderOptions(values, path, newClock);
  }

  public String path() {
    return path;
  }

  public Clock clock() {
    return clock;
  }

  public Set<String> names() {
    return values.keySet();
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** A scalar option as text; empty when absent or empty. */
  public Optional<String> string(String name) {
    Object value = values.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Map || value instanceof Iterable) {
      throw error(name, "must be a single value, not a list or map");
    }
    String text = value.toString();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  public String requireString(String name) {
    return string(name).orElseThrow(() -> error(name, "required"));
  }

  public boolean bool(String name, boolean defaultValue) {
    Optional<String> text = string(name);
    if (text.isEmpty()) {
      return defaultValue;
    }
    return switch (text.get().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw error(name, "must be true or false, was '" + text.get() + "'");
    };
  }

  public int integer(String name, int defaultValue, int min, int max) {
    Optional<String> text = string(name);
    if (text.isEmpty()) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(text.get().trim());
      if (value < min || value > max) {
        throw error(name, "must be between " + min + " and " + max + ", was " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw error(name, "must be a whole number, was '" + text.get() + "'");
    }
  }

  /** A duration: a number of seconds, {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h} or ISO {@code PT30S}. */
  public Duration duration(String name, Duration defaultValue) {
    Optional<String> text = string(name);
    if (text.isEmpty()) {
      return defaultValue;
    }
    String t = text.get().trim();
    Matcher m = DURATION.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      return switch (unit) {
        case "ms" -> Duration.ofMillis(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofSeconds(n);
      };
    }
    try {
      return Duration.parse(t);
    } catch (DateTimeParseException e) {
      throw error(name, "must be a duration such as 30s, 500ms, 5m or PT30S, was '" + t + "'");
    }
  }

  /** Fails, naming the first option not in {@code known}, so a typo such as {@code aws_buckt} is not ignored. */
  public void requireOnly(Set<String> known) {
    for (String name : values.keySet()) {
      if (!known.contains(name)) {
        throw error(name, "unknown option; known options are " + new TreeSet<>(known));
      }
    }
  }

  /**
   * Option {@code missing_created_at}, shared by every vcon-server style store: {@code save_time} (the
   * default: file the vCon under the save time's UTC date) or {@code reject}.
   */
  public MissingCreatedAtPolicy missingCreatedAt() {
    return choice("missing_created_at", MissingCreatedAtPolicy::fromOption, "save_time or reject")
        .orElse(MissingCreatedAtPolicy.SAVE_TIME);
  }

  /**
   * A key prefix option ({@code s3_path}, {@code prefix}); empty when absent. A prefix with a
   * {@code .} or {@code ..} segment is an error naming the option (ADR 0022): S3 keeps such keys
   * as text, but HTTP layers and file copies resolve them as paths.
   */
  public Optional<String> keyPrefix(String name) {
    Optional<String> prefix = string(name);
    try {
      prefix.ifPresent(KeyStrategy::vconServer);
    } catch (StorageConfigurationException e) {
      throw error(name, e.getMessage());
    }
    return prefix;
  }

  /** Option {@code content_hash} as written ({@code record}, {@code require}, {@code off}). */
  public Optional<ContentHashMode> contentHash() {
    return choice("content_hash", ContentHashMode::fromOption, "record, require or off");
  }

  /**
   * Option {@code content_hash} for {@code store}, whose backend can ({@code canRecord}) or cannot
   * record content hashes. Unset means what the backend supports: {@code record} where it can,
   * {@code off} where it cannot. {@code record} or {@code require} set for a backend that cannot is
   * an error naming the option, the store and what to set, never a store that checks nothing.
   */
  public ContentHashMode contentHashMode(String store, boolean canRecord) {
    Optional<ContentHashMode> set = contentHash();
    if (set.isEmpty()) {
      return canRecord ? ContentHashMode.RECORD : ContentHashMode.OFF;
    }
    if (set.get() != ContentHashMode.OFF && !canRecord) {
      throw error(
          "content_hash",
          set.get().option()
              + " is set, but store "
              + store
              + " cannot record content hashes; set content_hash: off, or remove the option to use"
              + " what the store supports");
    }
    return set.get();
  }

  /**
   * Option {@code id_policy}, shared by every store and source: {@code uuid} (the default:
   * canonical UUIDs only) or {@code token} (also path-safe tokens such as {@code abc123}, see
   * {@link IdPolicy#TOKEN}).
   */
  public IdPolicy idPolicy() {
    return choice("id_policy", IdPolicy::fromOption, "uuid or token").orElse(IdPolicy.UUID);
  }

  /** The document limits shared by sources: {@code max_document_bytes}, {@code id_policy}. */
  public VconParser parser() {
    VconParser.Builder b = VconParser.builder();
    b.maxDocumentBytes(
        integer(
            "max_document_bytes", VconParser.DEFAULT_MAX_DOCUMENT_BYTES, 2, Integer.MAX_VALUE - 8));
    return b.idPolicy(idPolicy()).build();
  }

  /**
   * An option with a fixed set of spellings, parsed by {@code parse}; a bad value is an error naming the option by
   * its path and the spellings it takes ({@code expected}), instead of the parser's own message without the path.
   */
  private <T> Optional<T> choice(String name, Function<String, T> parse, String expected) {
    return string(name)
        .map(
            v -> {
              try {
                return parse.apply(v);
              } catch (StorageConfigurationException e) {
                throw error(name, "must be " + expected + ", was '" + v + "'");
              }
            });
  }

  /** An error that names the option by its full path: {@code storages.s3.options.aws_bucket: required}. */
  public StorageConfigurationException error(String name, String problem) {
    return new StorageConfigurationException(path + "." + name + ": " + problem);
  }

  /** Whether an option's value must never be shown. */
  public static boolean isSecret(String name) {
    // The access key id is not secret to AWS, but it identifies an account: masked too.
    return SECRET_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches();
  }

  /** Text with the user:password part of any URL replaced by {@code ***@}. */
  public static String maskUrlCredentials(String text) {
    return URL_CREDENTIALS.matcher(text).replaceAll("***@");
  }

  @Override
  public String toString() {
    return path + maskSecrets(values);
  }

  /**
   * A value as text with every secret masked: options named like secrets (at any depth of nested maps and
   * lists, since a secret may sit anywhere in a YAML tree) and the credentials of URLs.
   */
  public static String maskSecrets(Object value) {
    if (value instanceof Map<?, ?> map) {
      StringBuilder out = new StringBuilder("{");
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          out.append(", ");
        }
        first = false;
        String key = String.valueOf(e.getKey());
        out.append(key).append('=').append(isSecret(key) ? "****" : maskSecrets(e.getValue()));
      }
      return out.append('}').toString();
    }
    if (value instanceof Iterable<?> items) {
      StringBuilder out = new StringBuilder("[");
      boolean first = true;
      for (Object item : items) {
        if (!first) {
          out.append(", ");
        }
        first = false;
        out.append(maskSecrets(item));
      }
      return out.append(']').toString();
    }
    return maskUrlCredentials(String.valueOf(value));
  }
}
