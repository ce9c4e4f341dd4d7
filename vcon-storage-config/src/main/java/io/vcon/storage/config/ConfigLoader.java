package io.vcon.storage.config;

import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.spi.NamedProvider;
import io.vcon.storage.spi.Providers;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads vcon-server's YAML configuration format with SnakeYAML's safe loader (plain maps, lists and scalars;
 * no arbitrary types). Uses the {@code storages} section (and our optional {@code source} and {@code metrics}
 * sections, see {@link MetricsSettings}); every other
 * top-level section ({@code chains}, {@code links}, ...) is ignored, so a whole vcon-server {@code config.yml}
 * loads. String values in the used sections may reference {@code ${VAR}} or {@code ${VAR:-default}}.
 *
 * <pre>{@code
 * VconStorageConfig config = ConfigLoader.builder().build().load(Path.of("config.yml"));
 * try (Storage storage = config.buildStorage()) { ... }
 * }</pre>
 */
public final class ConfigLoader {

  private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

  private final Function<String, String> environment;
  private final boolean skipUnknownModules;

  private ConfigLoader(Builder b) {
    this.environment = b.environment;
    this.skipUnknownModules = b.skipUnknownModules;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Loads a YAML file. */
  public VconStorageConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StorageConfigurationException(
          "Cannot read configuration file " + file + ": " + e.getMessage(), e);
    }
    return parse(new StringReader(text), file.toString());
  }

  /** Loads YAML text. */
  public VconStorageConfig parse(String yaml) {
    return parse(new StringReader(yaml), "<string>");
  }

  /** Loads YAML from a reader; {@code origin} names it in errors. */
  public VconStorageConfig parse(Reader yaml, String origin) {
    Object root = readYaml(yaml, origin);
    VconStorageConfig.Builder config = VconStorageConfig.builder();
    if (root == null) {
      return config.build();
    }
    if (!(root instanceof Map<?, ?> top)) {
      throw new StorageConfigurationException(
          origin + ": the top level must be a map of sections (storages, ...)");
    }
    Interpolator interpolator = new Interpolator(environment);
    Object storages = top.get("storages");
    if (storages != null) {
      if (!(storages instanceof Map<?, ?> byName)) {
        throw new StorageConfigurationException(
            "storages: must be a map of storage names to {module, options}");
      }
      Set<String> knownStores = names(Providers.storeProviders());
      for (Map.Entry<?, ?> e : byName.entrySet()) {
        String name = String.valueOf(e.getKey());
        String path = "storages." + name;
        String module = module(path, e.getValue(), interpolator);
        // The module is checked before the options are read: an unknown storage's ${MONGO_URL} need
        // not be set.
        if (!knownStores.contains(module)) {
          if (!skipUnknownModules) {
            ModuleDefinition unknown = ModuleDefinition.of(name, module, Map.of(), path);
            throw unknownModule(unknown, Providers.storeProviders(), "store");
          }
          LOG.warn(
              "{}.module: {} is not a store this library implements (known: {});"
                  + " skipping storage '{}'",
              path,
              module,
              new TreeSet<>(knownStores),
              name);
          config.skipped(name, module);
          continue;
        }
        config.storage(definition(name, path, e.getValue(), interpolator));
      }
    }
    Object source = top.get("source");
    if (source != null) {
      ModuleDefinition def = definition("source", "source", source, interpolator);
      if (!names(Providers.sourceProviders()).contains(def.module())) {
        throw unknownModule(def, Providers.sourceProviders(), "source");
      }
      config.source(def);
    }
    Object metrics = top.get("metrics");
    if (metrics != null) {
      config.metrics(metrics(metrics, interpolator));
    }
    return config.build();
  }

  private Object readYaml(Reader reader, String origin) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    Yaml yaml = new Yaml(new SafeConstructor(options));
    try {
      return yaml.load(reader);
    } catch (MarkedYAMLException e) {
      // The problem and position only: SnakeYAML's message quotes the document, which may hold a
      // secret.
      Mark mark = e.getProblemMark();
      String where =
          mark == null
              ? ""
              : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
      throw new StorageConfigurationException(
          origin + ": invalid YAML" + where + ": " + e.getProblem());
    } catch (YAMLException e) {
      throw new StorageConfigurationException(
          origin + ": invalid YAML: " + e.getClass().getSimpleName());
    }
  }

  /** {@code metrics: true|false} or {@code metrics: {enabled: true, naming: vcon|conserver}}. */
  private static MetricsSettings metrics(Object section, Interpolator interpolator) {
    if (section instanceof Map<?, ?> map) {
      for (Object key : map.keySet()) {
        if (!"enabled".equals(key) && !"naming".equals(key)) {
          throw new StorageConfigurationException(
              "metrics."
                  + key
                  + ": unknown setting; the metrics section takes 'enabled' and 'naming'");
        }
      }
      // A section with settings but no 'enabled' means the user wants metrics.
      boolean enabled =
          map.containsKey("enabled")
              ? bool(map.get("enabled"), "metrics.enabled", interpolator)
              : true;
      Object naming = map.get("naming");
      String name =
          naming == null
              ? MetricsSettings.NAMING_VCON
              : interpolator.expand(String.valueOf(naming), "metrics.naming");
      return MetricsSettings.of(enabled, name);
    }
    return bool(section, "metrics", interpolator)
        ? MetricsSettings.enabled()
        : MetricsSettings.disabled();
  }

  private static boolean bool(Object value, String path, Interpolator interpolator) {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String s) {
      String expanded = interpolator.expand(s, path).trim();
      if (expanded.equalsIgnoreCase("true")) {
        return true;
      }
      if (expanded.equalsIgnoreCase("false")) {
        return false;
      }
    }
    throw new StorageConfigurationException(
        path
            + ": must be true or false"
            + (path.equals("metrics") ? " (or a map with 'enabled' and 'naming')" : ""));
  }

  /** The entry's {@code module}, expanded; an error naming the path when the entry has none. */
  private static String module(String path, Object entry, Interpolator interpolator) {
    if (!(entry instanceof Map<?, ?> map)) {
      throw new StorageConfigurationException(path + ": must be a map with 'module' and 'options'");
    }
    Object module = map.get("module");
    if (module == null
        || module instanceof Map
        || module instanceof List
        || String.valueOf(module).isBlank()) {
      throw new StorageConfigurationException(
          path + ".module: required, e.g. module: storage.file");
    }
    return interpolator.expand(String.valueOf(module), path + ".module");
  }

  private static ModuleDefinition definition(
      String name, String path, Object entry, Interpolator interpolator) {
    String moduleName = module(path, entry, interpolator);
    Map<?, ?> map = (Map<?, ?>) entry;
    Object options = map.get("options");
    Map<String, Object> opts = new LinkedHashMap<>();
    if (options != null) {
      if (!(options instanceof Map<?, ?> optionMap)) {
        throw new StorageConfigurationException(
            path + ".options: must be a map of option names to values");
      }
      for (Map.Entry<?, ?> o : optionMap.entrySet()) {
        String key = String.valueOf(o.getKey());
        Object value = expand(o.getValue(), path + ".options." + key, interpolator);
        if (value != null) {
          opts.put(key, value);
        }
      }
    }
    return ModuleDefinition.of(name, moduleName, opts, path);
  }

  /** Expands references in every string, at any depth; maps and lists come back unmodifiable. */
  private static Object expand(Object value, String path, Interpolator interpolator) {
    if (value instanceof String s) {
      return interpolator.expand(s, path);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), expand(v, path + "." + k, interpolator)));
      return Collections.unmodifiableMap(out);
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        out.add(expand(list.get(i), path + "[" + i + "]", interpolator));
      }
      return Collections.unmodifiableList(out);
    }
    return value;
  }

  private static Set<String> names(List<? extends NamedProvider> providers) {
    Set<String> names = new HashSet<>();
    for (NamedProvider p : providers) {
      names.add(p.id());
      names.addAll(p.aliases());
    }
    return names;
  }

  private static <P extends NamedProvider> StorageConfigurationException unknownModule(
      ModuleDefinition def, List<P> providers, String kind) {
    try {
      Providers.select(providers, def.module(), kind);
    } catch (StorageConfigurationException e) {
      return new StorageConfigurationException(
          def.yamlPath()
              + ".module: "
              + e.getMessage()
              + (kind.equals("store")
                  ? " To load the rest of the file anyway, skip such storages:"
                      + " ConfigLoader.builder().skipUnknownModules(true) (the command line does)."
                  : ""),
          e);
    }
    return new StorageConfigurationException(
        def.yamlPath() + ".module: unknown " + kind + " module '" + def.module() + "'");
  }

  /** Builds a {@link ConfigLoader}. */
  public static final class Builder {
    private Function<String, String> environment = System::getenv;
    private boolean skipUnknownModules;

    private Builder() {}

    /** Where {@code ${VAR}} values come from; {@code System::getenv} by default (tests pass a map's {@code get}). */
    public Builder environment(Function<String, String> environment) {
      this.environment = Objects.requireNonNull(environment, "environment");
      return this;
    }

    /**
     * Whether a storage whose module is not on the classpath (vcon-server's {@code storage.mongo}, say) is
     * skipped with a warning instead of failing the load. Off by default.
     */
    public Builder skipUnknownModules(boolean skip) {
      this.skipUnknownModules = skip;
      return this;
    }

    public ConfigLoader build() {
      return new ConfigLoader(this);
    }
  }
}
