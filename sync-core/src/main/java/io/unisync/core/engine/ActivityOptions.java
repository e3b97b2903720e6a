package io.unisync.core.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Knobs of activity delivery. Start from {@link #defaults()}.
 */
public final class ActivityOptions {
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration lease;
  private final int maxBatchesPerPass;
  private final SalesforceLogging salesforce;
  private final boolean blockWhenStatusUnknown;
  private final Duration crmLinkRefresh;
  private final Duration claimMargin;

  private ActivityOptions(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration lease, int maxBatchesPerPass,
      SalesforceLogging salesforce, boolean blockWhenStatusUnknown, Duration crmLinkRefresh, Duration claimMargin) {
    this.crmLinkRefresh = crmLinkRefresh;
    this.claimMargin = claimMargin;
    this.maxAttempts = maxAttempts;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.lease = lease;
    this.maxBatchesPerPass = maxBatchesPerPass;
    this.salesforce = salesforce;
    this.blockWhenStatusUnknown = blockWhenStatusUnknown;
  }

  /** Attempts before an activity is dead-lettered (a claim counts as one). */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** Wait after the first failed attempt; doubles per attempt, with jitter. */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** The longest wait between attempts. */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /**
   * How long a claimed batch belongs to one dispatcher (2 min); after it, a crashed or stalled dispatcher's batch is
   * claimable again. Calls made under a claim end {@link #claimMargin()} before it; a lease whose send window is
   * shorter than one request of a sink ({@link io.unisync.core.port.ActivitySink#longestAttempt()}) is allowed, and
   * {@code build()} logs that slow calls will be cut there.
   */
  public Duration lease() {
    return lease;
  }

  /**
   * Bound on one {@link Activities#deliver()} call, per destination, and on the batches (of 200) one {@link
   * OptOuts#sync()} or {@link Reminders#sync()} pass pushes to the CRM.
   */
  public int maxBatchesPerPass() {
    return maxBatchesPerPass;
  }

  /** Which kinds go to Salesforce (the admin setting). */
  public SalesforceLogging salesforce() {
    return salesforce;
  }

  /**
   * Whether the e-mail gate blocks when Marketo cannot say if a person is unsubscribed (default: block, reason
   * "status unknown").
   */
  public boolean blockWhenStatusUnknown() {
    return blockWhenStatusUnknown;
  }

  /**
   * How long a person's stored CRM links (the Task's Who and What) are trusted before the CRM is asked again
   * (default one day); links about another contact than the person's current one are read again at once.
   */
  public Duration crmLinkRefresh() {
    return crmLinkRefresh;
  }

  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object other) {
    return other instanceof ActivityOptions that && maxAttempts == that.maxAttempts
        && java.util.Objects.equals(initialBackoff, that.initialBackoff)
        && java.util.Objects.equals(maxBackoff, that.maxBackoff)
        && java.util.Objects.equals(lease, that.lease)
        && java.util.Objects.equals(claimMargin, that.claimMargin)
        && maxBatchesPerPass == that.maxBatchesPerPass
        && java.util.Objects.equals(salesforce, that.salesforce)
        && blockWhenStatusUnknown == that.blockWhenStatusUnknown
        && java.util.Objects.equals(crmLinkRefresh, that.crmLinkRefresh);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(maxAttempts, initialBackoff, maxBackoff, lease, maxBatchesPerPass, salesforce, blockWhenStatusUnknown, crmLinkRefresh, claimMargin);
  }

  @Override
  public String toString() {
    return "ActivityOptions[maxAttempts=" + maxAttempts
        + ", initialBackoff=" + initialBackoff
        + ", maxBackoff=" + maxBackoff
        + ", lease=" + lease
        + ", claimMargin=" + claimMargin
        + ", maxBatchesPerPass=" + maxBatchesPerPass
        + ", salesforce=" + salesforce
        + ", blockWhenStatusUnknown=" + blockWhenStatusUnknown
        + ", crmLinkRefresh=" + crmLinkRefresh + "]";
  }


  /** 10 attempts, 30 s doubling up to 1 h, 2 min lease, 100 batches per pass, all kinds to Salesforce, block on unknown. */
  public static ActivityOptions defaults() {
    return new ActivityOptions(10, Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofMinutes(2), 100,
        SalesforceLogging.all(), true, Duration.ofDays(1), Duration.ofSeconds(30));
  }

  public ActivityOptions withMaxAttempts(int value) {
    return new ActivityOptions(value, initialBackoff, maxBackoff, lease, maxBatchesPerPass, salesforce, blockWhenStatusUnknown, crmLinkRefresh, claimMargin);
  }

  public ActivityOptions withBackoff(Duration initial, Duration max) {
    return new ActivityOptions(maxAttempts, initial, max, lease, maxBatchesPerPass, salesforce, blockWhenStatusUnknown, crmLinkRefresh, claimMargin);
  }

  public ActivityOptions withLease(Duration value) {
    return new ActivityOptions(maxAttempts, initialBackoff, maxBackoff, value, maxBatchesPerPass, salesforce, blockWhenStatusUnknown, crmLinkRefresh, claimMargin);
  }

  public ActivityOptions withMaxBatchesPerPass(int value) {
    return new ActivityOptions(maxAttempts, initialBackoff, maxBackoff, lease, value, salesforce, blockWhenStatusUnknown, crmLinkRefresh, claimMargin);
  }

  public ActivityOptions withSalesforce(SalesforceLogging value) {
    return new ActivityOptions(maxAttempts, initialBackoff, maxBackoff, lease, maxBatchesPerPass, value, blockWhenStatusUnknown, crmLinkRefresh, claimMargin);
  }

  public ActivityOptions withBlockWhenStatusUnknown(boolean value) {
    return new ActivityOptions(maxAttempts, initialBackoff, maxBackoff, lease, maxBatchesPerPass, salesforce, value, crmLinkRefresh, claimMargin);
  }

  public ActivityOptions withCrmLinkRefresh(Duration value) {
    return new ActivityOptions(maxAttempts, initialBackoff, maxBackoff, lease, maxBatchesPerPass, salesforce, blockWhenStatusUnknown, value, claimMargin);
  }

  /**
   * How long before its claim ends a dispatcher stops sending a batch (30 s): no call to a destination starts after
   * that, and each call made under the claim ends by then; what is left covers a request the destination still
   * applies after the dispatcher stopped waiting for it, so the next claimer's read-back finds it. See
   * {@link io.unisync.core.port.ActivitySink#deliver(java.util.List, java.util.Set, java.time.Instant)}.
   */
  public Duration claimMargin() {
    return claimMargin;
  }

  /** See {@link #claimMargin()}; at least 0, and at least 1 s less than the lease. */
  public ActivityOptions withClaimMargin(Duration value) {
    return new ActivityOptions(maxAttempts, initialBackoff, maxBackoff, lease, maxBatchesPerPass, salesforce, blockWhenStatusUnknown,
        crmLinkRefresh, value);
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
    if (claimMargin == null || claimMargin.isNegative() || lease != null && claimMargin.plusSeconds(1).compareTo(lease) > 0) {
      problems.add("activityOptions.claimMargin must be at least 0 and leave at least 1 second of the lease to send (was "
          + claimMargin + ", lease " + lease + ")");
    }
    if (crmLinkRefresh == null || crmLinkRefresh.isNegative()) {
      problems.add("activityOptions.crmLinkRefresh must not be negative (was " + crmLinkRefresh + ")");
    }
    return problems;
  }
}
