package io.vcon.storage.engine;

import io.vcon.storage.api.IdPolicy;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.api.key.StoredKey;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A key strategy that parses back only the ids its store's {@code id_policy} admits: under {@code
 * uuid}, a key such as {@code 2024/01/15/abc123.vcon} (vcon-server files any id) is not one of this
 * store's vCons, so listings, {@code ls} and {@code verify} leave it alone instead of handing out
 * an id the store would refuse. Key building is the wrapped strategy's, unchanged.
 */
final class IdPolicyKeys implements KeyStrategy {

  private final KeyStrategy keys;
  private final IdPolicy policy;

  private IdPolicyKeys(KeyStrategy keys, IdPolicy policy) {
    this.keys = keys;
    this.policy = policy;
  }

  /** {@code keys} restricted to {@code policy}; under {@code token} (every id), {@code keys}. */
  static KeyStrategy of(KeyStrategy keys, IdPolicy policy) {
    return policy == IdPolicy.TOKEN ? keys : new IdPolicyKeys(keys, policy);
  }

  @Override
  public String root() {
    return keys.root();
  }

  @Override
  public String objectKey(VconId id, LocalDate day) {
    return keys.objectKey(id, day);
  }

  @Override
  public String pointerKey(VconId id) {
    return keys.pointerKey(id);
  }

  @Override
  public String pointerBody(LocalDate day) {
    return keys.pointerBody(day);
  }

  @Override
  public Optional<LocalDate> parsePointerBody(String body) {
    return keys.parsePointerBody(body);
  }

  @Override
  public String dayPrefix(LocalDate day) {
    return keys.dayPrefix(day);
  }

  @Override
  public String pointerPrefix() {
    return keys.pointerPrefix();
  }

  @Override
  public String legacyFlatKey(VconId id) {
    return keys.legacyFlatKey(id);
  }

  @Override
  public Optional<StoredKey> parseObjectKey(String key) {
    return keys.parseObjectKey(key).filter(k -> policy.admits(k.id()));
  }

  @Override
  public Optional<VconId> parsePointerKey(String key) {
    return keys.parsePointerKey(key).filter(policy::admits);
  }

  @Override
  public String toString() {
    return keys + ", id_policy " + policy.option();
  }
}
