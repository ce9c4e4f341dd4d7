package io.vcon.storage.api.key;

import io.vcon.storage.api.StorageConfigurationException;

/**
 * What to do with a vCon that has no {@code created_at} (most IETF draft examples and old vCons have none).
 * vcon-server files them under the current UTC date and rewrites the body; we never rewrite the body.
 */
public enum MissingCreatedAtPolicy {
  /** File it under the save time's UTC date; the lookup pointer records that date, so get still finds it. */
  SAVE_TIME,
  /** Refuse it with an {@code InvalidVconException}. */
  REJECT;

  /** Parses the {@code missing_created_at} option: {@code save_time} or {@code reject}. */
  public static MissingCreatedAtPolicy fromOption(String value) {
    return switch (value) {
      case "save_time" -> SAVE_TIME;
      case "reject" -> REJECT;
      default ->
          throw new StorageConfigurationException(
              "missing_created_at: '"
                  + value
                  + "' is not a known policy; use 'save_time' or 'reject'.");
    };
  }
}
