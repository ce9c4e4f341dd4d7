package io.vcon.storage.api;

import java.util.Optional;

/**
 * Port: a durable queue, per store, of vCon ids whose save to that store failed after the store's own retries, so
 * that nothing is lost while a store is down and a later {@code replay} can save them. The {@link Storage} facade
 * {@linkplain #deadLetter queues} failures when one is configured ({@code Storage.builder().deadLetters(...)}).
 *
 * <p>The Redis implementation keeps vcon-server's layout: list {@code DLQ:storage:<store>} of plain ids, with the
 * source document's TTL extended so the vCon is still there to replay (see {@code docs/adr/0012-dead-letters.md}).
 *
 * <p>Claiming moves an entry to a processing list atomically, so two replays never take the same entry; an entry is
 * {@linkplain #ack removed} only after it was saved, or {@linkplain #release returned} to the queue.
 */
public interface DeadLetters {

  /**
   * Queues {@code id} for {@code store} and keeps the source's document alive long enough to replay it, in one
   * atomic step.
   *
   * @return false when the source no longer holds the document: nothing was queued (it could not be replayed)
   * @throws BackendException when the queue cannot be reached
   */
  boolean deadLetter(String store, VconId id);

  /** Takes the oldest entry of {@code store}'s queue for processing; empty when the queue is empty. */
  Optional<String> claim(String store);

  /** Removes a claimed entry for good: its vCon was saved. */
  void ack(String store, String entry);

  /** Puts a claimed entry back at the end of the queue: it could not be saved this time. */
  void release(String store, String entry);

  /** How many entries wait in {@code store}'s queue (claimed ones not counted). */
  long pending(String store);
}
