package io.vcon.storage.micrometer;

import io.vcon.storage.api.StorageConfigurationException;
import java.util.Locale;

/** Which meter names a metered store records under. */
public enum MetricNaming {
  /**
   * Ours: timer {@code vcon.storage.operations} and summary {@code vcon.storage.bytes}, tagged {@code store},
   * {@code backend}, {@code operation}, {@code outcome}, for every operation.
   */
  VCON_STORAGE("vcon"),
  /**
   * vcon-server's, so its dashboards keep working: counter {@code conserver.storage.count} and summary
   * {@code conserver.storage.duration_ms}, tagged {@code backend} (the storage's name, as vcon-server sets it)
   * and {@code outcome} ({@code success} or {@code error}), for saves only, as vcon-server records them.
   */
  CONSERVER("conserver");

  private final String id;

  MetricNaming(String id) {
    this.id = id;
  }

  /** The name used in YAML: {@code vcon} or {@code conserver}. */
  public String id() {
    return id;
  }

  /** The naming for a YAML value, {@code vcon} or {@code conserver} (any case). */
  public static MetricNaming of(String id) {
    for (MetricNaming n : values()) {
      if (n.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
        return n;
      }
    }
    throw new StorageConfigurationException(
        "metrics.naming: must be 'vcon' or 'conserver', was '" + id + "'");
  }
}
