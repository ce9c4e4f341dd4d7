/**
 * Test servers for the modules' tests, never for production code: {@link io.vcon.storage.testsupport.S3ProxyServer}
 * (S3Proxy in-process, one per JVM and credentials) with {@link io.vcon.storage.testsupport.S3ProxyExtension}, and
 * {@link io.vcon.storage.testsupport.EmbeddedRedis} (a real redis-server) with
 * {@link io.vcon.storage.testsupport.RedisServerExtension}; {@link io.vcon.storage.testsupport.CannedCredentialsServer}
 * (STS and a container credentials endpoint, canned) and {@link io.vcon.storage.testsupport.ChildJvm} (a JVM with
 * its own environment) for tests of the AWS SDK's default credentials chain. Everything listens on loopback only
 * and persists nothing. This package knows no other vcon-storage package, so every module's tests can depend on it.
 */
package io.vcon.storage.testsupport;
