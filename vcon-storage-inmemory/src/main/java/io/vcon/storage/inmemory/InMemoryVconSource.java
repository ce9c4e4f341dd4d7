package io.vcon.storage.inmemory;

import io.vcon.storage.api.CreatedAt;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconParser;
import io.vcon.storage.api.VconSource;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A source kept in memory: documents are added as raw bytes, as a Redis client would find them, and validated
 * when read, so tests can put in what a real source might hold (including bad documents).
 */
public final class InMemoryVconSource implements VconSource {

  private final Map<String, byte[]> documents = new ConcurrentHashMap<>();
  private final VconParser parser;

  private InMemoryVconSource(VconParser parser) {
    this.parser = parser;
  }

  public static InMemoryVconSource create() {
    return new InMemoryVconSource(VconParser.defaults());
  }

  public static InMemoryVconSource create(VconParser parser) {
    return new InMemoryVconSource(parser);
  }

  /** Puts raw bytes under an id, unchecked, as another process might write them to Redis. */
  public InMemoryVconSource putRaw(String id, byte[] document) {
    documents.put(id, document.clone());
    return this;
  }

  /** Puts a valid vCon under its own id. */
  public InMemoryVconSource put(Vcon vcon) {
    return putRaw(vcon.id().value(), vcon.bytes());
  }

  public boolean remove(VconId id) {
    return documents.remove(id.value()) != null;
  }

  @Override
  public String name() {
    return "memory-source";
  }

  @Override
  public Optional<Vcon> read(VconId id) {
    byte[] document = documents.get(id.value());
    return document == null ? Optional.empty() : Optional.of(parser.parse(id, document));
  }

  @Override
  public Stream<VconId> ids() {
    return documents.keySet().stream().sorted().map(id -> VconId.of(id, parser.idPolicy()));
  }

  @Override
  public Stream<VconId> idsCreatedBetween(Instant from, Instant to) {
    return ids()
        .filter(
            id ->
                read(id)
                    .flatMap(Vcon::createdAt)
                    .flatMap(CreatedAt::instant)
                    .filter(t -> !t.isBefore(from) && t.isBefore(to))
                    .isPresent());
  }

  @Override
  public void close() {
    documents.clear();
  }
}
