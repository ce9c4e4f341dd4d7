/**
 * The technology compatibility kit: abstract JUnit suites ({@link io.vcon.storage.tck.VconStoreContract},
 * {@link io.vcon.storage.tck.VconSourceContract}, {@link io.vcon.storage.tck.KeyStrategyContract}) that an
 * adapter extends with one factory method to prove it behaves like ours.
 *
 * <p>Types are non-null unless annotated otherwise ({@code @NullMarked}).
 */
@NullMarked
package io.vcon.storage.tck;

import org.jspecify.annotations.NullMarked;
