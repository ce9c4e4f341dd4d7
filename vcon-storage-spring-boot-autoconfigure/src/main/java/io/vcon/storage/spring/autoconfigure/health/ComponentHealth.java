package io.vcon.storage.spring.autoconfigure.health;

import java.util.Map;

/**
 * The health of one store or the source, independent of Spring Boot's line: Boot 3.5 and 4.0 keep
 * their health types in different packages, so each line's indicator only translates this.
 *
 * @param status {@code UP}, {@code DOWN} or {@code UNKNOWN} (a component that offers no checks)
 * @param details what a health endpoint shows: store, backend, each check, and on failure which
 *     check failed, why and what to do; never a secret
 */
public record ComponentHealth(Status status, Map<String, Object> details) {

  /** The statuses used, named as Spring Boot names them. */
  public enum Status {
    /** Every check passed (warnings included). */
    UP,
    /** A check failed or did not finish in time. */
    DOWN,
    /** The component offers no checks of its own. */
    UNKNOWN
  }

  /** Copies the details. */
  public ComponentHealth {
    details = Map.copyOf(details);
  }
}
