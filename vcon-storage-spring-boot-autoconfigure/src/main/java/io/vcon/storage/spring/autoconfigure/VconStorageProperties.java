package io.vcon.storage.spring.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * {@code vcon.storage.*}: vcon-server's YAML sections under a Spring prefix ({@code
 * storages.<name>.module} and {@code .options}, {@code source}, {@code metrics}), or {@code
 * config-file} pointing at a vcon-server style YAML file. Option names are the adapters' own
 * ({@code aws_bucket}, {@code s3_path}, ...); kebab-case ({@code aws-bucket}) is accepted too.
 */
@ConfigurationProperties(prefix = VconStorageProperties.PREFIX)
public class VconStorageProperties {

  /** The prefix of every property here. */
  public static final String PREFIX = "vcon.storage";

  /** Whether to configure vCon storage at all. */
  private boolean enabled = true;

  /**
   * A vcon-server style YAML file ({@code storages:}, {@code source:}, {@code metrics:}; {@code
   * ${VAR}} and {@code ${VAR:-default}} resolved from the Spring environment), e.g. {@code
   * file:/etc/vcon/config.yml} or {@code classpath:vcon-storage.yml}. Excludes {@code storages} and
   * {@code source}.
   */
  private Resource configFile;

  /**
   * With {@code config-file}: skip storages whose module is not on the class path (with a warning).
   */
  private boolean skipUnknownModules;

  /**
   * The stores by name, as in vcon-server's {@code storages:} section; each becomes a VconStore
   * bean.
   */
  private Map<String, Module> storages = new LinkedHashMap<>();

  /** Where {@code Storage.save(id)} reads vCons from, e.g. module redis. */
  private Module source;

  /** Meters and observations for every store and the source. */
  private final Metrics metrics = new Metrics();

  /** Actuator health of every store and the source. */
  private final Health health = new Health();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Resource getConfigFile() {
    return configFile;
  }

  public void setConfigFile(Resource configFile) {
    this.configFile = configFile;
  }

  public boolean isSkipUnknownModules() {
    return skipUnknownModules;
  }

  public void setSkipUnknownModules(boolean skipUnknownModules) {
    this.skipUnknownModules = skipUnknownModules;
  }

  public Map<String, Module> getStorages() {
    return storages;
  }

  public void setStorages(Map<String, Module> storages) {
    this.storages = storages;
  }

  public Module getSource() {
    return source;
  }

  public void setSource(Module source) {
    this.source = source;
  }

  public Metrics getMetrics() {
    return metrics;
  }

  public Health getHealth() {
    return health;
  }

  /** One store or the source: vcon-server's {@code module} and {@code options}. */
  public static class Module {

    /**
     * Provider id or vcon-server module name: s3 / storage.s3, file / storage.file, memory, redis.
     */
    private String module;

    /** The module's options, named as in vcon-server's YAML (aws_bucket, s3_path, url, ...). */
    private Map<String, Object> options = new LinkedHashMap<>();

    public String getModule() {
      return module;
    }

    public void setModule(String module) {
      this.module = module;
    }

    public Map<String, Object> getOptions() {
      return options;
    }

    public void setOptions(Map<String, Object> options) {
      this.options = options;
    }
  }

  /** {@code vcon.storage.metrics.*}. */
  public static class Metrics {

    /** Whether stores and the source are metered when the application has a MeterRegistry. */
    private boolean enabled = true;

    /** Meter names: vcon (vcon.storage.operations, ...) or conserver (vcon-server's). */
    private String naming = "vcon";

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getNaming() {
      return naming;
    }

    public void setNaming(String naming) {
      this.naming = naming;
    }
  }

  /**
   * {@code vcon.storage.health.*}; switch the indicator off with
   * management.health.vcon-storage.enabled.
   */
  public static class Health {

    /** How long one store's or the source's check may take before it reports DOWN. */
    private Duration timeout = Duration.ofSeconds(5);

    public Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }
  }
}
