/**
 * The service provider interface for adapters: {@link io.vcon.storage.spi.VconStoreProvider} and
 * {@link io.vcon.storage.spi.VconSourceProvider} found by {@code ServiceLoader}, the
 * {@link io.vcon.storage.engine.ObjectBackend} that gets an adapter vcon-server's layout for free, and the optional
 * {@link io.vcon.storage.spi.Diagnosable} checks behind {@code vcon-storage doctor}.
 *
 * <p>Types are non-null unless annotated otherwise ({@code @NullMarked}).
 */
@NullMarked
package io.vcon.storage.spi;

import org.jspecify.annotations.NullMarked;
