package io.unisync.core.port;

import io.unisync.core.domain.Activity;
import io.unisync.core.domain.ActivityId;
import java.util.List;
import java.util.Set;

/**
 * Delivers activities to one destination (Marketo activities, Salesforce Tasks).
 *
 * <p>Contract: {@link #deliver} returns exactly one outcome per activity of the batch. Delivering an
 * activity that the destination already has must not create a second copy: it reports
 * {@link DeliveryOutcome.Delivered}. A failure of the whole call may be thrown instead of outcomes:
 * {@link io.unisync.core.error.RetryableAdapterException} when a later call may succeed. Thread-safe.
 * {@code ActivitySinkContract} in {@code unisync-testkit} checks this.
 */
public interface ActivitySink {

  /** {@return the destination this sink writes to} */
  Destination destination();

  /** {@return the most activities one {@link #deliver} call takes (Marketo 300, Salesforce 200)} */
  int maxBatchSize();

  /**
   * Delivers a batch, in order, and says what became of each activity.
   *
   * @param batch the activities
   * @return one outcome per activity, in order
   */
  List<DeliveryOutcome> deliver(List<Activity> batch);

  /**
   * Delivers a batch in which some activities may already have arrived (an earlier attempt's answer was
   * lost): {@code inDoubt} names them. A sink whose destination has no idempotency key of its own checks
   * those first (Marketo reads them back) and reports them delivered instead of sending them again. The
   * default suits sinks whose writes are idempotent anyway.
   *
   * @param batch the activities
   * @param inDoubt those that may have arrived already
   * @return one outcome per activity, in order
   */
  default List<DeliveryOutcome> deliver(List<Activity> batch, Set<ActivityId> inDoubt) {
    return deliver(batch);
  }

  /**
   * As {@link #deliver(List, Set)}, with every call to the destination ending by {@code endBy}: the engine's claim on
   * the batch ends a margin later, and another dispatcher may take the batch then. A sink must not start a call after
   * {@code endBy} (it fails retryably instead: nothing was sent), and bounds each call's wait by it. This is what keeps
   * a dispatcher that stalled (a GC or VM pause, a slow destination) from sending a batch someone else took over. The
   * default ignores {@code endBy}: right for sinks whose writes are idempotent (Salesforce's External ID).
   *
   * @param batch the activities
   * @param inDoubt those that may have arrived already
   * @param endBy when every call must have ended
   * @return one outcome per activity, in order
   */
  default List<DeliveryOutcome> deliver(List<Activity> batch, Set<ActivityId> inDoubt, java.time.Instant endBy) {
    return deliver(batch, inDoubt);
  }

  /**
   * The longest one call to the destination may take (its request timeout); {@code SyncEngine.Builder.build()} warns
   * when a claim leaves less than this to send. Zero for a sink that makes no remote call.
   *
   * @return the longest call
   */
  default java.time.Duration longestAttempt() {
    return java.time.Duration.ZERO;
  }
}
