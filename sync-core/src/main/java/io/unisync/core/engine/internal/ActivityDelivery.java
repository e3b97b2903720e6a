package io.unisync.core.engine.internal;

import io.unisync.core.domain.Activity;
import io.unisync.core.domain.ActivityId;
import io.unisync.core.engine.Activities;
import io.unisync.core.engine.ActivityOptions;
import io.unisync.core.engine.DeliveryReport;
import io.unisync.core.engine.SyncListener;
import io.unisync.core.error.RetryableAdapterException;
import io.unisync.core.error.SyncException;
import io.unisync.core.port.ActivityOutbox;
import io.unisync.core.retry.Backoff;
import io.unisync.core.port.ActivitySink;
import io.unisync.core.port.DeliveryOutcome;
import io.unisync.core.port.Destination;
import io.unisync.core.port.OutboxDraft;
import io.unisync.core.port.OutboxEntry;
import io.unisync.core.port.OutboxState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Recording activities into the outbox and delivering them to the sinks. */
public final class ActivityDelivery implements Activities {

  private static final Logger LOG = LoggerFactory.getLogger(ActivityDelivery.class);

  private final ActivityOutbox outbox;
  private final Map<Destination, ActivitySink> sinks;
  private final Set<Destination> enabled;
  private final ActivityOptions options;
  private final Clock clock;
  private final SyncListener listener;
  private final SplittableRandom random;

  public ActivityDelivery(ActivityOutbox outbox, Map<Destination, ActivitySink> sinks, Set<Destination> enabled,
      ActivityOptions options, Clock clock, SyncListener listener) {
    this.listener = SafeListener.wrap(listener);
    this.outbox = outbox;
    this.sinks = sinks.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new EnumMap<>(sinks));
    this.enabled = enabled.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(enabled));
    this.options = options;
    this.clock = clock;
    this.random = Backoff.jitter(clock);
  }

  @Override
  public int record(Activity activity) {
    return record(activity, outbox);
  }

  @Override
  public int record(Activity activity, ActivityOutbox target) {
    Instant now = clock.instant();
    List<OutboxDraft> drafts = new ArrayList<>(2);
    for (Destination destination : destinationsFor(activity)) {
      drafts.add(new OutboxDraft(destination, activity, now));
    }
    return drafts.isEmpty() ? 0 : target.enqueue(drafts);
  }

  @Override
  public Set<Destination> destinationsFor(Activity activity) {
    Set<Destination> destinations = EnumSet.noneOf(Destination.class);
    for (Destination destination : enabled) {
      if (destination != Destination.SALESFORCE || options.salesforce().includes(activity.kind())) {
        destinations.add(destination);
      }
    }
    return destinations;
  }

  @Override
  public Map<Destination, Map<OutboxState, Long>> backlog() {
    Map<Destination, Map<OutboxState, Long>> backlog = new EnumMap<>(Destination.class);
    for (Destination destination : enabled) {
      backlog.put(destination, outbox.counts(destination));
    }
    return backlog;
  }

  @Override
  public List<OutboxEntry> deadLetters(Destination destination, int offset, int limit) {
    return outbox.deadLetters(destination, offset, limit);
  }

  @Override
  public int replay(Destination destination, List<ActivityId> ids) {
    return outbox.replay(destination, ids, clock.instant());
  }

  /** One bounded pass over every destination that has a sink. */
  @Override
  public DeliveryReport deliver() {
    Instant start = clock.instant();
    Map<Destination, DeliveryReport.Counts> counts = new EnumMap<>(Destination.class);
    for (Map.Entry<Destination, ActivitySink> entry : sinks.entrySet()) {
      counts.put(entry.getKey(), deliverTo(entry.getKey(), entry.getValue()));
    }
    DeliveryReport report = new DeliveryReport(counts, Duration.between(start, clock.instant()));
    listener.onDeliveryPass(report);
    return report;
  }

  private DeliveryReport.Counts deliverTo(Destination destination, ActivitySink sink) {
    long claimed = 0;
    long delivered = 0;
    long retried = 0;
    long dead = 0;
    List<String> failures = new ArrayList<>();
    for (int batchNo = 0; batchNo < options.maxBatchesPerPass(); batchNo++) {
      Instant claimedAt = clock.instant();
      List<OutboxEntry> batch = outbox.claim(destination, sink.maxBatchSize(), claimedAt, options.lease());
      if (batch.isEmpty()) {
        break;
      }
      claimed += batch.size();
      // Every call made under the claim ends by endBy; the margin after it covers a request the destination still
      // applies once the call stopped waiting, so the next claimer's read-back finds it.
      Instant endBy = claimedAt.plus(options.lease()).minus(options.claimMargin());
      Instant handedOver = clock.instant();
      if (!handedOver.isBefore(endBy)) {
        // stalled between the claim and the send (a pause, a slow store): someone else may own the batch by now
        LOG.warn("Delivery to {} stalled past its claim before sending {} activities; nothing sent, the pass stops", destination,
            batch.size());
        failures.add("the claim on a batch for " + destination + " ran out before it was sent (a pause of the process?); not sent");
        break;
      }
      List<DeliveryOutcome> outcomes;
      try {
        Set<ActivityId> inDoubt = new java.util.HashSet<>();
        batch.stream().filter(e -> e.attempts() > 1).forEach(e -> inDoubt.add(e.activity().id()));
        List<Activity> activities = batch.stream().map(OutboxEntry::activity).toList();
        outcomes = sink.deliver(activities, inDoubt, endBy);
      } catch (SyncException e) {
        Instant failedAt = clock.instant();
        boolean windowRanOut = e.isRetryable() && !failedAt.isBefore(endBy);
        Instant notBefore = e instanceof RetryableAdapterException r ? r.retryAfter().map(failedAt::plus).orElse(null) : null;
        String reason = "delivery to " + destination + " failed: " + e.getMessage();
        LOG.warn("Delivery of {} activities to {} failed; they will be retried ({})", batch.size(), destination, e.getMessage());
        failures.add(reason);
        for (OutboxEntry entry : batch) {
          if (windowRanOut) {
            // the claim's send window closed (a rate-limit wait, a slow answer): the destination is not unwell and the
            // activities are not at fault, so they are due again at once, without backoff and without using up attempts
            outbox.retryLater(entry, reason + " (the claim's send window closed)", failedAt, failedAt);
            retried++;
          } else if (reschedule(destination, entry, reason, notBefore)) {
            retried++;
          } else {
            dead++;
          }
        }
        listener.onBatchDelivered(destination, batch.size(), 0, Duration.between(handedOver, clock.instant()));
        break; // the destination is unwell: leave the rest for the next pass
      }
      Map<ActivityId, DeliveryOutcome> byId = new HashMap<>();
      outcomes.forEach(o -> byId.put(o.id(), o));
      List<OutboxEntry> done = new ArrayList<>(batch.size());
      Instant now = clock.instant();
      for (OutboxEntry entry : batch) {
        DeliveryOutcome outcome = byId.get(entry.activity().id());
        if (outcome instanceof DeliveryOutcome.Delivered) {
          done.add(entry);
        } else if (outcome instanceof DeliveryOutcome.Rejected rejected) {
          LOG.warn("Activity {} was rejected by {}: {}", entry.activity().id(), destination, rejected.reason());
          String reason = "rejected by " + destination + ": " + rejected.reason();
          outbox.deadLetter(entry, reason, now);
          listener.onDeadLettered(destination, entry.activity().id(), reason);
          dead++;
        } else if (outcome instanceof DeliveryOutcome.Retry retry) {
          if (reschedule(destination, entry, retry.reason(), retry.notBefore())) {
            retried++;
          } else {
            dead++;
          }
        } else if (outcome == null) {
          if (reschedule(destination, entry, destination + " returned no outcome for this activity", null)) {
            retried++;
          } else {
            dead++;
          }
        } else {
          throw new IllegalStateException("unhandled delivery outcome " + outcome.getClass().getName());
        }
      }
      int completed = done.isEmpty() ? 0 : outbox.complete(done, now);
      delivered += completed;
      listener.onBatchDelivered(destination, batch.size(), completed, Duration.between(handedOver, clock.instant()));
      if (completed < done.size()) {
        // the claim passed to another dispatcher: this one stops at once instead of claiming and sending on
        LOG.warn("The claim on {} of {} delivered activities for {} had passed to another dispatcher; the pass stops",
            done.size() - completed, done.size(), destination);
        failures.add("the claim on a batch for " + destination + " was lost while it was delivered; the pass stopped");
        break;
      }
    }
    return new DeliveryReport.Counts(claimed, delivered, retried, dead, failures);
  }

  /** Retries later with backoff, or dead-letters when attempts are used up; returns whether it was retried. */
  private boolean reschedule(Destination destination, OutboxEntry entry, String reason, @Nullable Instant notBefore) {
    Instant now = clock.instant();
    if (entry.attempts() >= options.maxAttempts()) {
      String why = "gave up after " + entry.attempts() + " attempts: " + reason;
      outbox.deadLetter(entry, why, now);
      listener.onDeadLettered(destination, entry.activity().id(), why);
      return false;
    }
    Instant due = now.plus(backoff(entry.attempts()));
    if (notBefore != null && notBefore.isAfter(due)) {
      due = notBefore;
    }
    outbox.retryLater(entry, reason, due, now);
    listener.onRetryScheduled(destination, entry.activity().id(), entry.attempts(), due, reason);
    return true;
  }

  /** Exponential backoff with equal jitter, capped. */
  Duration backoff(int attempts) {
    return new Backoff(options.initialBackoff(), options.maxBackoff()).delay(attempts, random);
  }
}
