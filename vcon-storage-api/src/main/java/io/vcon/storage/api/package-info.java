/**
 * The domain and ports: {@link io.vcon.storage.api.VconId}, {@link io.vcon.storage.api.Vcon}, the
 * {@link io.vcon.storage.api.VconStore} and {@link io.vcon.storage.api.VconSource} ports, the
 * {@link io.vcon.storage.api.Storage} facade and the sealed {@link io.vcon.storage.api.VconStorageException}
 * hierarchy.
 *
 * <p>Types are non-null unless annotated otherwise ({@code @NullMarked}); absence is an {@code Optional}.
 */
@NullMarked
package io.vcon.storage.api;

import org.jspecify.annotations.NullMarked;
