package io.unisync.core.engine.internal;

import io.unisync.core.domain.ActivityId;
import io.unisync.core.engine.DeliveryReport;
import io.unisync.core.engine.GateDecision;
import io.unisync.core.engine.OptOutReport;
import io.unisync.core.engine.ReminderReport;
import io.unisync.core.engine.SyncKind;
import io.unisync.core.engine.SyncListener;
import io.unisync.core.engine.SyncProgress;
import io.unisync.core.engine.SyncReport;
import io.unisync.core.port.CallBudget;
import io.unisync.core.port.Destination;
import io.unisync.core.port.Lease;
import io.unisync.core.port.QuarantinedRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listener that passes every event on to one or more listeners, in order, and logs (then ignores) whatever one of
 * them throws, so the next still hears the event.
 */
public final class SafeListener implements SyncListener {

  private static final Logger LOG = LoggerFactory.getLogger(SafeListener.class);

  private final List<SyncListener> delegates;

  private SafeListener(List<SyncListener> delegates) {
    this.delegates = List.copyOf(delegates);
  }

  /** {@code listener}, made safe to call from the engine (a listener already safe is returned as it is). */
  public static SyncListener wrap(SyncListener listener) {
    return listener instanceof SafeListener || listener == SyncListener.NO_OP ? listener : new SafeListener(List.of(listener));
  }

  /** All of {@code listeners}, each told every event in turn. */
  public static SyncListener all(List<SyncListener> listeners) {
    return new SafeListener(listeners);
  }

  private void guard(Consumer<SyncListener> call) {
    for (SyncListener delegate : delegates) {
      try {
        call.accept(delegate);
      } catch (RuntimeException e) {
        LOG.warn("A SyncListener threw; ignoring it", e);
      }
    }
  }

  @Override
  public void onProgress(SyncProgress progress) {
    guard(l -> l.onProgress(progress));
  }

  @Override
  public void onRejected(QuarantinedRecord record) {
    guard(l -> l.onRejected(record));
  }

  @Override
  public void onFinished(SyncReport report) {
    guard(l -> l.onFinished(report));
  }

  @Override
  public void onReconciled(io.unisync.core.engine.ReconcileReport report) {
    guard(l -> l.onReconciled(report));
  }

  @Override
  public void onFailed(SyncKind kind, RuntimeException failure) {
    guard(l -> l.onFailed(kind, failure));
  }

  @Override
  public void onBatchDelivered(Destination destination, int claimed, int delivered, Duration took) {
    guard(l -> l.onBatchDelivered(destination, claimed, delivered, took));
  }

  @Override
  public void onRetryScheduled(Destination destination, ActivityId activity, int attempts, Instant due, String reason) {
    guard(l -> l.onRetryScheduled(destination, activity, attempts, due, reason));
  }

  @Override
  public void onDeadLettered(Destination destination, ActivityId activity, String reason) {
    guard(l -> l.onDeadLettered(destination, activity, reason));
  }

  @Override
  public void onDeliveryPass(DeliveryReport report) {
    guard(l -> l.onDeliveryPass(report));
  }

  @Override
  public void onGateDecision(GateDecision decision, boolean statusKnown, Duration took) {
    guard(l -> l.onGateDecision(decision, statusKnown, took));
  }

  @Override
  public void onOptOutsSynced(OptOutReport report, Duration took) {
    guard(l -> l.onOptOutsSynced(report, took));
  }

  @Override
  public void onRemindersSynced(ReminderReport report, Duration took) {
    guard(l -> l.onRemindersSynced(report, took));
  }

  @Override
  public void onTwoWayFailed(String sync, RuntimeException failure) {
    guard(l -> l.onTwoWayFailed(sync, failure));
  }

  @Override
  public void onCallAdmission(String instance, boolean interactive, Duration waited, CallBudget.Admission admission) {
    guard(l -> l.onCallAdmission(instance, interactive, waited, admission));
  }

  @Override
  public void onLeaseAcquired(Lease lease) {
    guard(l -> l.onLeaseAcquired(lease));
  }

  @Override
  public void onLeaseReleased(Lease lease, String why) {
    guard(l -> l.onLeaseReleased(lease, why));
  }

  @Override
  public String toString() {
    return "SafeListener" + delegates;
  }
}
