package io.vcon.storage.engine;

import io.vcon.storage.api.IdPolicy;
import io.vcon.storage.api.InvalidVconException;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.api.key.MissingCreatedAtPolicy;
import io.vcon.storage.internal.Texts;
import io.vcon.storage.spi.ProviderOptions;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a store files vCons: its {@link KeyStrategy}, which ids it takes ({@link IdPolicy}), what it
 * does when {@code created_at} is missing, and the clock that gives the save time. Shared by every
 * adapter, so the rules live in one place.
 */
public final class StoreLayout {

  private final KeyStrategy givenKeys;
  private final KeyStrategy keys;
  private final MissingCreatedAtPolicy missingCreatedAt;
  private final Clock clock;
  private final boolean legacyDoubledSlash;
  private final boolean byDate;
  private final IdPolicy idPolicy;

  private StoreLayout(
      KeyStrategy keys,
      MissingCreatedAtPolicy missingCreatedAt,
      Clock clock,
      boolean legacyDoubledSlash,
      boolean byDate,
      IdPolicy idPolicy) {
    this.givenKeys = Objects.requireNonNull(keys, "keys");
    this.missingCreatedAt = Objects.requireNonNull(missingCreatedAt, "missingCreatedAt");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.legacyDoubledSlash = legacyDoubledSlash;
    this.byDate = byDate;
    this.idPolicy = Objects.requireNonNull(idPolicy, "idPolicy");
    this.keys = IdPolicyKeys.of(keys, idPolicy);
  }

  /**
   * vcon-server's layout under {@code s3Path}, missing dates filed at save time, the system UTC
   * clock, UUID ids only.
   */
  public static StoreLayout vconServer(@Nullable String s3Path) {
    return of(KeyStrategy.vconServer(s3Path), MissingCreatedAtPolicy.SAVE_TIME, Clock.systemUTC());
  }

  /** A layout taking UUID ids only ({@code id_policy: uuid}); see {@link #withIdPolicy}. */
  public static StoreLayout of(
      KeyStrategy keys, MissingCreatedAtPolicy missingCreatedAt, Clock clock) {
    return new StoreLayout(keys, missingCreatedAt, clock, false, true, IdPolicy.UUID);
  }

  /**
   * The layout options every vcon-server style store shares: {@code missing_created_at} ({@code save_time} or
   * {@code reject}), {@code id_policy} ({@code uuid} or {@code token}) and the key prefix given by
   * {@code prefixOption} (e.g. {@code s3_path}), which must have no {@code .} or {@code ..} segment
   * (ADR 0022), with the options' clock.
   */
  public static StoreLayout fromOptions(ProviderOptions options, String prefixOption) {
    String prefix = options.keyPrefix(prefixOption).orElse(null);
    return of(KeyStrategy.vconServer(prefix), options.missingCreatedAt(), options.clock())
        .withIdPolicy(options.idPolicy());
  }

  /**
   * The same layout taking the ids {@code policy} admits: the store refuses others before any I/O,
   * and its {@link #keys()} parse back only admitted ids, so listings never hand out an id the
   * store would refuse.
   */
  public StoreLayout withIdPolicy(IdPolicy policy) {
    return new StoreLayout(givenKeys, missingCreatedAt, clock, legacyDoubledSlash, byDate, policy);
  }

  public IdPolicy idPolicy() {
    return idPolicy;
  }

  /**
   * Refuses an id this layout's policy does not admit, naming the store and the option that would
   * admit it.
   *
   * @throws InvalidVconException with reason {@code INVALID_ID}; nothing was read or written
   */
  public void requireAdmitted(VconId id, String storeName) {
    if (!idPolicy.admits(id)) {
      throw new InvalidVconException(
          InvalidVconException.Reason.INVALID_ID,
          "vCon id "
              + Texts.quote(id.value())
              + " is not a UUID, and store "
              + storeName
              + " takes UUID ids only (id_policy: uuid); set id_policy: token in its options"
              + " to store path-safe ids such as this one. Nothing was read or written.",
          id.value());
    }
  }

  /**
   * The same layout, also looking for the doubled-slash keys ({@code vcons//2024/...}) that vcon-server wrote
   * before it stripped the prefix's trailing slash. Off by default: such keys exist only in AWS S3 buckets of
   * that era (S3Proxy rejects their signatures, MinIO rejects the names), and each costs a request on a miss.
   */
  public StoreLayout withLegacyDoubledSlash(boolean enabled) {
    return new StoreLayout(givenKeys, missingCreatedAt, clock, enabled, byDate, idPolicy);
  }

  /**
   * The same layout with every vCon at its flat key ({@code [prefix/]<uuid>.vcon}) instead of under a
   * {@code YYYY/MM/DD} folder: vcon-server's {@code storage.file} with {@code organize_by_date: false}. A flat
   * key needs no lookup pointer (the id alone names it), so none is written and a stale one is removed; such
   * a store cannot list by date. {@code missing_created_at: reject} still applies.
   */
  public StoreLayout flat() {
    return new StoreLayout(givenKeys, missingCreatedAt, clock, legacyDoubledSlash, false, idPolicy);
  }

  /** False for a {@link #flat()} layout: vCons are filed under their date folder. */
  public boolean byDate() {
    return byDate;
  }

  public boolean legacyDoubledSlash() {
    return legacyDoubledSlash;
  }

  /** The key strategy, parsing back only ids the {@link #idPolicy()} admits. */
  public KeyStrategy keys() {
    return keys;
  }

  public MissingCreatedAtPolicy missingCreatedAt() {
    return missingCreatedAt;
  }

  public Clock clock() {
    return clock;
  }

  public StoreLayout withClock(Clock newClock) {
    return new StoreLayout(
        givenKeys, missingCreatedAt, newClock, legacyDoubledSlash, byDate, idPolicy);
  }

  /**
   * The day a vCon is filed under: the written date of its {@code created_at}, else the save time's UTC date
   * or a rejection, as the policy says.
   */
  public LocalDate dayOf(Vcon vcon) {
    if (vcon.createdAt().isPresent()) {
      return vcon.createdAt().get().localDate();
    }
    if (missingCreatedAt == MissingCreatedAtPolicy.REJECT) {
      throw new InvalidVconException(
          InvalidVconException.Reason.MISSING_CREATED_AT,
          "vCon "
              + vcon.id()
              + " has no created_at and this store rejects such vCons (missing_created_at: reject);"
              + " add created_at, or use missing_created_at: save_time. Nothing was written.",
          vcon.id().value());
    }
    return LocalDate.now(clock.withZone(ZoneOffset.UTC));
  }

  /**
   * Where else to look when a vCon's lookup pointer is missing or points to nothing, in order (DESIGN §5, §4a):
   * the flat legacy key; then, for UUIDv7/v8 ids, the day their embedded timestamp gives and its neighbours
   * (the writer's offset may put the written date a day either side of the UTC one). Under a prefix, each
   * candidate is followed by its doubled-slash twin ({@code vcons//2024/...}), which vcon-server versions that
   * did not strip the prefix's trailing slash wrote.
   */
  public List<String> fallbackKeys(VconId id) {
    List<String> canonical = new ArrayList<>(4);
    canonical.add(keys.legacyFlatKey(id));
    id.embeddedTimestamp()
        .map(instant -> instant.atOffset(ZoneOffset.UTC).toLocalDate())
        .filter(day -> day.getYear() > 1 && day.getYear() < 9999)
        .ifPresent(
            day -> {
              canonical.add(keys.objectKey(id, day));
              canonical.add(keys.objectKey(id, day.minusDays(1)));
              canonical.add(keys.objectKey(id, day.plusDays(1)));
            });
    String root = keys.root();
    if (!legacyDoubledSlash || root.isEmpty() || root.equals("/")) {
      return canonical;
    }
    List<String> withTwins = new ArrayList<>(canonical.size() * 2);
    for (String key : canonical) {
      withTwins.add(key);
      if (key.startsWith(root)) {
        withTwins.add(root + "/" + key.substring(root.length()));
      }
    }
    return withTwins;
  }
}
