package io.vcon.storage.archive;

import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconNotFoundException;
import io.vcon.storage.api.VconStorageException;
import io.vcon.storage.api.VconStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Writes stored vCons as {@code <uuid>.vcon} files into a directory, byte for byte, each file
 * complete or absent (written aside, then moved into place): the given ids, the days of a range, or
 * everything. Per-item errors go to the listener; an error no item survives ({@link
 * JobErrors#isFatal}) stops the job and is thrown.
 */
public final class ExportJob {

  private final VconStore store;
  private final Path directory;
  private final List<VconId> ids;
  private final Optional<DayRange> days;
  private final int parallel;
  private final ArchiveListener listener;
  private final Cancellation cancellation;
  private final Shard shard;
  private final S3Inventory inventory;
  private final String storeName;

  private ExportJob(Builder b) {
    this.store = b.store;
    this.directory = b.directory;
    this.ids = List.copyOf(b.ids);
    this.days = Optional.ofNullable(b.days);
    if (!ids.isEmpty() && days.isPresent()) {
      throw new IllegalArgumentException("give ids or a day range, not both");
    }
    this.parallel = b.parallel;
    this.listener = b.listener;
    this.cancellation = b.cancellation;
    this.shard = b.shard;
    this.inventory = b.inventory;
    this.storeName = b.storeName != null ? b.storeName : store.name();
  }

  public static Builder builder(VconStore store, Path directory) {
    return new Builder(store, directory);
  }

  /** Runs the export to its end, its cancellation, or the first fatal error (thrown). */
  public ExportReport run() throws IOException {
    Files.createDirectories(directory);
    Set<String> seen = ConcurrentHashMap.newKeySet();
    AtomicLong written = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    TotalCounter counter = null;
    Stream<VconId> which;
    if (ids.isEmpty()) {
      counter = TotalCounter.start(store, days, shard, inventory, listener);
      which = Listing.entries(store, days, shard, inventory).map(Listing.Entry::id);
    } else {
      List<VconId> mine = ids.stream().filter(shard::covers).toList();
      listener.total(mine.size());
      which = mine.stream();
    }
    boolean stopped;
    try (TotalCounter total = counter;
        Stream<VconId> items = which) {
      stopped =
          Workers.run(
              items.filter(id -> seen.add(id.value())),
              parallel,
              cancellation,
              id -> {
                long size = 0;
                try {
                  size = export(id);
                  written.incrementAndGet();
                  bytes.addAndGet(size);
                } catch (VconStorageException | UncheckedIOException e) {
                  if (JobErrors.isFatal(e)) {
                    throw e;
                  }
                  failed.incrementAndGet();
                  listener.failed(id.value(), e);
                } catch (IOException e) {
                  failed.incrementAndGet();
                  listener.failed(id.value(), e);
                }
                listener.item(size);
              });
    }
    return new ExportReport(written.get(), bytes.get(), failed.get(), stopped);
  }

  private long export(VconId id) throws IOException {
    Vcon vcon = store.get(id).orElseThrow(() -> new VconNotFoundException(id, storeName));
    Path target = directory.resolve(id.value() + ".vcon");
    Path temp = Files.createTempFile(directory, "." + id.value(), ".tmp");
    try {
      Files.write(temp, vcon.bytes());
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
    return vcon.size();
  }

  /** Options of an {@link ExportJob}; only the store and the directory are required. */
  public static final class Builder extends JobBuilder<Builder> {
    private final VconStore store;
    private final Path directory;
    private List<VconId> ids = List.of();
    private DayRange days;
    private int parallel = 4;
    private String storeName;

    private Builder(VconStore store, Path directory) {
      this.store = Objects.requireNonNull(store, "store");
      this.directory = Objects.requireNonNull(directory, "directory");
    }

    /** Only these vCons (default: all, or the day range). */
    public Builder ids(List<VconId> ids) {
      this.ids = Objects.requireNonNull(ids, "ids");
      return this;
    }

    /** Only the vCons filed under these days. */
    public Builder days(DayRange days) {
      this.days = days;
      return this;
    }

    /** Concurrent reads, at least 1 (default 4). */
    public Builder parallel(int parallel) {
      this.parallel = Math.max(1, parallel);
      return this;
    }

    /**
     * The store's name in messages (default {@link VconStore#name()}), e.g. the name it is
     * configured under.
     */
    public Builder storeName(String storeName) {
      this.storeName = storeName;
      return this;
    }

    @Override
    Builder self() {
      return this;
    }

    public ExportJob build() {
      return new ExportJob(this);
    }
  }
}
