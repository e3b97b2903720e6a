package io.unisync.core.engine;

import io.unisync.core.domain.ActivityId;
import io.unisync.core.port.CallBudget;
import io.unisync.core.port.Destination;
import io.unisync.core.port.Lease;
import io.unisync.core.port.QuarantinedRecord;
import java.time.Duration;
import java.time.Instant;

/**
 * Callbacks from the engine, for progress bars, metrics and alerts: one surface for every capability (the person
 * sync, activity delivery, the send gate, the two-way syncs, calls against the API budget, leases). Every method has
 * a no-op default; implement what you need ({@code unisync-micrometer}'s {@code UnisyncMetrics} implements them
 * all). Callbacks run on the thread that did the work, after the commit they describe; they must be quick and must
 * not throw (an exception from a listener is logged and ignored). They carry ids, counts and reasons, never a
 * person's e-mail, name or phone.
 */
public interface SyncListener {

  /** A listener that does nothing. */
  SyncListener NO_OP = new SyncListener() {};

  /**
   * One listener that tells each of {@code listeners} every event, in order (metrics and the host's own alerts, say);
   * one that throws is logged and the others still hear the event.
   *
   * @param listeners the listeners
   * @return the listener
   */
  static SyncListener all(SyncListener... listeners) {
    return io.unisync.core.engine.internal.SafeListener.all(java.util.List.of(listeners));
  }

  // ---- the person sync ------------------------------------------------------------------------------------------

  /**
   * A commit finished.
   *
   * @param progress the commit's progress
   */
  default void onProgress(SyncProgress progress) {}

  /**
   * A record was quarantined (already committed). Its reason names the field and the record.
   *
   * @param record the quarantined record
   */
  default void onRejected(QuarantinedRecord record) {}

  /**
   * A sync call finished.
   *
   * @param report the call's report
   */
  default void onFinished(SyncReport report) {}

  /**
   * A reconciliation pass finished ({@link Reconciliation}): the drift it found and what it repaired.
   *
   * @param report the pass's report
   */
  default void onReconciled(ReconcileReport report) {}

  /**
   * A sync call failed; the stored checkpoint is where the next call resumes.
   *
   * @param kind the sync that failed
   * @param failure why
   */
  default void onFailed(SyncKind kind, RuntimeException failure) {}

  // ---- activity delivery ----------------------------------------------------------------------------------------

  /**
   * A batch was handed to a destination's sink and its outcomes were recorded.
   *
   * @param claimed entries in the batch
   * @param delivered entries the sink confirmed (the others were rescheduled or dead-lettered, reported one by one)
   * @param took time from the hand-over to the sink's answer (or failure)
   * @param destination the destination
   */
  default void onBatchDelivered(Destination destination, int claimed, int delivered, Duration took) {}

  /**
   * An activity's delivery failed for now; it is tried again at {@code due}. {@code attempts} counts those made.
   *
   * @param destination the destination
   * @param activity the activity
   * @param attempts the attempts made
   * @param due when it is tried again
   * @param reason why it failed
   */
  default void onRetryScheduled(Destination destination, ActivityId activity, int attempts, Instant due, String reason) {}

  /**
   * An activity was given up on (rejected by the destination, or out of attempts); it waits as a dead letter.
   *
   * @param destination the destination
   * @param activity the activity
   * @param reason why it was given up on
   */
  default void onDeadLettered(Destination destination, ActivityId activity, String reason) {}

  /**
   * A delivery pass ({@link Activities#deliver()}) finished.
   *
   * @param report the pass's report
   */
  default void onDeliveryPass(DeliveryReport report) {}

  // ---- the send gate --------------------------------------------------------------------------------------------

  /**
   * The e-mail send gate answered.
   *
   * @param statusKnown false when Marketo could not be asked (the decision then follows
   *     {@link ActivityOptions#blockWhenStatusUnknown()})
   * @param took time to answer
   * @param decision the decision
   */
  default void onGateDecision(GateDecision decision, boolean statusKnown, Duration took) {}

  // ---- the two-way syncs ----------------------------------------------------------------------------------------

  /**
   * A two-way unsubscribe pass finished.
   *
   * @param report the pass's report
   * @param took how long the pass took
   */
  default void onOptOutsSynced(OptOutReport report, Duration took) {}

  /**
   * A two-way reminder pass finished.
   *
   * @param report the pass's report
   * @param took how long the pass took
   */
  default void onRemindersSynced(ReminderReport report, Duration took) {}

  /**
   * A two-way pass ({@code "opt-outs"} or {@code "reminders"}) failed; its watermark is where the next one resumes.
   *
   * @param sync the sync's name
   * @param failure why
   */
  default void onTwoWayFailed(String sync, RuntimeException failure) {}

  // ---- the API budget -------------------------------------------------------------------------------------------

  /**
   * A call asked the budget of a remote instance for room (reported by {@link ObservedCallBudget}).
   *
   * @param instance the instance's name as the budget was told it (for example {@code marketo})
   * @param interactive a seller-facing call
   * @param waited time spent waiting for room (rate limit, concurrency cap)
   * @param admission granted, busy (no room within the wait) or the day's quota used up
   */
  default void onCallAdmission(String instance, boolean interactive, Duration waited, CallBudget.Admission admission) {}

  // ---- leases (several replicas) --------------------------------------------------------------------------------

  /**
   * This replica took the lease of the engine's tenant and starts running it.
   *
   * @param lease the lease taken
   */
  default void onLeaseAcquired(Lease lease) {}

  /**
   * This replica stopped running the engine's tenant ({@code why}: lost, given back, shutting down, ...).
   *
   * @param lease the lease given up
   * @param why why
   */
  default void onLeaseReleased(Lease lease, String why) {}
}
