package io.vcon.storage.cli;

import io.vcon.storage.api.IdPolicy;
import io.vcon.storage.api.Storage;
import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconParser;
import io.vcon.storage.api.VconSource;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.config.ConfigLoader;
import io.vcon.storage.config.ModuleDefinition;
import io.vcon.storage.config.StorageAssembly;
import io.vcon.storage.config.VconStorageConfig;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.spi.Providers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stores and source one run works with, from {@code --config} / {@code VCON_STORAGE_CONFIG}, or else the
 * embedded default: a {@code file} store in {@code ./vcon-data} (or {@code --data DIR}) named {@code local}.
 * Everything it opens is closed with it.
 */
final class Session implements AutoCloseable {
  static final String CONFIG_ENV = "VCON_STORAGE_CONFIG";
  static final String EMBEDDED_STORE = "local";
  static final String DEFAULT_DATA_DIR = "vcon-data";

  /**
   * {@code max_file_size} of the embedded store and of directories named on the command line: the largest vCon the
   * parser accepts by default (100 MiB), so a recorded call that import or save read is never refused by the store.
   * vcon-server's 10 MiB stays the default of configured {@code storage.file} stores, which mirror its options.
   */
  static final int EMBEDDED_MAX_FILE_SIZE = VconParser.DEFAULT_MAX_DOCUMENT_BYTES;

  private final CliContext context;
  private final VconStorageConfig config;
  private final String configOrigin;
  private final Path configFile;
  private final String selected;
  private final IdPolicy directoryIdPolicy;
  private final Map<String, VconStore> open = new LinkedHashMap<>();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  private Session(
      CliContext context,
      VconStorageConfig config,
      String configOrigin,
      Path configFile,
      String selected,
      IdPolicy directoryIdPolicy) {
    this.context = context;
    this.config = config;
    this.configOrigin = configOrigin;
    this.configFile = configFile;
    this.selected = selected;
    this.directoryIdPolicy = directoryIdPolicy;
  }

  static Session open(VconStorageCli options) {
    CliContext context = options.context;
    Path configFile = null;
    if (options.config != null) {
      configFile = context.resolve(options.config);
    } else {
      String fromEnv = context.env.apply(CONFIG_ENV);
      if (fromEnv != null && !fromEnv.isBlank()) {
        configFile = context.resolve(Path.of(fromEnv.strip()));
      }
    }
    IdPolicy idPolicy = options.idPolicy == null ? null : idPolicyOption(options.idPolicy);
    VconStorageConfig config;
    String origin;
    if (configFile != null) {
      if (options.data != null) {
        throw new StorageConfigurationException(
            "--data selects the directory of the embedded default store and cannot be combined with"
                + " a config file ("
                + configFile
                + "); choose a configured storage with --store NAME.");
      }
      if (!Files.isRegularFile(configFile)) {
        throw new StorageConfigurationException(
            "Config file "
                + configFile
                + " does not exist or is not a file (from "
                + (options.config != null ? "--config" : CONFIG_ENV)
                + ").");
      }
      // A vcon-server config.yml also lists storages this tool does not implement (storage.mongo,
      // ...): each is named once in a WARN line and left out, the rest work.
      config =
          ConfigLoader.builder()
              .environment(context.env)
              .skipUnknownModules(true)
              .build()
              .load(configFile);
      origin = configFile.toString();
      if (config.storages().isEmpty() && !config.skippedStorageModules().isEmpty()) {
        StringBuilder skipped = new StringBuilder();
        config
            .skippedStorageModules()
            .forEach(
                (name, module) ->
                    skipped
                        .append(skipped.length() == 0 ? "" : ", ")
                        .append("storages.")
                        .append(name)
                        .append(" (")
                        .append(module)
                        .append(')'));
        throw new StorageConfigurationException(
            configFile
                + ": none of its storages is one this tool implements (skipped: "
                + skipped
                + "); add one with module storage.s3, storage.file or memory.");
      }
      if (config.storages().isEmpty()) {
        throw new StorageConfigurationException(
            configFile
                + ": no storages are configured; add a 'storages:' section, e.g. storages: {"
                + " archive: { module: storage.file, options: { path: ./vcon-data } } }.");
      }
    } else {
      Path data = context.resolve(options.data != null ? options.data : Path.of(DEFAULT_DATA_DIR));
      Map<String, Object> embedded = new LinkedHashMap<>();
      embedded.put("path", data.toString());
      embedded.put("max_file_size", EMBEDDED_MAX_FILE_SIZE);
      if (idPolicy != null) {
        embedded.put("id_policy", idPolicy.option());
      }
      config = VconStorageConfig.builder().storage(EMBEDDED_STORE, "file", embedded).build();
      origin = "embedded default (file store in " + data + ")";
    }
    String selected =
        options.store != null ? options.store : config.storages().keySet().iterator().next();
    String skippedModule = config.skippedStorageModules().get(selected);
    if (skippedModule != null) {
      throw new StorageConfigurationException(
          "--store "
              + selected
              + ": storages."
              + selected
              + " uses module "
              + skippedModule
              + ", which this tool does not implement, so it was skipped; choose one of "
              + config.storages().keySet()
              + ".");
    }
    if (!config.storages().containsKey(selected)) {
      throw new StorageConfigurationException(
          "--store "
              + selected
              + ": no such storage in "
              + origin
              + "; configured storages: "
              + config.storages().keySet());
    }
    return new Session(context, config, origin, configFile, selected, idPolicy);
  }

  private static IdPolicy idPolicyOption(String text) {
    try {
      return IdPolicy.fromOption(text.strip());
    } catch (StorageConfigurationException e) {
      throw new StorageConfigurationException(
          "--id-policy: must be uuid or token, was '" + text + "'");
    }
  }

  /** The storage chosen with {@code --store}, or the first configured one. */
  String selectedName() {
    return selected;
  }

  String origin() {
    return configOrigin;
  }

  /** The YAML file in use; empty for the embedded default store. */
  Optional<Path> configFile() {
    return Optional.ofNullable(configFile);
  }

  /** The configured source's definition, if there is one. */
  Optional<ModuleDefinition> sourceDefinition() {
    return config.source();
  }

  VconStore store() {
    return store(selected);
  }

  /**
   * A configured storage by name; or a directory, as {@code file:PATH} or any text with a slash in it (so that
   * {@code copy --to ./backup} works without a config entry).
   */
  VconStore store(String spec) {
    VconStore existing = open.get(spec);
    if (existing != null) {
      return existing;
    }
    VconStore store;
    if (config.storages().containsKey(spec)) {
      store = config.createStore(spec);
    } else if (spec.startsWith("file:")
        || spec.contains("/")
        || spec.contains("\\")
        || spec.equals(".")) {
      Path dir = context.resolve(Path.of(spec.startsWith("file:") ? spec.substring(5) : spec));
      // A directory named on the command line takes --id-policy, else the selected storage's
      // policy, so copy --to ./backup of an archive of token ids works.
      IdPolicy policy = directoryIdPolicy != null ? directoryIdPolicy : store().idPolicy();
      Map<String, Object> options =
          Map.of(
              "path",
              dir.toString(),
              "id_policy",
              policy.option(),
              "max_file_size",
              EMBEDDED_MAX_FILE_SIZE);
      store = Providers.createStore("file", ProviderOptions.of(options).withPath(spec));
    } else if (config.skippedStorageModules().containsKey(spec)) {
      throw new StorageConfigurationException(
          "'"
              + spec
              + "': storages."
              + spec
              + " uses module "
              + config.skippedStorageModules().get(spec)
              + ", which this tool does not implement, so it was skipped; configured storages: "
              + config.storages().keySet()
              + ".");
    } else {
      throw new StorageConfigurationException(
          "'"
              + spec
              + "' is neither a configured storage nor a directory; configured storages in "
              + configOrigin
              + ": "
              + config.storages().keySet()
              + " (write a directory as file:PATH or ./PATH).");
    }
    open.put(spec, store);
    closeables.add(store);
    return store;
  }

  /** Every configured storage, opened. */
  Map<String, VconStore> allStores() {
    Map<String, VconStore> all = new LinkedHashMap<>();
    for (String name : config.storages().keySet()) {
      all.put(name, store(name));
    }
    return all;
  }

  /** The configured source; without one, an error that says how to configure it. */
  VconSource source() {
    if (config.source().isEmpty()) {
      throw new StorageConfigurationException(
          "save reads vCons from a source, and no source is configured ("
              + configOrigin
              + "). Configure one in a YAML file given"
              + " with --config (or "
              + CONFIG_ENV
              + "), e.g. source: { module: redis, options: { url:"
              + " \"redis://localhost:6379\" } }.");
    }
    VconSource source = config.createSource().orElseThrow();
    closeables.add(source);
    return source;
  }

  /**
   * The library's facade over stores and a source this session opened, built the one way every library user
   * builds it ({@link StorageAssembly#facade}). Do not close it: the session closes the parts.
   */
  Storage storage(Optional<VconSource> source, Map<String, VconStore> stores) {
    return StorageAssembly.facade(source, stores);
  }

  /**
   * The id policy of the selected storage (its {@code id_policy} option, or {@code --id-policy} for
   * the embedded store), as the store itself reports it, so ids typed by a person are checked as
   * the store will.
   */
  IdPolicy idPolicy() {
    return store().idPolicy();
  }

  /** An id typed by a person, under the selected storage's policy ({@code get abc123}: token). */
  VconId id(String text) {
    return VconId.of(text, idPolicy());
  }

  VconParser parser() {
    return VconParser.builder().idPolicy(idPolicy()).build();
  }

  Optional<ModuleDefinition> definition(String name) {
    return Optional.ofNullable(config.storages().get(name));
  }

  @Override
  public void close() {
    for (AutoCloseable c : closeables) {
      try {
        c.close();
      } catch (Exception e) {
        context.err.println("warning: closing " + c + " failed: " + e.getMessage());
      }
    }
  }
}
