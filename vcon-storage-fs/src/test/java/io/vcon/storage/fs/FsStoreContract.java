package io.vcon.storage.fs;

import io.vcon.storage.api.VconStore;
import io.vcon.storage.tck.BackendAccess;
import io.vcon.storage.tck.VconStoreContract;

/** The kit with the file store's ways of changing files behind the store's back ({@link FsFiles}). */
abstract class FsStoreContract extends VconStoreContract {

  /** The store's directory read with plain file I/O, as vcon-server's storage.file reads it. */
  @Override
  protected BackendAccess backendAccess(VconStore store) {
    return new FsBackendAccess(((FsVconStore) store).root());
  }

  /** Rewrites the file in place (same inode), so its extended attribute keeps the old hash: flipped bytes. */
  @Override
  protected boolean alterAtRest(VconStore store, String key, byte[] body) {
    return FsFiles.overwriteInPlace(((FsVconStore) store).root(), key, body);
  }

  @Override
  protected boolean writeWithoutHash(VconStore store, String key, byte[] body) {
    return FsFiles.writeLikeVconServer(((FsVconStore) store).root(), key, body);
  }
}
