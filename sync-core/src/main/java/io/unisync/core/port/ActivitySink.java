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

  /** The destination this sink writes to. */
  Destination destination();

  /** The most activities one {@link #deliver} call takes (Marketo 300, Salesforce 200). */
  int maxBatchSize();

  /** Delivers a batch, in order, and says what became of each activity. */
  List<DeliveryOutcome> deliver(List<Activity> batch);

  /**
   * Delivers a batch in which some activities may already have arrived (an earlier attempt's answer was
   * lost): {@code inDoubt} names them. A sink whose destination has no idempotency key of its own checks
   * those first (Marketo reads them back) and reports them delivered instead of sending them again. The
   * default suits sinks whose writes are idempotent anyway.
   */
  default List<DeliveryOutcome> deliver(List<Activity> batch, Set<ActivityId> inDoubt) {
    return deliver(batch);
  }
}
