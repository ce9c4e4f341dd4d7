package io.vcon.storage.spi;

import java.util.Set;

/** What store and source providers share: a stable id users select them by, and aliases. */
public interface NamedProvider {

  /** The stable id, e.g. {@code s3}, {@code file}, {@code memory}, {@code redis}. */
  String id();

  /** Other names, e.g. vcon-server's module names {@code storage.s3} and {@code storage.file}. */
  default Set<String> aliases() {
    return Set.of();
  }
}
