package io.vcon.storage.config;

import io.vcon.storage.api.StorageConfigurationException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The top-level {@code metrics} section: whether stores and the source are metered, and under which metric
 * names. This module only reads the flag; {@code vcon-storage-micrometer} applies it, so configuration does
 * not pull in Micrometer.
 *
 * <pre>{@code
 * metrics: true                                   # vcon.storage.* meters
 * metrics: { enabled: true, naming: conserver }   # vcon-server's conserver.storage.* names
 * }</pre>
 */
public final class MetricsSettings {

  /** Our meter names: {@code vcon.storage.operations}, {@code vcon.storage.bytes}. */
  public static final String NAMING_VCON = "vcon";

  /** vcon-server's names: {@code conserver.storage.count}, {@code conserver.storage.duration_ms}. */
  public static final String NAMING_CONSERVER = "conserver";

  private static final Set<String> NAMINGS = Set.of(NAMING_VCON, NAMING_CONSERVER);
  private static final MetricsSettings DISABLED = new MetricsSettings(false, NAMING_VCON);

  private final boolean enabled;
  private final String naming;

  private MetricsSettings(boolean enabled, String naming) {
    this.enabled = enabled;
    this.naming = naming;
  }

  /** Metrics off: what a file without a {@code metrics} section gets. */
  public static MetricsSettings disabled() {
    return DISABLED;
  }

  /** Metrics on, with our meter names. */
  public static MetricsSettings enabled() {
    return of(true, NAMING_VCON);
  }

  /**
   * Settings from code; {@code naming} is {@code vcon} or {@code conserver}.
   *
   * @throws StorageConfigurationException naming the allowed values when {@code naming} is neither
   */
  public static MetricsSettings of(boolean enabled, String naming) {
    Objects.requireNonNull(naming, "naming");
    String normalized = naming.trim().toLowerCase(Locale.ROOT);
    if (!NAMINGS.contains(normalized)) {
      throw new StorageConfigurationException(
          "metrics.naming: must be 'vcon' or 'conserver', was '" + naming + "'");
    }
    return new MetricsSettings(enabled, normalized);
  }

  public boolean isEnabled() {
    return enabled;
  }

  /** {@link #NAMING_VCON} or {@link #NAMING_CONSERVER}. */
  public String naming() {
    return naming;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MetricsSettings m && m.enabled == enabled && m.naming.equals(naming);
  }

  @Override
  public int hashCode() {
    return Objects.hash(enabled, naming);
  }

  @Override
  public String toString() {
    return "metrics{enabled=" + enabled + ", naming=" + naming + "}";
  }
}
