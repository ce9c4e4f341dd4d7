package io.vcon.storage.archive;

import io.vcon.storage.api.Capability;
import io.vcon.storage.api.ObjectInfo;
import io.vcon.storage.api.RawObjects;
import io.vcon.storage.api.UnsupportedCapabilityException;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.api.key.StoredKey;
import java.time.LocalDate;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a store holds, as (id, day, listed object) entries, lazily: the raw key listing where the
 * store has one (it also finds flat legacy keys, and on S3 gives each object's size and ETag for
 * free), else {@link VconStore#list} day by day.
 */
final class Listing {
  private Listing() {}

  /**
   * One stored object: its id, the day of its date folder (null for a flat key), what the listing
   * said, and what a destination's listing said of the same key ({@code null}: not known; empty:
   * not there).
   */
  record Entry(VconId id, LocalDate day, ObjectInfo info, Optional<ObjectInfo> there) {
    Entry(VconId id, LocalDate day, ObjectInfo info) {
      this(id, day, info, null);
    }

    Entry withThere(Optional<ObjectInfo> destination) {
      return new Entry(id, day, info, destination);
    }
  }

  static Stream<Entry> entries(
      VconStore store, Optional<DayRange> range, Shard shard, S3Inventory inventory) {
    Stream<Entry> all =
        inventory == null ? entries(store, range) : fromInventory(store, range, inventory);
    return shard.count() == 1 ? all : all.filter(e -> shard.covers(e.id()));
  }

  /** The inventory's objects under the store's prefix, instead of a LIST of the bucket. */
  private static Stream<Entry> fromInventory(
      VconStore store, Optional<DayRange> range, S3Inventory inventory) {
    RawObjects objects = store.rawObjects();
    KeyStrategy keys = objects.keys();
    Stream<Entry> all =
        inventory
            .list(keys.root())
            .flatMap(
                info ->
                    keys.parseObjectKey(info.key()).stream()
                        .map((StoredKey k) -> new Entry(k.id(), k.day().orElse(null), info)));
    return range
        .map(days -> all.filter(e -> e.day() != null && days.contains(e.day())))
        .orElse(all);
  }

  /** Every key under the store's root: from the inventory when one is given, else a listing. */
  static Stream<String> keys(RawObjects objects, S3Inventory inventory) {
    String root = objects.keys().root();
    return inventory == null ? objects.list(root) : inventory.list(root).map(ObjectInfo::key);
  }

  static Stream<Entry> entries(VconStore store, Optional<DayRange> range) {
    boolean raw = store.capabilities().contains(Capability.RAW_OBJECTS);
    if (range.isPresent()) {
      DayRange days = range.get();
      Stream<LocalDate> each = days.from().datesUntil(days.to().plusDays(1));
      if (raw) {
        RawObjects objects = store.rawObjects();
        return each.flatMap(day -> parsed(objects, objects.keys().dayPrefix(day)));
      }
      if (store.capabilities().contains(Capability.LIST_BY_DATE)) {
        return each.flatMap(day -> store.list(day, day).map(id -> new Entry(id, day, null)));
      }
      throw new UnsupportedCapabilityException(Capability.LIST_BY_DATE, store.name());
    }
    if (!raw) {
      if (store.capabilities().contains(Capability.LIST_BY_DATE)) {
        throw new UnsupportedCapabilityException(
            Capability.RAW_OBJECTS, store.name() + " (give --date or --since)");
      }
      throw new UnsupportedCapabilityException(Capability.LIST_BY_DATE, store.name());
    }
    RawObjects objects = store.rawObjects();
    return parsed(objects, objects.keys().root());
  }

  private static Stream<Entry> parsed(RawObjects objects, String prefix) {
    KeyStrategy keys = objects.keys();
    return objects
        .listInfo(prefix)
        .flatMap(
            info ->
                keys.parseObjectKey(info.key()).stream()
                    .map((StoredKey k) -> new Entry(k.id(), k.day().orElse(null), info)));
  }
}
