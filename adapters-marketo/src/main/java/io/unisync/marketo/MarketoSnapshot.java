package io.unisync.marketo;

import io.unisync.core.error.ConfigurationException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the initial sync reads Marketo: Bulk Lead Extract in creation-date windows from {@link #start()} (the default), or
 * REST paging of {@code leads.json} by id up to {@link #restPagingMaxId()}, or both at once ({@link #mixed()}): exports
 * from the oldest window up and an id scan from the newest lead down, meeting where their paces take them. Immutable;
 * {@link #defaults()}, {@link #toBuilder()}.
 */
public final class MarketoSnapshot {

  /** The oldest creation date looked at unless told otherwise (the sync starts at the oldest person found). */
  public static final Instant DEFAULT_START = Instant.parse("2010-01-01T00:00:00Z");
  /** The widest creation-date window one bulk export may cover (Marketo allows 31 days). */
  public static final Duration DEFAULT_WINDOW = Duration.ofDays(31);
  /** How often a bulk export's status is polled (Marketo refreshes it at most every 60 s). */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(60);
  /** The highest id REST paging scans when bulk export is off. */
  public static final long DEFAULT_REST_PAGING_MAX_ID = 10_000_000L;
  /** The share of the daily API quota the mixed snapshot's id scan may spend in a day, unless set. */
  public static final double DEFAULT_SCAN_QUOTA_SHARE = 0.15;
  /** Ids scanned above the newest lead found, unless set (a run of deleted leads at the top is still read). */
  public static final long DEFAULT_SCAN_TOP_MARGIN = 600;
  /** How far back the New Lead activities are read to find the newest lead id, unless set. */
  public static final Duration DEFAULT_SCAN_TOP_LOOKBACK = Duration.ofDays(30);

  private static final MarketoSnapshot DEFAULTS = new Builder().build();

  private final boolean bulk;
  private final Instant start;
  private final Duration window;
  private final Duration pollInterval;
  private final long restPagingMaxId;
  private final boolean mixed;
  private final double scanQuotaShare;
  private final long scanTopMargin;
  private final Duration scanTopLookback;

  private MarketoSnapshot(Builder b) {
    List<String> problems = new ArrayList<>();
    if (b.start == null) {
      problems.add("snapshot.start is required");
    }
    if (b.window == null || b.window.isNegative() || b.window.isZero() || b.window.compareTo(Duration.ofDays(31)) > 0) {
      problems.add("snapshot.window must be between 1 ms and 31 days (Marketo's limit for one export)");
    }
    if (b.pollInterval == null || b.pollInterval.isNegative()) {
      problems.add("snapshot.pollInterval must not be negative");
    }
    if (b.restPagingMaxId < 1) {
      problems.add("snapshot.restPagingMaxId must be at least 1 (was " + b.restPagingMaxId + ")");
    }
    if (b.mixed && !b.bulk) {
      problems.add("snapshot.mixed needs snapshot.bulk (the mixed snapshot runs bulk exports beside the id scan)");
    }
    if (!(b.scanQuotaShare > 0 && b.scanQuotaShare <= 1)) {
      problems.add("snapshot.scanQuotaShare must be above 0 and at most 1 (was " + b.scanQuotaShare + ")");
    }
    if (b.scanTopMargin < 0) {
      problems.add("snapshot.scanTopMargin must not be negative (was " + b.scanTopMargin + ")");
    }
    if (b.scanTopLookback == null || b.scanTopLookback.isNegative() || b.scanTopLookback.isZero()) {
      problems.add("snapshot.scanTopLookback must be a positive duration");
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException("MarketoSnapshot", problems);
    }
    this.bulk = b.bulk;
    this.start = Objects.requireNonNull(b.start);
    this.window = Objects.requireNonNull(b.window);
    this.pollInterval = Objects.requireNonNull(b.pollInterval);
    this.restPagingMaxId = b.restPagingMaxId;
    this.mixed = b.mixed;
    this.scanQuotaShare = b.scanQuotaShare;
    this.scanTopMargin = b.scanTopMargin;
    this.scanTopLookback = Objects.requireNonNull(b.scanTopLookback);
  }

  /** {@return bulk export from 2010 in 31-day windows, polled every 60 s} */
  public static MarketoSnapshot defaults() {
    return DEFAULTS;
  }

  /** {@return a builder holding these values} */
  public Builder toBuilder() {
    return new Builder().bulk(bulk).start(start).window(window).pollInterval(pollInterval).restPagingMaxId(restPagingMaxId)
        .mixed(mixed).scanQuotaShare(scanQuotaShare).scanTopMargin(scanTopMargin).scanTopLookback(scanTopLookback);
  }

  /** {@return whether the snapshot is read with Bulk Lead Extract (otherwise REST paging of {@code leads.json} by id)} */
  public boolean bulk() {
    return bulk;
  }

  /** {@return the earliest creation date to export (bulk windows start here, or at the oldest person found after it)} */
  public Instant start() {
    return start;
  }

  /** {@return the width of one bulk export window (at most 31 days)} */
  public Duration window() {
    return window;
  }

  /** {@return how often to poll an export's status} */
  public Duration pollInterval() {
    return pollInterval;
  }

  /** {@return the highest id REST paging scans when bulk is off} */
  public long restPagingMaxId() {
    return restPagingMaxId;
  }

  /**
   * {@return whether the snapshot runs an id scan beside the bulk exports} Exports read creation-date windows from the
   * oldest up while {@code leads.json} reads blocks of 300 ids from the newest lead down; each side skips what the other
   * has covered and the snapshot ends where they meet, so the faster side does more. Needs {@link #bulk()}.
   */
  public boolean mixed() {
    return mixed;
  }

  /** {@return the share of {@link MarketoRateLimit#dailyQuota()} the mixed snapshot's id scan may spend in a day} */
  public double scanQuotaShare() {
    return scanQuotaShare;
  }

  /** {@return how many ids above the newest lead found the id scan starts, to read through a run of deleted leads} */
  public long scanTopMargin() {
    return scanTopMargin;
  }

  /** {@return how far back New Lead activities are read to find the newest lead id} */
  public Duration scanTopLookback() {
    return scanTopLookback;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof MarketoSnapshot that && bulk == that.bulk && start.equals(that.start) && window.equals(that.window)
        && pollInterval.equals(that.pollInterval) && restPagingMaxId == that.restPagingMaxId && mixed == that.mixed
        && scanQuotaShare == that.scanQuotaShare && scanTopMargin == that.scanTopMargin && scanTopLookback.equals(that.scanTopLookback);
  }

  @Override
  public int hashCode() {
    return Objects.hash(bulk, start, window, pollInterval, restPagingMaxId, mixed, scanQuotaShare, scanTopMargin, scanTopLookback);
  }

  @Override
  public String toString() {
    return "MarketoSnapshot[bulk=" + bulk + ", start=" + start + ", window=" + window + ", pollInterval=" + pollInterval
        + ", restPagingMaxId=" + restPagingMaxId + ", mixed=" + mixed + ", scanQuotaShare=" + scanQuotaShare + ", scanTopMargin="
        + scanTopMargin + ", scanTopLookback=" + scanTopLookback + "]";
  }

  /** One setter per knob, each starting at its default; {@link #build()} lists every problem at once. */
  public static final class Builder {
    private boolean bulk = true;
    private @Nullable Instant start = DEFAULT_START;
    private @Nullable Duration window = DEFAULT_WINDOW;
    private @Nullable Duration pollInterval = DEFAULT_POLL_INTERVAL;
    private long restPagingMaxId = DEFAULT_REST_PAGING_MAX_ID;
    private boolean mixed;
    private double scanQuotaShare = DEFAULT_SCAN_QUOTA_SHARE;
    private long scanTopMargin = DEFAULT_SCAN_TOP_MARGIN;
    private @Nullable Duration scanTopLookback = DEFAULT_SCAN_TOP_LOOKBACK;

    private Builder() {}

    /**
     * Sets {@link MarketoSnapshot#bulk()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder bulk(boolean value) {
      this.bulk = value;
      return this;
    }

    /**
     * Sets {@link MarketoSnapshot#start()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder start(Instant value) {
      this.start = value;
      return this;
    }

    /**
     * Sets {@link MarketoSnapshot#window()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder window(Duration value) {
      this.window = value;
      return this;
    }

    /**
     * Sets {@link MarketoSnapshot#pollInterval()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder pollInterval(Duration value) {
      this.pollInterval = value;
      return this;
    }

    /**
     * Sets {@link MarketoSnapshot#restPagingMaxId()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder restPagingMaxId(long value) {
      this.restPagingMaxId = value;
      return this;
    }

    /**
     * Sets {@link MarketoSnapshot#mixed()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder mixed(boolean value) {
      this.mixed = value;
      return this;
    }

    /**
     * Sets {@link MarketoSnapshot#scanQuotaShare()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder scanQuotaShare(double value) {
      this.scanQuotaShare = value;
      return this;
    }

    /**
     * Sets {@link MarketoSnapshot#scanTopMargin()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder scanTopMargin(long value) {
      this.scanTopMargin = value;
      return this;
    }

    /**
     * Sets {@link MarketoSnapshot#scanTopLookback()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder scanTopLookback(Duration value) {
      this.scanTopLookback = value;
      return this;
    }

    /**
     * The snapshot settings.
     *
     * @throws ConfigurationException listing every problem, each naming its knob
     * @return the settings
     */
    public MarketoSnapshot build() {
      return new MarketoSnapshot(this);
    }
  }
}
