/**
 * The storage engine: one {@link io.vcon.storage.api.VconStore} implementation, {@link
 * io.vcon.storage.engine.ObjectVconStore}, over any {@link io.vcon.storage.engine.ObjectBackend}. It holds
 * every rule of vcon-server's layout once ({@link io.vcon.storage.engine.StoreLayout}: keys, dates, lookup
 * pointers, fallbacks), the write order (object, then pointer), content-hash recording and checking, and
 * write-once behaviour ({@link io.vcon.storage.engine.WriteOnceVconStore}). An adapter that stores objects
 * implements only {@code ObjectBackend} (see ADR 0014).
 */
@NullMarked
package io.vcon.storage.engine;

import org.jspecify.annotations.NullMarked;
