package io.vcon.storage.fs;

import io.vcon.storage.api.Capability;
import io.vcon.storage.api.IdPolicy;
import io.vcon.storage.api.InvalidVconException;
import io.vcon.storage.api.RawObjects;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.engine.ObjectVconStore;
import io.vcon.storage.engine.StoreLayout;
import io.vcon.storage.spi.ContentHashMode;
import io.vcon.storage.spi.Diagnosable;
import io.vcon.storage.spi.DiagnosticOptions;
import io.vcon.storage.spi.DiagnosticResult;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A directory of vCons laid out as vcon-server's {@code storage.file} lays it out, plus our lookup pointers
 * (ADR 0007). Every rule — object first, pointer last, legacy fallbacks, the flat {@code organize_by_date:
 * false} layout, the tree search for a vcon-server directory without pointers ({@code scan_fallback}, which
 * {@link FsObjectBackend#search} answers) — is the engine's ({@link ObjectVconStore}); this class adds only
 * what is the file store's own: the {@code max_file_size} limit and the directory checks of {@code doctor}.
 */
final class FsVconStore implements VconStore, Diagnosable {

  private final FsObjectBackend backend;
  private final ObjectVconStore objects;
  private final long maxFileSize;

  FsVconStore(
      FsObjectBackend backend, StoreLayout layout, ContentHashMode hashMode, long maxFileSize) {
    this.backend = backend;
    this.objects = ObjectVconStore.create(backend.describe(), backend, layout, hashMode);
    this.maxFileSize = maxFileSize;
  }

  Path root() {
    return backend.root();
  }

  @Override
  public String name() {
    return objects.name();
  }

  @Override
  public void put(Vcon vcon) {
    checkSize(vcon);
    objects.put(vcon);
  }

  @Override
  public boolean putIfAbsent(Vcon vcon) {
    checkSize(vcon);
    return objects.putIfAbsent(vcon);
  }

  private void checkSize(Vcon vcon) {
    if (maxFileSize > 0 && vcon.size() > maxFileSize) {
      throw new InvalidVconException(
          InvalidVconException.Reason.TOO_LARGE,
          "vCon "
              + vcon.id()
              + " has "
              + vcon.size()
              + " bytes, more than max_file_size ("
              + maxFileSize
              + ") of "
              + name()
              + "; raise max_file_size (0 means no limit). Nothing was written.",
          vcon.id().value());
    }
  }

  @Override
  public Optional<Vcon> get(VconId id) {
    return objects.get(id);
  }

  @Override
  public Optional<Vcon> get(VconId id, LocalDate day) {
    return objects.get(id, day);
  }

  @Override
  public boolean exists(VconId id) {
    return objects.exists(id);
  }

  @Override
  public boolean delete(VconId id) {
    return objects.delete(id);
  }

  @Override
  public Set<VconId> deleteAll(Collection<VconId> ids) {
    return objects.deleteAll(ids);
  }

  @Override
  public Stream<VconId> list(LocalDate from, LocalDate to) {
    return objects.list(from, to);
  }

  @Override
  public RawObjects rawObjects() {
    return objects.rawObjects();
  }

  @Override
  public IdPolicy idPolicy() {
    return objects.idPolicy();
  }

  @Override
  public Set<Capability> capabilities() {
    return objects.capabilities();
  }

  /** Directory, permissions, free space and, when allowed, a probe write (see {@link FsDiagnostics}). */
  @Override
  public List<DiagnosticResult> diagnose(DiagnosticOptions options) {
    return FsDiagnostics.run(backend, objects.layout().keys(), options);
  }

  @Override
  public void close() {
    objects.close();
  }

  @Override
  public String toString() {
    return "FsVconStore[" + name() + (objects.layout().byDate() ? "" : ", flat") + "]";
  }
}
