package io.vcon.storage.fs;

import io.vcon.storage.api.BackendException;
import io.vcon.storage.api.Capability;
import io.vcon.storage.api.InvalidVconException;
import io.vcon.storage.api.RawObjects;
import io.vcon.storage.api.UnsupportedCapabilityException;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.engine.StoreLayout;
import io.vcon.storage.spi.Diagnosable;
import io.vcon.storage.spi.DiagnosticOptions;
import io.vcon.storage.spi.DiagnosticResult;
import io.vcon.storage.spi.ContentHashMode;
import io.vcon.storage.engine.ObjectVconStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A directory of vCons laid out as vcon-server's {@code storage.file} lays it out, plus our lookup pointers
 * (ADR 0007). The vcon-server rules (object first, pointer last, legacy fallbacks) come from
 * {@link ObjectVconStore}; this class adds what a directory archive written by vcon-server needs: it has no
 * pointers, so when they find nothing, get, exists and delete search the tree for {@code <uuid>.json[.gz]},
 * as vcon-server's own get does, unless {@code scan_fallback: false}.
 */
final class FsVconStore implements VconStore, Diagnosable {

  private final String name;
  private final FsObjectBackend backend;
  private final ObjectVconStore objects;
  private final StoreLayout layout;
  private final KeyStrategy keys;
  private final boolean organizeByDate;
  private final boolean scanFallback;
  private final long maxFileSize;
  private final Set<Capability> capabilities;

  FsVconStore(
      FsObjectBackend backend, StoreLayout layout, ContentHashMode hashMode, boolean organizeByDate,
      boolean scanFallback, long maxFileSize) {
    this.backend = backend;
    this.name = backend.describe();
    this.layout = layout;
    this.keys = layout.keys();
    this.objects = ObjectVconStore.create(name, backend, layout, hashMode);
    this.organizeByDate = organizeByDate;
    this.scanFallback = scanFallback;
    this.maxFileSize = maxFileSize;
    Set<Capability> caps = EnumSet.copyOf(objects.capabilities());
    if (!organizeByDate) {
      caps.remove(Capability.LIST_BY_DATE);
    }
    this.capabilities = Set.copyOf(caps);
  }

  Path root() {
    return backend.root();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void put(Vcon vcon) {
    checkSize(vcon);
    if (organizeByDate) {
      objects.put(vcon);
      return;
    }
    layout.dayOf(vcon); // applies missing_created_at: reject
    objects.writeAt(keys.legacyFlatKey(vcon.id()), vcon);
    // A pointer left by an earlier dated save would now name a stale copy.
    backend.delete(keys.pointerKey(vcon.id()));
  }

  @Override
  public boolean putIfAbsent(Vcon vcon) {
    checkSize(vcon);
    if (exists(vcon.id())) {
      return false;
    }
    if (organizeByDate) {
      return objects.putIfAbsent(vcon);
    }
    layout.dayOf(vcon);
    return objects.writeIfAbsentAt(keys.legacyFlatKey(vcon.id()), vcon);
  }

  private void checkSize(Vcon vcon) {
    if (maxFileSize > 0 && vcon.size() > maxFileSize) {
      throw new InvalidVconException(
          InvalidVconException.Reason.TOO_LARGE,
          "vCon " + vcon.id() + " has " + vcon.size() + " bytes, more than max_file_size (" + maxFileSize + ") of "
              + name + "; raise max_file_size (0 means no limit). Nothing was written.",
          vcon.id().value());
    }
  }

  @Override
  public Optional<Vcon> get(VconId id) {
    Optional<Vcon> found = objects.get(id);
    return found.isPresent() ? found : scanRead(id);
  }

  @Override
  public Optional<Vcon> get(VconId id, LocalDate day) {
    Optional<Vcon> found = objects.get(id, day);
    return found.isPresent() ? found : scanRead(id);
  }

  @Override
  public boolean exists(VconId id) {
    return objects.exists(id) || !scan(id).isEmpty();
  }

  @Override
  public boolean delete(VconId id) {
    boolean found = objects.delete(id);
    for (String key : scan(id)) {
      backend.delete(key);
      found = true;
    }
    return found;
  }

  @Override
  public Set<VconId> deleteAll(Collection<VconId> ids) {
    Set<VconId> deleted = new LinkedHashSet<>();
    for (VconId id : ids) {
      if (delete(id)) {
        deleted.add(id);
      }
    }
    return deleted;
  }

  @Override
  public Stream<VconId> list(LocalDate from, LocalDate to) {
    if (!organizeByDate) {
      throw new UnsupportedCapabilityException(Capability.LIST_BY_DATE, name);
    }
    return objects.list(from, to);
  }

  @Override
  public RawObjects rawObjects() {
    return objects.rawObjects();
  }

  @Override
  public Set<Capability> capabilities() {
    return capabilities;
  }

  /** Directory, permissions, free space and, when allowed, a probe write (see {@link FsDiagnostics}). */
  @Override
  public List<DiagnosticResult> diagnose(DiagnosticOptions options) {
    return FsDiagnostics.run(backend, keys, options);
  }

  @Override
  public void close() {
    objects.close();
  }

  @Override
  public String toString() {
    return "FsVconStore[" + name + (organizeByDate ? "" : ", flat") + "]";
  }

  private Optional<Vcon> scanRead(VconId id) {
    for (String key : scan(id)) {
      Optional<Vcon> found = objects.readAt(id, key);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /**
   * The keys of files named {@code <id>.json} or {@code <id>.json.gz} anywhere under the root, as vcon-server's
   * {@code glob("**}{@code /<uuid>.json")} finds them; empty when the scan fallback is off.
   */
  private List<String> scan(VconId id) {
    if (!scanFallback) {
      return List.of();
    }
    String json = id.value() + FsObjectBackend.JSON;
    String gz = id.value() + FsObjectBackend.JSON_GZ;
    try (Stream<Path> files = Files.walk(backend.root())) {
      return files
          .filter(f -> {
            String n = f.getFileName().toString();
            return n.equals(json) || n.equals(gz);
          })
          .filter(Files::isRegularFile)
          .map(backend::keyOf)
          .flatMap(Optional::stream)
          .distinct()
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException | UncheckedIOException e) {
      if (e.getCause() instanceof NoSuchFileException || e instanceof NoSuchFileException) {
        return List.of();
      }
      throw new BackendException("Cannot search " + name + " for vCon " + id + ": " + e.getMessage(), id.value(), name, true, e);
    }
  }
}
