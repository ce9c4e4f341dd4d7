package io.vcon.storage.inmemory;

import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.tck.KeyStrategyContract;

/** The default layout passes the kit's key properties (run here so PIT's mutants meet them). */
class VconServerKeyStrategyTest extends KeyStrategyContract {
  @Override
  protected KeyStrategy strategyFor(String prefix) {
    return KeyStrategy.vconServer(prefix);
  }
}
