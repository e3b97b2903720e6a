package io.unisync.marketo;

import io.unisync.core.error.ConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What this library may spend of one Marketo instance's call limits: calls per sliding window, calls at once, the share
 * of both left to it (other integrations share the instance), the daily quota. Immutable; {@link #defaults()} are
 * Marketo's documented limits, {@link #toBuilder()} changes some.
 */
public final class MarketoRateLimit {

  /** Marketo's documented limit: 100 calls per instance in any 20 s. */
  public static final int DEFAULT_CALLS = 100;
  /** The window {@link #DEFAULT_CALLS} is counted in. */
  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(20);
  /** Marketo's documented limit: 10 concurrent calls per instance. */
  public static final int DEFAULT_CONCURRENT = 10;
  /** Marketo's default daily quota: 50,000 calls, reset at midnight America/Chicago. */
  public static final long DEFAULT_DAILY_QUOTA = 50_000;

  private static final MarketoRateLimit DEFAULTS = new Builder().build();

  private final int calls;
  private final Duration window;
  private final int concurrent;
  private final double share;
  private final long dailyQuota;

  private MarketoRateLimit(Builder b) {
    List<String> problems = new ArrayList<>();
    if (b.calls < 1) {
      problems.add("rateLimit.calls must be at least 1 (was " + b.calls + ")");
    }
    if (b.window == null || b.window.isNegative() || b.window.isZero()) {
      problems.add("rateLimit.window must be positive");
    }
    if (b.concurrent < 1) {
      problems.add("rateLimit.concurrent must be at least 1 (was " + b.concurrent + ")");
    }
    if (!(b.share > 0 && b.share <= 1)) {
      problems.add("rateLimit.share must be in (0, 1] (was " + b.share + ")");
    }
    if (b.dailyQuota < 1) {
      problems.add("rateLimit.dailyQuota must be at least 1 (was " + b.dailyQuota + ")");
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException("MarketoRateLimit", problems);
    }
    this.calls = b.calls;
    this.window = Objects.requireNonNull(b.window);
    this.concurrent = b.concurrent;
    this.share = b.share;
    this.dailyQuota = b.dailyQuota;
  }

  /** {@return 100 calls per 20 s, 10 at once, all of it ours, 50,000 a day} */
  public static MarketoRateLimit defaults() {
    return DEFAULTS;
  }

  /** {@return a builder holding these values} */
  public Builder toBuilder() {
    return new Builder().calls(calls).window(window).concurrent(concurrent).share(share).dailyQuota(dailyQuota);
  }

  /** {@return the instance's calls per {@link #window()} (100)} */
  public int calls() {
    return calls;
  }

  /** {@return the sliding window the calls are counted in (20 s)} */
  public Duration window() {
    return window;
  }

  /** {@return the instance's concurrent calls (10)} */
  public int concurrent() {
    return concurrent;
  }

  /** {@return the share of rate and concurrency this library may use; 1.0 = all of it} */
  public double share() {
    return share;
  }

  /** {@return calls per day (50,000), reset at midnight America/Chicago} */
  public long dailyQuota() {
    return dailyQuota;
  }

  /** {@return the calls per window this library allows itself: {@link #calls()} × {@link #share()}, at least 1} */
  public int effectiveCalls() {
    return Math.max(1, (int) Math.floor(calls * share));
  }

  /** {@return the concurrent calls this library allows itself, at least 1} */
  public int effectiveConcurrency() {
    return Math.max(1, (int) Math.floor(concurrent * share));
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof MarketoRateLimit that && calls == that.calls && window.equals(that.window) && concurrent == that.concurrent
        && Double.compare(share, that.share) == 0 && dailyQuota == that.dailyQuota;
  }

  @Override
  public int hashCode() {
    return Objects.hash(calls, window, concurrent, share, dailyQuota);
  }

  @Override
  public String toString() {
    return "MarketoRateLimit[calls=" + calls + ", window=" + window + ", concurrent=" + concurrent + ", share=" + share + ", dailyQuota="
        + dailyQuota + "]";
  }

  /** One setter per knob, each starting at its default; {@link #build()} lists every problem at once. */
  public static final class Builder {
    private int calls = DEFAULT_CALLS;
    private @Nullable Duration window = DEFAULT_WINDOW;
    private int concurrent = DEFAULT_CONCURRENT;
    private double share = 1.0;
    private long dailyQuota = DEFAULT_DAILY_QUOTA;

    private Builder() {}

    /**
     * Sets {@link MarketoRateLimit#calls()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder calls(int value) {
      this.calls = value;
      return this;
    }

    /**
     * Sets {@link MarketoRateLimit#window()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder window(Duration value) {
      this.window = value;
      return this;
    }

    /**
     * Sets {@link MarketoRateLimit#concurrent()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder concurrent(int value) {
      this.concurrent = value;
      return this;
    }

    /**
     * Sets {@link MarketoRateLimit#share()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder share(double value) {
      this.share = value;
      return this;
    }

    /**
     * Sets {@link MarketoRateLimit#dailyQuota()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder dailyQuota(long value) {
      this.dailyQuota = value;
      return this;
    }

    /**
     * The limit.
     *
     * @throws ConfigurationException listing every problem, each naming its knob
     * @return the limit
     */
    public MarketoRateLimit build() {
      return new MarketoRateLimit(this);
    }
  }
}
