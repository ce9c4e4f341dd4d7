package io.vcon.storage.spring.autoconfigure;

import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.config.ConfigLoader;
import io.vcon.storage.config.ModuleDefinition;
import io.vcon.storage.config.VconStorageConfig;
import io.vcon.storage.spi.Providers;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;

/**
 * Turns {@code vcon.storage.*} into the config module's {@link VconStorageConfig}: either the YAML
 * file {@code config-file} names, read by the config module's loader, or the {@code storages} and
 * {@code source} properties. Errors name the property path ({@code
 * vcon.storage.storages.s3.options.aws_bucket: ...}).
 */
final class PropertiesConfigReader {

  private PropertiesConfigReader() {}

  static VconStorageConfig read(VconStorageProperties properties, Environment environment) {
    Resource file = properties.getConfigFile();
    if (file != null) {
      if (!properties.getStorages().isEmpty() || properties.getSource() != null) {
        throw new StorageConfigurationException(
            VconStorageProperties.PREFIX
                + ".config-file: set either a"
                + " configuration file or "
                + VconStorageProperties.PREFIX
                + ".storages / .source, not both");
      }
      return fromFile(file, properties.isSkipUnknownModules(), environment);
    }
    VconStorageConfig.Builder config = VconStorageConfig.builder();
    properties
        .getStorages()
        .forEach(
            (name, module) -> {
              String path = VconStorageProperties.PREFIX + ".storages." + name;
              ModuleDefinition definition = definition(name, module, path);
              knownModule(path, () -> Providers.storeProvider(definition.module()));
              config.storage(definition);
            });
    if (properties.getSource() != null) {
      String path = VconStorageProperties.PREFIX + ".source";
      ModuleDefinition definition = definition("source", properties.getSource(), path);
      knownModule(path, () -> Providers.sourceProvider(definition.module()));
      config.source(definition);
    }
    return config.build();
  }

  private static VconStorageConfig fromFile(
      Resource file, boolean skipUnknown, Environment environment) {
    String origin = file.getDescription();
    // ${VAR} in the file resolves like any Spring property: environment variables, system
    // properties, ...
    ConfigLoader loader =
        ConfigLoader.builder()
            .environment(environment::getProperty)
            .skipUnknownModules(skipUnknown)
            .build();
    try (Reader reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
      return loader.parse(reader, origin);
    } catch (IOException e) {
      throw new StorageConfigurationException(
          VconStorageProperties.PREFIX
              + ".config-file: cannot read "
              + origin
              + " ("
              + e.getClass().getSimpleName()
              + "); check the path and its permissions",
          e);
    }
  }

  private static ModuleDefinition definition(
      String name, VconStorageProperties.Module module, String path) {
    if (module.getModule() == null || module.getModule().isBlank()) {
      throw new StorageConfigurationException(
          path + ".module: required, e.g. " + path + ".module=storage.s3");
    }
    return ModuleDefinition.of(
        name, module.getModule().trim(), snakeCase(module.getOptions()), path);
  }

  /**
   * Adapters name options in snake_case, as vcon-server does; Spring users may write kebab-case.
   */
  private static Map<String, Object> snakeCase(Map<String, Object> options) {
    Map<String, Object> out = new LinkedHashMap<>();
    options.forEach((key, value) -> out.put(key.replace('-', '_'), value));
    return out;
  }

  private static void knownModule(String path, Runnable lookup) {
    try {
      lookup.run();
    } catch (StorageConfigurationException e) {
      throw new StorageConfigurationException(path + ".module: " + e.getMessage(), e);
    }
  }
}
