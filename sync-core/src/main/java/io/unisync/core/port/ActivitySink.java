package io.unisync.core.port;

import io.unisync.core.domain.Activity;
import java.util.List;

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
}
