package io.vcon.storage.spi;

import java.util.List;

/**
 * Optional for a {@link io.vcon.storage.api.VconStore} or {@link io.vcon.storage.api.VconSource}: checks its own
 * setup (reachability, credentials, bucket settings, modules) and says what to fix. {@code vcon-storage doctor}
 * calls it on whatever the configuration creates, so the CLI needs no adapter's types (ADR 0010).
 *
 * <p>Implementations never throw for a failed check: every problem is a {@link DiagnosticResult} with status
 * {@code FAIL}, and checks that cannot run after an earlier failure are left out. Results never contain secrets.
 * Without {@link DiagnosticOptions#writeProbe()} nothing is written.
 */
public interface Diagnosable {

  /**
   * Runs this component's checks.
   *
   * @param options what the checks may do
   * @return one result per check, in the order they ran
   */
  List<DiagnosticResult> diagnose(DiagnosticOptions options);
}
