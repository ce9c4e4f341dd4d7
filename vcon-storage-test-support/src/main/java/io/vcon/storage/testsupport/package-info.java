/**
 * Test servers for the modules' tests, never for production code: {@link io.vcon.storage.testsupport.S3ProxyServer}
 * (S3Proxy in-process, one per JVM and credentials) with {@link io.vcon.storage.testsupport.S3ProxyExtension}, and
 * {@link io.vcon.storage.testsupport.EmbeddedRedis} (a real redis-server) with
 * {@link io.vcon.storage.testsupport.RedisServerExtension}. Everything listens on loopback only and persists nothing.
 * This package knows no other vcon-storage package, so every module's tests can depend on it.
 */
package io.vcon.storage.testsupport;
