/**
 * The vcon-storage Spring Boot starter holds no code, as Spring Boot's own starters hold none: depending on
 * it brings {@code vcon-storage-spring-boot-autoconfigure} (the {@code vcon.storage.*} properties, the
 * {@code Storage} and {@code VconStore} beans, metrics and health), the vcon-server YAML loader and the
 * metrics decorator. Add the adapters you configure ({@code vcon-storage-s3},
 * {@code vcon-storage-redis-source}, {@code vcon-storage-fs}) next to it. See {@code docs/spring-boot.md}.
 *
 * <p>This package exists so that the starter is published with sources and javadoc, as Maven Central
 * requires of every jar.
 */
package io.vcon.storage.spring.starter;
