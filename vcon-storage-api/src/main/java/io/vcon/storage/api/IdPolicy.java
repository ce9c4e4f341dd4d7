package io.vcon.storage.api;

/** Which vCon ids are accepted. Both policies only admit ids that are safe as one segment of an object key. */
public enum IdPolicy {
  /** Canonical UUID text, {@code 8-4-4-4-12} hex digits, any version, case kept as given. The default. */
  UUID,
  /**
   * UUIDs and path-safe tokens {@code [A-Za-z0-9][A-Za-z0-9._-]{0,127}}, for real data with ids such as
   * {@code SAMPLE-1234-abcd-5678}. Never {@code .} or {@code ..}: a token starts with a letter or digit.
   */
  TOKEN;

  /** The option's spelling: {@code uuid} or {@code token}. */
  public String option() {
    return this == UUID ? "uuid" : "token";
  }

  /** Whether this policy admits {@code id}; {@code TOKEN} admits every id {@code UUID} does. */
  public boolean admits(VconId id) {
    return this == TOKEN || id.isUuid();
  }

  /** Parses the option value {@code uuid} or {@code token} (the {@code id_policy} option). */
  public static IdPolicy fromOption(String value) {
    return switch (value) {
      case "uuid" -> UUID;
      case "token" -> TOKEN;
      default ->
          throw new StorageConfigurationException(
              "id_policy: '" + value + "' is not a known policy; use 'uuid' or 'token'.");
    };
  }
}
