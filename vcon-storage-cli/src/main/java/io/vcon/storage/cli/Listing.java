package io.vcon.storage.cli;

import io.vcon.storage.api.Capability;
import io.vcon.storage.api.RawObjects;
import io.vcon.storage.api.UnsupportedCapabilityException;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.api.key.DatePath;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.api.key.StoredKey;
import java.time.LocalDate;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a store holds, as (id, day) entries: through {@link VconStore#list} day by day when a range is given, or
 * through the raw key listing (which also finds flat legacy keys) when it is not.
 */
final class Listing {
  private Listing() {}

  /** One stored object: its vCon id and the day of its date folder (null for a flat legacy key). */
  record Entry(VconId id, LocalDate day) {
    String dayText() {
      return day == null ? "(flat)" : DatePath.format(day);
    }
  }

  static Stream<Entry> entries(VconStore store, Optional<DateRange.Days> range) {
    if (range.isPresent()) {
      DateRange.Days days = range.get();
      if (store.capabilities().contains(Capability.LIST_BY_DATE)) {
        return days.from()
            .datesUntil(days.to().plusDays(1))
            .flatMap(day -> store.list(day, day).map(id -> new Entry(id, day)));
      }
      return raw(store).filter(e -> e.day() != null && days.contains(e.day()));
    }
    return raw(store);
  }

  private static Stream<Entry> raw(VconStore store) {
    if (!store.capabilities().contains(Capability.RAW_OBJECTS)) {
      if (store.capabilities().contains(Capability.LIST_BY_DATE)) {
        throw new UnsupportedCapabilityException(
            Capability.RAW_OBJECTS, store.name() + " (give --date or --since)");
      }
      throw new UnsupportedCapabilityException(Capability.LIST_BY_DATE, store.name());
    }
    RawObjects raw = store.rawObjects();
    KeyStrategy keys = raw.keys();
    return raw.list(keys.root())
        .map(keys::parseObjectKey)
        .flatMap(Optional::stream)
        .map((StoredKey k) -> new Entry(k.id(), k.day().orElse(null)));
  }
}
