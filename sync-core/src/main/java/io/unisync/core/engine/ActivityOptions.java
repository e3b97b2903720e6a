package io.unisync.core.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Knobs of activity delivery. Start from {@link #defaults()}.
 *
 * @param maxAttempts attempts before an activity is dead-lettered (a claim counts as one)
 * @param initialBackoff wait after the first failed attempt; doubles per attempt, with jitter
 * @param maxBackoff the longest wait between attempts
 * @param lease how long a claimed batch belongs to one dispatcher; after it, a crashed dispatcher's batch
 *     is claimable again. Must exceed the slowest delivery call.
 * @param maxBatchesPerPass bound on one {@link SyncEngine#deliverActivities()} call, per destination, and on the batches
 *     (of 200) one {@link SyncEngine#syncOptOuts()} or {@link SyncEngine#syncReminders()} pass pushes to the CRM
 * @param salesforce which kinds go to Salesforce (the admin setting)
 * @param blockWhenStatusUnknown whether the e-mail gate blocks when Marketo cannot say if a person is
 *     unsubscribed (default: block, reason "status unknown")
 */
public record ActivityOptions(
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration lease,
    int maxBatchesPerPass,
    SalesforceLogging salesforce,
    boolean blockWhenStatusUnknown) {

  /** 10 attempts, 30 s doubling up to 1 h, 2 min lease, 100 batches per pass, all kinds to Salesforce, block on unknown. */
  public static ActivityOptions defaults() {
    return new ActivityOptions(10, Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofMinutes(2), 100,
        SalesforceLogging.all(), true);
  }

  public ActivityOptions withMaxAttempts(int value) {
    return new ActivityOptions(value, initialBackoff, maxBackoff, lease, maxBatchesPerPass, salesforce, blockWhenStatusUnknown);
  }

  public ActivityOptions withBackoff(Duration initial, Duration max) {
    return new ActivityOptions(maxAttempts, initial, max, lease, maxBatchesPerPass, salesforce, blockWhenStatusUnknown);
  }

  public ActivityOptions withLease(Duration value) {
    return new ActivityOptions(maxAttempts, initialBackoff, maxBackoff, value, maxBatchesPerPass, salesforce, blockWhenStatusUnknown);
  }

  public ActivityOptions withMaxBatchesPerPass(int value) {
    return new ActivityOptions(maxAttempts, initialBackoff, maxBackoff, lease, value, salesforce, blockWhenStatusUnknown);
  }

  public ActivityOptions withSalesforce(SalesforceLogging value) {
    return new ActivityOptions(maxAttempts, initialBackoff, maxBackoff, lease, maxBatchesPerPass, value, blockWhenStatusUnknown);
  }

  public ActivityOptions withBlockWhenStatusUnknown(boolean value) {
    return new ActivityOptions(maxAttempts, initialBackoff, maxBackoff, lease, maxBatchesPerPass, salesforce, value);
  }

  List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (maxAttempts < 1) {
      problems.add("activityOptions.maxAttempts must be at least 1 (was " + maxAttempts + ")");
    }
    if (initialBackoff == null || initialBackoff.isNegative() || initialBackoff.isZero()) {
      problems.add("activityOptions.initialBackoff must be positive");
    }
    if (maxBackoff == null || initialBackoff != null && maxBackoff.compareTo(initialBackoff) < 0) {
      problems.add("activityOptions.maxBackoff must be at least initialBackoff");
    }
    if (lease == null || lease.compareTo(Duration.ofSeconds(1)) < 0) {
      problems.add("activityOptions.lease must be at least 1 second");
    }
    if (maxBatchesPerPass < 1) {
      problems.add("activityOptions.maxBatchesPerPass must be at least 1 (was " + maxBatchesPerPass + ")");
    }
    if (salesforce == null) {
      problems.add("activityOptions.salesforce must not be null");
    }
    return problems;
  }
}
