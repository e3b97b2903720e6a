package io.unisync.core.port;

import io.unisync.core.domain.ActivityId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A durable queue of activities per destination (a database table in production).
 *
 * <h2>Lifecycle of an entry</h2>
 * <ol>
 *   <li>{@link #enqueue}: recorded as {@link OutboxState#PENDING}; an (activity id, destination) pair that
 *       exists already is ignored, which makes recording idempotent;
 *   <li>{@link #claim}: due entries are leased to one caller for {@code lease}, their attempt count goes
 *       up. An entry is claimable only when no earlier entry for the same person and destination is still
 *       pending, so delivery order per person is kept. A lease that runs out (a crashed dispatcher) makes
 *       the entry claimable again;
 *   <li>{@link #complete}, {@link #retryLater} or {@link #deadLetter} by the lease holder; a caller whose
 *       lease has passed to someone else changes nothing and gets {@code false} or a smaller count.
 * </ol>
 *
 * <p>Every method takes the current time from the caller (the engine's clock). Implementations are
 * thread-safe and safe across processes sharing one database: two concurrent claims never return the same
 * entry. Failures are {@link io.unisync.core.error.AdapterException}s. {@code ActivityOutboxContract} in
 * {@code unisync-testkit} checks all of this.
 */
public interface ActivityOutbox {

  /**
   * Records drafts; returns how many were new.
   *
   * @param drafts the entries to record
   * @return how many were new
   */
  int enqueue(List<OutboxDraft> drafts);

  /**
   * Leases up to {@code max} due entries of one destination, oldest first.
   *
   * @param destination the destination
   * @param max the most entries
   * @param now the time of the claim
   * @param lease how long the claim lasts
   * @return the claimed entries
   */
  List<OutboxEntry> claim(Destination destination, int max, Instant now, Duration lease);

  /**
   * Marks claimed entries delivered; returns how many this caller still held.
   *
   * @param claimed the entries delivered
   * @param now the time of completion
   * @return how many this caller still held
   */
  int complete(List<OutboxEntry> claimed, Instant now);

  /**
   * Returns a claimed entry to the queue, due again at {@code dueAt}, with the reason.
   *
   * @param claimed the entry
   * @param reason why it failed
   * @param dueAt when it is due again
   * @param now the time of the failure
   * @return whether this caller still held it
   */
  boolean retryLater(OutboxEntry claimed, String reason, Instant dueAt, Instant now);

  /**
   * Gives up on a claimed entry with the reason.
   *
   * @param claimed the entry
   * @param reason why it is given up on
   * @param now the time
   * @return whether this caller still held it
   */
  boolean deadLetter(OutboxEntry claimed, String reason, Instant now);

  /**
   * Dead letters of a destination, oldest first.
   *
   * @param destination the destination
   * @param offset how many to skip
   * @param limit how many at most
   * @return the dead letters
   */
  List<OutboxEntry> deadLetters(Destination destination, int offset, int limit);

  /**
   * Puts dead letters back in the queue, due now with no attempts; returns how many were dead.
   *
   * @param destination the destination
   * @param ids the dead letters' activity ids
   * @param now the time they are due
   * @return how many were dead letters
   */
  int replay(Destination destination, List<ActivityId> ids, Instant now);

  /**
   * How many entries of a destination are in each state (every state present, zero included).
   *
   * @param destination the destination
   * @return the count of each state
   */
  Map<OutboxState, Long> counts(Destination destination);
}
