/**
 * Helpers shared inside {@code vcon-storage-api}; not exported from the module, not for use elsewhere.
 *
 * <p>Types are non-null unless annotated otherwise ({@code @NullMarked}).
 */
@NullMarked
package io.vcon.storage.internal;

import org.jspecify.annotations.NullMarked;
