package io.unisync.core.engine;

import io.unisync.core.error.ConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Knobs of activity delivery. Immutable; start from {@link #defaults()} or {@link #builder()} and change what you need
 * with {@link #toBuilder()}, whose {@link Builder#build()} lists every problem at once. The {@code withX} methods are
 * shorthands that check nothing by themselves (a shorter lease and a shorter claim margin are valid only together);
 * {@link SyncEngine.Builder#build()} checks what it is given.
 */
public final class ActivityOptions {

  /** Attempts before an activity is dead-lettered, unless set. */
  public static final int DEFAULT_MAX_ATTEMPTS = 10;
  /** The wait after the first failed attempt, unless set. */
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(30);
  /** The longest wait between attempts, unless set. */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofHours(1);
  /** How long a claimed batch belongs to one dispatcher, unless set. */
  public static final Duration DEFAULT_LEASE = Duration.ofMinutes(2);
  /** Batches per destination and pass, unless set. */
  public static final int DEFAULT_MAX_BATCHES_PER_PASS = 100;
  /** How long stored CRM links are trusted, unless set. */
  public static final Duration DEFAULT_CRM_LINK_REFRESH = Duration.ofDays(1);
  /** How long before its claim ends a dispatcher stops sending, unless set. */
  public static final Duration DEFAULT_CLAIM_MARGIN = Duration.ofSeconds(30);

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration lease;
  private final int maxBatchesPerPass;
  private final SalesforceLogging salesforce;
  private final boolean blockWhenStatusUnknown;
  private final Duration crmLinkRefresh;
  private final Duration claimMargin;

  private ActivityOptions(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.lease = b.lease;
    this.maxBatchesPerPass = b.maxBatchesPerPass;
    this.salesforce = b.salesforce;
    this.blockWhenStatusUnknown = b.blockWhenStatusUnknown;
    this.crmLinkRefresh = b.crmLinkRefresh;
    this.claimMargin = b.claimMargin;
  }

  /** {@return attempts before an activity is dead-lettered (a claim counts as one)} */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * Wait after the first failed attempt; doubles per attempt, with jitter.
   *
   * @return the first wait
   */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** {@return the longest wait between attempts} */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /**
   * How long a claimed batch belongs to one dispatcher (2 min); after it, a crashed or stalled dispatcher's batch is
   * claimable again. Calls made under a claim end {@link #claimMargin()} before it; a lease whose send window is
   * shorter than one request of a sink ({@link io.unisync.core.port.ActivitySink#longestAttempt()}) is allowed, and
   * {@code build()} logs that slow calls will be cut there.
   *
   * @return the claim's length
   */
  public Duration lease() {
    return lease;
  }

  /**
   * Bound on one {@link Activities#deliver()} call, per destination, and on the batches (of 200) one {@link
   * OptOuts#sync()} or {@link Reminders#sync()} pass pushes to the CRM.
   *
   * @return the most batches per pass
   */
  public int maxBatchesPerPass() {
    return maxBatchesPerPass;
  }

  /** {@return which kinds go to Salesforce (the admin setting)} */
  public SalesforceLogging salesforce() {
    return salesforce;
  }

  /**
   * Whether the e-mail gate blocks when Marketo cannot say if a person is unsubscribed (default: block, reason
   * "status unknown").
   *
   * @return whether an unknown status blocks
   */
  public boolean blockWhenStatusUnknown() {
    return blockWhenStatusUnknown;
  }

  /**
   * How long a person's stored CRM links (the Task's Who and What) are trusted before the CRM is asked again
   * (default one day); links about another contact than the person's current one are read again at once.
   *
   * @return how long stored links are trusted
   */
  public Duration crmLinkRefresh() {
    return crmLinkRefresh;
  }

  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object other) {
    return other instanceof ActivityOptions that && maxAttempts == that.maxAttempts
        && Objects.equals(initialBackoff, that.initialBackoff)
        && Objects.equals(maxBackoff, that.maxBackoff)
        && Objects.equals(lease, that.lease)
        && Objects.equals(claimMargin, that.claimMargin)
        && maxBatchesPerPass == that.maxBatchesPerPass
        && Objects.equals(salesforce, that.salesforce)
        && blockWhenStatusUnknown == that.blockWhenStatusUnknown
        && Objects.equals(crmLinkRefresh, that.crmLinkRefresh);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxAttempts, initialBackoff, maxBackoff, lease, maxBatchesPerPass, salesforce, blockWhenStatusUnknown, crmLinkRefresh, claimMargin);
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


  /** {@return 10 attempts, 30 s doubling up to 1 h, 2 min lease, 100 batches per pass, all kinds to Salesforce, block on unknown} */
  public static ActivityOptions defaults() {
    return builder().build();
  }

  /** {@return a builder holding the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder holding these options, to change some of them} */
  public Builder toBuilder() {
    return new Builder().maxAttempts(maxAttempts).backoff(initialBackoff, maxBackoff).lease(lease).maxBatchesPerPass(maxBatchesPerPass)
        .salesforce(salesforce).blockWhenStatusUnknown(blockWhenStatusUnknown).crmLinkRefresh(crmLinkRefresh).claimMargin(claimMargin);
  }

  /**
   * Shorthand for {@code toBuilder().maxAttempts(value)}, checked when the engine is built.
   *
   * @param value the new {@code maxAttempts}
   * @return a copy with it, checked as {@code build()} checks it
   */
  public ActivityOptions withMaxAttempts(int value) {
    return new ActivityOptions(toBuilder().maxAttempts(value));
  }

  /**
   * Shorthand for {@code toBuilder().backoff(initial, max)}, checked when the engine is built.
   *
   * @param initial the first wait
   * @param max the longest wait
   * @return a copy with them
   */
  public ActivityOptions withBackoff(Duration initial, Duration max) {
    return new ActivityOptions(toBuilder().backoff(initial, max));
  }

  /**
   * Shorthand for {@code toBuilder().lease(value)}, checked when the engine is built.
   *
   * @param value the new {@code lease}
   * @return a copy with it, checked as {@code build()} checks it
   */
  public ActivityOptions withLease(Duration value) {
    return new ActivityOptions(toBuilder().lease(value));
  }

  /**
   * Shorthand for {@code toBuilder().maxBatchesPerPass(value)}, checked when the engine is built.
   *
   * @param value the new {@code maxBatchesPerPass}
   * @return a copy with it, checked as {@code build()} checks it
   */
  public ActivityOptions withMaxBatchesPerPass(int value) {
    return new ActivityOptions(toBuilder().maxBatchesPerPass(value));
  }

  /**
   * Shorthand for {@code toBuilder().salesforce(value)}, checked when the engine is built.
   *
   * @param value the new {@code salesforce}
   * @return a copy with it, checked as {@code build()} checks it
   */
  public ActivityOptions withSalesforce(SalesforceLogging value) {
    return new ActivityOptions(toBuilder().salesforce(value));
  }

  /**
   * Shorthand for {@code toBuilder().blockWhenStatusUnknown(value)}.
   *
   * @param value the new {@code blockWhenStatusUnknown}
   * @return a copy with it, checked as {@code build()} checks it
   */
  public ActivityOptions withBlockWhenStatusUnknown(boolean value) {
    return new ActivityOptions(toBuilder().blockWhenStatusUnknown(value));
  }

  /**
   * Shorthand for {@code toBuilder().crmLinkRefresh(value)}, checked when the engine is built.
   *
   * @param value the new {@code crmLinkRefresh}
   * @return a copy with it, checked as {@code build()} checks it
   */
  public ActivityOptions withCrmLinkRefresh(Duration value) {
    return new ActivityOptions(toBuilder().crmLinkRefresh(value));
  }

  /**
   * How long before its claim ends a dispatcher stops sending a batch (30 s): no call to a destination starts after
   * that, and each call made under the claim ends by then; what is left covers a request the destination still
   * applies after the dispatcher stopped waiting for it, so the next claimer's read-back finds it. See
   * {@link io.unisync.core.port.ActivitySink#deliver(java.util.List, java.util.Set, java.time.Instant)}.
   *
   * @return the claim margin
   */
  public Duration claimMargin() {
    return claimMargin;
  }

  /**
   * Shorthand for {@code toBuilder().claimMargin(value)}, checked when the engine is built.
   *
   * @param value the new {@code claimMargin}
   * @return a copy with it, checked as {@code build()} checks it
   */
  public ActivityOptions withClaimMargin(Duration value) {
    return new ActivityOptions(toBuilder().claimMargin(value));
  }

  /** One setter per knob, each starting at its default; {@link #build()} lists every problem at once. */
  public static final class Builder {
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private Duration lease = DEFAULT_LEASE;
    private int maxBatchesPerPass = DEFAULT_MAX_BATCHES_PER_PASS;
    private SalesforceLogging salesforce = SalesforceLogging.all();
    private boolean blockWhenStatusUnknown = true;
    private Duration crmLinkRefresh = DEFAULT_CRM_LINK_REFRESH;
    private Duration claimMargin = DEFAULT_CLAIM_MARGIN;

    private Builder() {}

    /**
     * Attempts before an activity is dead-lettered (a claim counts as one); at least 1.
     *
     * @param value the most attempts
     * @return this builder
     */
    public Builder maxAttempts(int value) {
      this.maxAttempts = value;
      return this;
    }

    /**
     * The wait after the first failed attempt (positive), doubling up to {@code max} (at least {@code initial}).
     *
     * @param initial the first wait
     * @param max the longest wait
     * @return this builder
     */
    public Builder backoff(Duration initial, Duration max) {
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /**
     * How long a claimed batch belongs to one dispatcher; at least 1 s, and 1 s more than the claim margin.
     *
     * @param value the claim's length
     * @return this builder
     */
    public Builder lease(Duration value) {
      this.lease = value;
      return this;
    }

    /**
     * Batches per destination one delivery pass sends at most; at least 1.
     *
     * @param value the most batches
     * @return this builder
     */
    public Builder maxBatchesPerPass(int value) {
      this.maxBatchesPerPass = value;
      return this;
    }

    /**
     * Which kinds go to Salesforce (the admin setting).
     *
     * @param value the kinds that go to Salesforce
     * @return this builder
     */
    public Builder salesforce(SalesforceLogging value) {
      this.salesforce = value;
      return this;
    }

    /**
     * Whether the e-mail gate blocks when Marketo cannot say if a person is unsubscribed.
     *
     * @param value {@code true} to block
     * @return this builder
     */
    public Builder blockWhenStatusUnknown(boolean value) {
      this.blockWhenStatusUnknown = value;
      return this;
    }

    /**
     * How long a person's stored CRM links are trusted; not negative.
     *
     * @param value how long links are trusted
     * @return this builder
     */
    public Builder crmLinkRefresh(Duration value) {
      this.crmLinkRefresh = value;
      return this;
    }

    /**
     * How long before its claim ends a dispatcher stops sending ({@link ActivityOptions#claimMargin()}).
     *
     * @param value the margin
     * @return this builder
     */
    public Builder claimMargin(Duration value) {
      this.claimMargin = value;
      return this;
    }

    /**
     * The options.
     *
     * @throws ConfigurationException listing every problem
     * @return the options
     */
    public ActivityOptions build() {
      ActivityOptions options = new ActivityOptions(this);
      List<String> problems = options.problems();
      if (!problems.isEmpty()) {
        throw new ConfigurationException("ActivityOptions", problems);
      }
      return options;
    }
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
