/**
 * A complete store adapter, as a third party writes one: {@link
 * io.vcon.storage.examples.adapter.MapObjectBackend} (the key space), {@link
 * io.vcon.storage.examples.adapter.MapStore} (the provider), and in the test sources the kit run
 * against it, {@code MapStoreContractTest}. See CONTRIBUTING.md, "Write a backend in 30 minutes".
 */
package io.vcon.storage.examples.adapter;
