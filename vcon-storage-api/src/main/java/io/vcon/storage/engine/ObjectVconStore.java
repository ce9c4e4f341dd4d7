package io.vcon.storage.engine;

import io.vcon.storage.api.BackendException;
import io.vcon.storage.api.Capability;
import io.vcon.storage.api.ContentHash;
import io.vcon.storage.api.IdPolicy;
import io.vcon.storage.api.IntegrityException;
import io.vcon.storage.api.InvalidVconException;
import io.vcon.storage.api.ObjectInfo;
import io.vcon.storage.api.RawObjects;
import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.StoredObject;
import io.vcon.storage.api.UnsupportedCapabilityException;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconParser;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.api.key.KeyStrategy;
import io.vcon.storage.api.key.StoredKey;
import io.vcon.storage.engine.ObjectBackend.ObjectKind;
import io.vcon.storage.spi.ContentHashMode;
import io.vcon.storage.spi.Diagnosable;
import io.vcon.storage.spi.DiagnosticOptions;
import io.vcon.storage.spi.DiagnosticResult;
import io.vcon.storage.spi.ProviderOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link VconStore} over any {@link ObjectBackend}, with vcon-server's layout and ordering rules (DESIGN §2):
 *
 * <ul>
 *   <li>put writes the object, then the lookup pointer: the pointer is the commit marker, so a crash between
 *       the two leaves an orphan object, never a pointer to nothing;
 *   <li>get reads the pointer, then the object; without a pointer it tries the legacy flat key and the days
 *       a UUIDv7/v8 id encodes;
 *   <li>delete removes the object, then the pointer.
 * </ul>
 *
 * <p>Over a backend that can record one ({@link Capability#CONTENT_HASH}), every vCon object is written with the
 * SHA-512 {@link ContentHash} of its bytes and checked against it on every read ({@link ContentHashMode}).
 */
public final class ObjectVconStore implements VconStore, Diagnosable {

  private static final Logger LOG = LoggerFactory.getLogger(ObjectVconStore.class);

  // Reads accept anything that was stored; the size limit is for what we accept to write.
  private static final VconParser READ_PARSER =
      VconParser.builder().maxDocumentBytes(Integer.MAX_VALUE - 8).build();

  private final String name;
  private final ObjectBackend backend;
  private final StoreLayout layout;
  private final KeyStrategy keys;
  private final Set<Capability> capabilities;
  private final ContentHashMode hashMode;

  private ObjectVconStore(
      String name, ObjectBackend backend, StoreLayout layout, ContentHashMode hashMode) {
    this.name = Objects.requireNonNull(name, "name");
    this.backend = Objects.requireNonNull(backend, "backend");
    this.layout = Objects.requireNonNull(layout, "layout");
    this.hashMode = Objects.requireNonNull(hashMode, "hashMode");
    this.keys = layout.keys();
    Set<Capability> declared = EnumSet.noneOf(Capability.class);
    declared.addAll(backend.capabilities());
    if (hashMode == ContentHashMode.OFF) {
      declared.remove(Capability.CONTENT_HASH);
    } else if (!declared.contains(Capability.CONTENT_HASH)) {
      throw new StorageConfigurationException(
          "content_hash: "
              + hashMode.option()
              + " is asked of store "
              + describe(name, backend)
              + ", which cannot record content hashes; ask for content_hash: off (or, from"
              + " options, leave content_hash unset to use what the store supports)");
    }
    if (!layout.byDate()) {
      declared.remove(Capability.LIST_BY_DATE); // a flat directory has no date folders to list
    }
    this.capabilities = Set.copyOf(declared);
  }

  /**
   * A store named for messages {@code name}, laying vCons out in {@code backend} as {@code layout} says; it records
   * and checks content hashes when the backend can ({@link ContentHashMode#RECORD}), else not.
   */
  public static ObjectVconStore create(String name, ObjectBackend backend, StoreLayout layout) {
    ContentHashMode mode =
        backend.capabilities().contains(Capability.CONTENT_HASH)
            ? ContentHashMode.RECORD
            : ContentHashMode.OFF;
    return new ObjectVconStore(name, backend, layout, mode);
  }

  /**
   * As {@link #create(String, ObjectBackend, StoreLayout)}, with option {@code content_hash} from
   * {@code options}: unset means what the backend supports; {@code record} or {@code require}
   * over a backend that cannot record hashes is a configuration error naming the option, the store
   * and what to set.
   */
  public static ObjectVconStore create(
      String name, ObjectBackend backend, StoreLayout layout, ProviderOptions options) {
    boolean canRecord = backend.capabilities().contains(Capability.CONTENT_HASH);
    ContentHashMode mode = options.contentHashMode(describe(name, backend), canRecord);
    return new ObjectVconStore(name, backend, layout, mode);
  }

  /** The store's name, and its backend's when that says more. */
  private static String describe(String name, ObjectBackend backend) {
    String backendName = backend.describe();
    return backendName.equals(name) ? name : name + " (backend " + backendName + ")";
  }

  /** As {@link #create(String, ObjectBackend, StoreLayout)} with an explicit {@code content_hash} mode. */
  public static ObjectVconStore create(
      String name, ObjectBackend backend, StoreLayout layout, ContentHashMode hashMode) {
    return new ObjectVconStore(name, backend, layout, hashMode);
  }

  public ContentHashMode contentHashMode() {
    return hashMode;
  }

  public StoreLayout layout() {
    return layout;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public IdPolicy idPolicy() {
    return layout.idPolicy();
  }

  /** Refuses, before any I/O, an id this store's {@code id_policy} does not admit. */
  public void requireAdmitted(VconId id) {
    layout.requireAdmitted(id, name);
  }

  @Override
  public void put(Vcon vcon) {
    requireAdmitted(vcon.id());
    LocalDate day = layout.dayOf(vcon); // also applies missing_created_at: reject
    if (!layout.byDate()) {
      writeObject(keys.legacyFlatKey(vcon.id()), vcon.body());
      // A pointer left by an earlier dated save would now name a stale copy.
      backend.delete(keys.pointerKey(vcon.id()));
      return;
    }
    writeObject(keys.objectKey(vcon.id(), day), vcon.body());
    backend.write(keys.pointerKey(vcon.id()), pointerBody(day), ObjectKind.POINTER);
  }

  @Override
  public boolean putIfAbsent(Vcon vcon) {
    requireCapability(Capability.CONDITIONAL_WRITE);
    requireAdmitted(vcon.id());
    LocalDate day = layout.dayOf(vcon);
    if (exists(vcon.id())) {
      return false;
    }
    if (!layout.byDate()) {
      // The flat key is derived from the id alone: the object's own conditional write decides.
      return writeIfAbsentAt(keys.legacyFlatKey(vcon.id()), vcon);
    }
    String objectKey = keys.objectKey(vcon.id(), day);
    boolean created = writeIfAbsentAt(objectKey, vcon);
    if (!created && !sameBytesAt(objectKey, vcon)) {
      // Someone else's object, probably a writer between its object and its pointer: theirs to
      // finish.
      return false;
    }
    // Either we created the object, or it holds our exact bytes: our own earlier attempt (a retried
    // request, a
    // save that crashed before its pointer). Either way the pointer is what commits it.
    String pointerKey = keys.pointerKey(vcon.id());
    if (!backend.writeIfAbsent(pointerKey, pointerBody(day), ObjectKind.POINTER)) {
      // Another writer committed this id first -- or our own first pointer PUT did, its response
      // lost and the SDK's
      // retry answered 412. The two cannot be told apart, so false either way (of identical
      // concurrent writers one
      // gets true); WriteOnceVconStore.put compares content and succeeds. Our object may only go if
      // nobody points
      // at it: when the winner filed the id under our day, its pointer names this very object, so
      // it stays.
      boolean pointsElsewhere =
          pointedDay(vcon.id(), readPointer(vcon.id(), pointerKey))
              .map(d -> !d.equals(day))
              .orElse(false);
      if (created && pointsElsewhere) {
        backend.delete(objectKey);
      }
      return false;
    }
    return true;
  }

  /** Writes {@code vcon} under {@code key} only if it is free; false (nothing written) when it is not. */
  private boolean writeIfAbsentAt(String key, Vcon vcon) {
    return hashMode == ContentHashMode.OFF
        ? backend.writeIfAbsent(key, vcon.body(), ObjectKind.VCON)
        : backend.writeIfAbsent(key, vcon.body(), ObjectKind.VCON, ContentHash.sha512(vcon.body()));
  }

  private void writeObject(String key, ByteBuffer body) {
    if (hashMode == ContentHashMode.OFF) {
      backend.write(key, body, ObjectKind.VCON);
    } else {
      backend.write(key, body, ObjectKind.VCON, ContentHash.sha512(body));
    }
  }

  private boolean sameBytesAt(String key, Vcon vcon) {
    return backend
        .read(key)
        .map(existing -> ByteBuffer.wrap(existing).equals(vcon.body()))
        .orElse(false);
  }

  private ByteBuffer pointerBody(LocalDate day) {
    return ByteBuffer.wrap(keys.pointerBody(day).getBytes(StandardCharsets.US_ASCII))
        .asReadOnlyBuffer();
  }

  @Override
  public Optional<Vcon> get(VconId id) {
    requireAdmitted(id);
    Optional<LocalDate> day = pointedDay(id, readPointer(id, keys.pointerKey(id)));
    if (day.isPresent()) {
      String key = keys.objectKey(id, day.get());
      Optional<Vcon> found = readObject(id, key);
      if (found.isPresent()) {
        return found;
      }
      LOG.warn(
          "Lookup pointer of vCon {} in {} names {}, which does not exist; trying legacy keys",
          id,
          name,
          key);
    }
    for (String key : layout.fallbackKeys(id)) {
      Optional<Vcon> found = readObject(id, key);
      if (found.isPresent()) {
        return found;
      }
    }
    for (String key : backend.search(id)) {
      Optional<Vcon> found = readObject(id, key);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  @Override
  public Optional<Vcon> get(VconId id, LocalDate day) {
    requireAdmitted(id);
    Optional<Vcon> direct = readObject(id, keys.objectKey(id, day));
    return direct.isPresent() ? direct : get(id);
  }

  @Override
  public boolean exists(VconId id) {
    requireAdmitted(id);
    return locate(id, readPointer(id, keys.pointerKey(id))).isPresent();
  }

  @Override
  public boolean delete(VconId id) {
    requireAdmitted(id);
    String pointerKey = keys.pointerKey(id);
    byte[] pointer = readPointer(id, pointerKey);
    boolean pointerThere = pointer != null;
    Optional<String> objectKey = locate(id, pointer);
    objectKey.ifPresent(backend::delete);
    // Copies only a search finds (a vcon-server tree without pointers) go too, or get would still
    // find one.
    List<String> elsewhere = backend.search(id);
    elsewhere.forEach(backend::delete);
    if (pointerThere) {
      backend.delete(pointerKey);
    }
    return pointerThere || objectKey.isPresent() || !elsewhere.isEmpty();
  }

  @Override
  public Set<VconId> deleteAll(Collection<VconId> ids) {
    requireCapability(Capability.BATCH_DELETE);
    ids.forEach(this::requireAdmitted); // all checked before anything is deleted
    Set<VconId> found = new LinkedHashSet<>();
    List<String> objects = new ArrayList<>();
    List<String> pointers = new ArrayList<>();
    for (VconId id : ids) {
      String pointerKey = keys.pointerKey(id);
      byte[] pointer = readPointer(id, pointerKey);
      boolean pointerThere = pointer != null;
      Optional<String> objectKey = locate(id, pointer);
      objectKey.ifPresent(objects::add);
      List<String> elsewhere = backend.search(id);
      objects.addAll(elsewhere);
      if (pointerThere) {
        pointers.add(pointerKey);
      }
      if (objectKey.isPresent() || pointerThere || !elsewhere.isEmpty()) {
        found.add(id);
      }
    }
    // Objects first, pointers after, as for a single delete.
    if (!objects.isEmpty()) {
      backend.deleteAll(objects);
    }
    if (!pointers.isEmpty()) {
      backend.deleteAll(pointers);
    }
    return found;
  }

  @Override
  public Stream<VconId> list(LocalDate from, LocalDate to) {
    requireCapability(Capability.LIST_BY_DATE);
    if (to.isBefore(from)) {
      return Stream.empty();
    }
    return from.datesUntil(to.plusDays(1))
        .flatMap(
            day -> {
              String prefix = keys.dayPrefix(day);
              // A key under the day's prefix that parses is that day's object: the parse checks the
              // whole folder.
              return backend
                  .list(prefix)
                  .map(keys::parseObjectKey)
                  .flatMap(Optional::stream)
                  .map(StoredKey::id);
            });
  }

  @Override
  public RawObjects rawObjects() {
    requireCapability(Capability.RAW_OBJECTS);
    return new BackendRawObjects();
  }

  @Override
  public Set<Capability> capabilities() {
    return capabilities;
  }

  /** The backend's own checks when it is {@link Diagnosable}, else one {@code UNSUPPORTED} result saying so. */
  @Override
  public List<DiagnosticResult> diagnose(DiagnosticOptions options) {
    if (backend instanceof Diagnosable diagnosable) {
      return diagnosable.diagnose(options);
    }
    return List.of(
        DiagnosticResult.unsupported(
            "diagnostics", backend.describe() + " offers no checks of its own"));
  }

  @Override
  public void close() {
    backend.close();
  }

  @Override
  public String toString() {
    return "ObjectVconStore[" + name + ", " + keys + "]";
  }

  /** Where get would find the vCon's object given its pointer's body (null when there is none), or empty. */
  private Optional<String> locate(VconId id, byte[] pointer) {
    Optional<LocalDate> day = pointedDay(id, pointer);
    if (day.isPresent()) {
      String key = keys.objectKey(id, day.get());
      if (backend.exists(key)) {
        return Optional.of(key);
      }
    }
    Optional<String> fallback =
        layout.fallbackKeys(id).stream().filter(backend::exists).findFirst();
    return fallback.isPresent() ? fallback : backend.search(id).stream().findFirst();
  }

  private Optional<LocalDate> pointedDay(VconId id, byte[] pointer) {
    if (pointer == null) {
      return Optional.empty();
    }
    String body = new String(pointer, StandardCharsets.US_ASCII);
    Optional<LocalDate> day = keys.parsePointerBody(body);
    if (day.isEmpty()) {
      LOG.warn(
          "Lookup pointer of vCon {} in {} does not hold a YYYY/MM/DD date path; ignoring it",
          id,
          name);
    }
    return day;
  }

  private Optional<Vcon> readObject(VconId id, String key) {
    Optional<byte[]> body =
        readVerified(id, key, hashMode != ContentHashMode.OFF).map(StoredObject::body);
    if (body.isEmpty()) {
      return Optional.empty();
    }
    try {
      // The backend's array is ours to keep (StoredObject), so the vCon takes it over: no copy of
      // every byte read.
      return Optional.of(READ_PARSER.parseOwned(id, body.get()));
    } catch (InvalidVconException e) {
      throw new BackendException(
          "Object "
              + key
              + " in "
              + name
              + " is not a valid copy of vCon "
              + id
              + ": "
              + e.getMessage()
              + " Inspect or repair the object (vcon-storage verify).",
          id.value(),
          name,
          false,
          e);
    }
  }

  /** The lookup pointer's body (checked against its recorded CRC32C), or null when there is none. */
  private byte[] readPointer(VconId id, String pointerKey) {
    return readVerified(id, pointerKey, false).map(StoredObject::body).orElse(null);
  }

  /**
   * What is stored under {@code key} if its body matches what was recorded beside it: the content hash when
   * {@code withHash} (and the object has one), else the CRC32C (if any). A mismatch is read once more -- a body altered in transit
   * reads right the second time -- and then refused: {@link IntegrityException} for a hash (altered at rest), a
   * retryable {@link BackendException} for a CRC (it cannot tell transit from rest). This is the only place reads
   * are checked; backends return what they found ({@link ObjectBackend#readStored}). {@code id} is null for raw
   * reads.
   */
  private Optional<StoredObject> readVerified(VconId id, String key, boolean withHash) {
    for (int attempt = 1; ; attempt++) {
      Optional<StoredObject> stored = backend.readStored(key);
      if (stored.isEmpty()) {
        return Optional.empty();
      }
      byte[] body = stored.get().body();
      Optional<ContentHash> recorded = withHash ? stored.get().contentHash() : Optional.empty();
      if (recorded.isPresent()) {
        if (!recorded.get().wellFormed()) {
          throw IntegrityException.malformedHash(
              "Object "
                  + key
                  + (id == null ? "" : " of vCon " + id)
                  + " in "
                  + name
                  + " ("
                  + backend.describe()
                  + ")",
              id == null ? null : id.value(),
              name,
              key,
              recorded.get().value(),
              body);
        }
        if (recorded.get().matches(body)) {
          return stored;
        }
        if (attempt == 2) {
          throw hashMismatch(id, key, recorded.get(), body);
        }
      } else {
        if (withHash && hashMode == ContentHashMode.REQUIRE) {
          throw missingHash(id, key, body);
        }
        OptionalLong crc = stored.get().crc32c();
        if (crc.isEmpty() || crc.getAsLong() == Crc32c.of(body)) {
          return stored; // a CRC that matches, or nothing recorded (written by vcon-server)
        }
        if (attempt == 2) {
          throw crcMismatch(id, key, crc.getAsLong(), body);
        }
      }
      // Read once more before calling it an error: a body altered in transit reads right the second
      // time.
    }
  }

  private IntegrityException missingHash(VconId id, String key, byte[] body) {
    return new IntegrityException(
        "Object "
            + key
            + " of vCon "
            + id
            + " in "
            + name
            + " carries no content hash, and this store requires one (content_hash: require): it"
            + " was not written by this library, or its hash was stripped. Nothing was returned; if"
            + " its bytes are trusted, record one with vcon-storage verify --repair"
            + " --trust-current",
        id.value(),
        name,
        key,
        null,
        ContentHash.sha512(body).value());
  }

  private IntegrityException hashMismatch(
      VconId id, String key, ContentHash recorded, byte[] body) {
    ContentHash actual = ContentHash.sha512(body);
    return new IntegrityException(
        "Object "
            + key
            + " of vCon "
            + id
            + " in "
            + name
            + " hashes to "
            + actual
            + ", but "
            + recorded
            + " was recorded when it was written: its bytes were altered after the save. Nothing"
            + " was returned; restore the object from a backup or replica, and run vcon-storage"
            + " verify to find others",
        id.value(),
        name,
        key,
        recorded.value(),
        actual.value());
  }

  private BackendException crcMismatch(VconId id, String key, long recorded, byte[] body) {
    String shown = recorded == Crc32c.MALFORMED ? "a malformed value" : Crc32c.hex(recorded);
    return new BackendException(
        "Object "
            + key
            + (id == null ? "" : " of vCon " + id)
            + " in "
            + name
            + " ("
            + backend.describe()
            + ") read twice as "
            + body.length
            + " bytes whose CRC32C "
            + Crc32c.hex(Crc32c.of(body))
            + " differs from "
            + shown
            + ", recorded when it was written: the body was altered in transit or at rest. Nothing"
            + " was returned; retry, and if it persists inspect the object (vcon-storage verify)",
        id == null ? null : id.value(),
        name,
        true,
        null);
  }

  private void requireCapability(Capability capability) {
    if (!capabilities.contains(capability)) {
      throw new UnsupportedCapabilityException(capability, name);
    }
  }

  private final class BackendRawObjects implements RawObjects {
    @Override
    public KeyStrategy keys() {
      return keys;
    }

    @Override
    public Stream<String> list(String keyPrefix) {
      return backend.list(keyPrefix);
    }

    @Override
    public Optional<byte[]> read(String key) {
      return readVerified(null, key, false).map(StoredObject::body);
    }

    @Override
    public Optional<StoredObject> readStored(String key) {
      // The CRC32C is checked as for any read; the content hash is handed on unchecked, for verify
      // to compare.
      Optional<StoredObject> stored = readVerified(null, key, false);
      return hashMode == ContentHashMode.OFF
          ? stored.map(o -> StoredObject.unhashed(o.body()))
          : stored;
    }

    @Override
    public void write(String key, byte[] body) {
      ByteBuffer copy = ByteBuffer.wrap(body.clone()).asReadOnlyBuffer();
      if (keys.parsePointerKey(key).isPresent()) {
        backend.write(key, copy, ObjectKind.POINTER);
      } else {
        writeObject(key, copy);
      }
    }

    @Override
    public void delete(String key) {
      backend.delete(key);
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
      Optional<ObjectInfo> info = backend.stat(key);
      // With content_hash off a recorded hash is not this store's to vouch for, as readStored says.
      return hashMode == ContentHashMode.OFF ? info.map(ObjectVconStore::withoutHash) : info;
    }

    @Override
    public Stream<ObjectInfo> listInfo(String keyPrefix) {
      return backend.listInfo(keyPrefix);
    }

    @Override
    public boolean copyFrom(RawObjects from, ObjectInfo source, String key) {
      if (!(from instanceof BackendRawObjects other)) {
        return false;
      }
      // The copy carries the source's recorded hash: a store that records hashes takes only objects
      // that have
      // one, and only from a store that vouches for it (content_hash not off).
      if (hashMode != ContentHashMode.OFF
          && (source.contentHash().isEmpty() || other.owner().hashMode == ContentHashMode.OFF)) {
        return false;
      }
      return backend.copyFrom(other.owner().backend, source, key);
    }

    private ObjectVconStore owner() {
      return ObjectVconStore.this;
    }
  }

  private static ObjectInfo withoutHash(ObjectInfo info) {
    return new ObjectInfo(info.key(), info.size(), Optional.empty(), info.etag());
  }
}
