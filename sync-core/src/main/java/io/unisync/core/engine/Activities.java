package io.unisync.core.engine;

import io.unisync.core.domain.Activity;
import io.unisync.core.domain.ActivityId;
import io.unisync.core.port.ActivityOutbox;
import io.unisync.core.port.Destination;
import io.unisync.core.port.OutboxEntry;
import io.unisync.core.port.OutboxState;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Recording sales activities for delivery, and looking after the backlog. Thread-safe. */
public interface Activities {

  /**
   * Records an activity durably, one outbox entry per enabled destination, in the outbox's own
   * transaction. Idempotent on the activity id.
   *
   * @return how many destination entries were new
   * @param activity the activity
   */
  int record(Activity activity);

  /**
   * Records an activity through another view of the outbox, typically one joined to the host's open
   * database transaction ({@code JdbcActivityOutbox.joining(connection)}), so that it is recorded if and
   * only if the host's own change commits.
   *
   * @param activity the activity
   * @param outbox the view of the outbox to record through
   * @return how many destination entries were new
   */
  int record(Activity activity, ActivityOutbox outbox);

  /**
   * The destinations this activity goes to under the current settings.
   *
   * @param activity the activity
   * @return its destinations
   */
  Set<Destination> destinationsFor(Activity activity);

  /** {@return entries per state, per enabled destination} */
  Map<Destination, Map<OutboxState, Long>> backlog();

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
   * Queues dead letters again; returns how many were replayed.
   *
   * @param destination the destination
   * @param ids the dead letters' activity ids
   * @return how many were replayed
   */
  int replay(Destination destination, List<ActivityId> ids);

  /**
   * One bounded delivery pass: for each destination with a sink, claims due activities in batches (up to the sink's
   * batch size, at most {@link ActivityOptions#maxBatchesPerPass()} batches), delivers them, and completes,
   * reschedules with exponential backoff and jitter, or dead-letters them with the reason. A crash between delivery
   * and acknowledgement redelivers the batch after the lease runs out; sinks make that harmless (idempotent writes,
   * read-back).
   *
   * @return what the pass delivered, retried and dead-lettered
   */
  DeliveryReport deliver();
}
