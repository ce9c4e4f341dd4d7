package io.vcon.storage.api.key;

import io.vcon.storage.api.VconId;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * What an object key says once parsed back: the vCon id, and the day of its date folder, absent for the
 * flat {@code [prefix/]<uuid>.vcon} keys that old vcon-server versions wrote.
 */
public final class StoredKey {
  private final VconId id;
  private final LocalDate day;

  private StoredKey(VconId id, LocalDate day) {
    this.id = id;
    this.day = day;
  }

  public static StoredKey dated(VconId id, LocalDate day) {
    return new StoredKey(id, day);
  }

  public static StoredKey flat(VconId id) {
    return new StoredKey(id, null);
  }

  public VconId id() {
    return id;
  }

  public Optional<LocalDate> day() {
    return Optional.ofNullable(day);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StoredKey k && k.id.equals(id) && Objects.equals(k.day, day);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, day);
  }

  @Override
  public String toString() {
    return day == null ? id + " (flat)" : id + " @ " + DatePath.format(day);
  }
}
