/**
 * Object keys: the {@link io.vcon.storage.api.key.KeyStrategy} port, vcon-server's layout
 * ({@code [prefix/]YYYY/MM/DD/<uuid>.vcon} plus lookup pointers) and the date rules behind it.
 *
 * <p>Types are non-null unless annotated otherwise ({@code @NullMarked}).
 */
@NullMarked
package io.vcon.storage.api.key;

import org.jspecify.annotations.NullMarked;
