package io.vcon.storage.config;

import io.vcon.storage.spi.ProviderOptions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One configured module: a storage under {@code storages.<name>} or the {@code source}, with its module id or
 * alias ({@code storage.s3}, {@code file}, ...) and its options, environment references already expanded.
 * {@link #toString()} masks secrets.
 */
public final class ModuleDefinition {

  private final String name;
  private final String module;
  private final Map<String, Object> options;
  private final String yamlPath;

  private ModuleDefinition(
      String name, String module, Map<String, Object> options, String yamlPath) {
    this.name = Objects.requireNonNull(name, "name");
    this.module = Objects.requireNonNull(module, "module");
    this.options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    this.yamlPath = Objects.requireNonNull(yamlPath, "yamlPath");
  }

  /** A definition from code; {@code yamlPath} is where errors say it came from, e.g. {@code storages.s3}. */
  public static ModuleDefinition of(
      String name, String module, Map<String, ?> options, String yamlPath) {
    Map<String, Object> copy = new LinkedHashMap<>();
    options.forEach(
        (k, v) -> {
          if (v != null) {
            copy.put(k, v);
          }
        });
    return new ModuleDefinition(name, module, copy, yamlPath);
  }

  /** The storage's name ({@code s3} in {@code storages.s3}), or {@code source}. */
  public String name() {
    return name;
  }

  /** The module id or alias the provider is looked up by. */
  public String module() {
    return module;
  }

  /** The options, unmodifiable; YAML {@code null}s are left out. */
  public Map<String, Object> options() {
    return options;
  }

  /** Where this definition sits in the YAML file, e.g. {@code storages.s3}. */
  public String yamlPath() {
    return yamlPath;
  }

  /** The options for the provider, reporting errors as {@code storages.s3.options.aws_bucket: ...}. */
  public ProviderOptions providerOptions() {
    return ProviderOptions.of(options()).withPath(yamlPath + ".options");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ModuleDefinition d
        && d.name.equals(name)
        && d.module.equals(module)
        && d.options.equals(options)
        && d.yamlPath.equals(yamlPath);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, module, options, yamlPath);
  }

  @Override
  public String toString() {
    return name + "{module=" + module + ", options=" + ProviderOptions.maskSecrets(options()) + "}";
  }
}
