package io.vcon.storage.spi;

import io.vcon.storage.api.StorageConfigurationException;
import java.util.Locale;

/** What a store does with content hashes: option {@code content_hash}. */
public enum ContentHashMode {
  /** Record a hash on every write; check it on read where present (objects vcon-server wrote have none). */
  RECORD("record"),
  /** As {@code record}, and refuse to return an object that carries no hash: an archive only this library fills. */
  REQUIRE("require"),
  /** Neither record nor check: what vcon-server does. */
  OFF("off");

  private final String option;

  ContentHashMode(String option) {
    this.option = option;
  }

  public String option() {
    return option;
  }

  public static ContentHashMode fromOption(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (ContentHashMode mode : values()) {
      if (mode.option.equals(v)) {
        return mode;
      }
    }
    throw new StorageConfigurationException(
        "content_hash must be record, require or off, was '" + value + "'");
  }
}
