package io.unisync.marketo;

import io.unisync.core.error.ConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The bounds the Marketo client puts on everything it does, so that no answer, however slow, large,
 * malformed or looping, can hold a caller, fill the heap or burn the daily quota. Immutable: start
 * from {@link #defaults()} or {@link #builder()} and change what you need with {@link #toBuilder()}; {@link
 * Builder#build()} lists every problem at once, and the {@code withX(..)} methods are shorthands over it.
 */
public final class MarketoLimits {

  /** See {@link #maxResponseBytes()}. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L << 20;
  /** See {@link #maxExportPolls()}. */
  public static final int DEFAULT_MAX_EXPORT_POLLS = 240;
  /** See {@link #maxEmptyPages()}. */
  public static final int DEFAULT_MAX_EMPTY_PAGES = 20;
  /** See {@link #futureTolerance()}. */
  public static final Duration DEFAULT_FUTURE_TOLERANCE = Duration.ofMinutes(10);
  /** See {@link #tokenFailureHold()}. */
  public static final Duration DEFAULT_TOKEN_FAILURE_HOLD = Duration.ofSeconds(5);
  /** See {@link #bulkQueuePlaces()}. */
  public static final int DEFAULT_BULK_QUEUE_PLACES = 9;
  /** See {@link #quietFeedRotation()}. */
  public static final boolean DEFAULT_QUIET_FEED_ROTATION = true;
  /** See {@link #exportDownloadDeadline()}. */
  public static final Duration DEFAULT_EXPORT_DOWNLOAD_DEADLINE = Duration.ofMinutes(30);
  /** See {@link #exportAllowanceBytes()}. */
  public static final long DEFAULT_EXPORT_ALLOWANCE_BYTES = 500_000_000L;
  /** See {@link #restFallbackCallsPerDay()}. */
  public static final int DEFAULT_REST_FALLBACK_CALLS_PER_DAY = 10_000;

  private final long maxResponseBytes;
  private final int maxExportPolls;
  private final int maxEmptyPages;
  private final Duration futureTolerance;
  private final Duration tokenFailureHold;
  private final int bulkQueuePlaces;
  private final boolean quietFeedRotation;
  private final Duration exportDownloadDeadline;
  private final long exportAllowanceBytes;
  private final int restFallbackCallsPerDay;

  private MarketoLimits(Builder b) {
    List<String> problems = new ArrayList<>();
    if (b.maxResponseBytes < 1024) {
      problems.add("maxResponseBytes must be at least 1024");
    }
    if (b.maxExportPolls < 1) {
      problems.add("maxExportPolls must be at least 1");
    }
    if (b.maxEmptyPages < 0) {
      problems.add("maxEmptyPages must not be negative");
    }
    if (b.futureTolerance == null || b.futureTolerance.isNegative()) {
      problems.add("futureTolerance must not be negative");
    }
    if (b.bulkQueuePlaces < 1 || b.bulkQueuePlaces > 10) {
      problems.add("bulkQueuePlaces must be between 1 and 10 (Marketo queues or processes 10 exports per instance at once)");
    }
    if (b.exportDownloadDeadline == null || b.exportDownloadDeadline.toMillis() < 100) {
      problems.add("exportDownloadDeadline must be at least 100 ms");
    }
    if (b.exportAllowanceBytes < 1) {
      problems.add("exportAllowanceBytes must be positive");
    }
    if (b.restFallbackCallsPerDay < 0) {
      problems.add("restFallbackCallsPerDay must not be negative (0 turns the REST fallback off)");
    }
    if (b.tokenFailureHold == null || b.tokenFailureHold.isNegative()) {
      problems.add("tokenFailureHold must not be negative");
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException("MarketoLimits", problems);
    }
    this.maxResponseBytes = b.maxResponseBytes;
    this.maxExportPolls = b.maxExportPolls;
    this.maxEmptyPages = b.maxEmptyPages;
    this.futureTolerance = Objects.requireNonNull(b.futureTolerance);
    this.tokenFailureHold = Objects.requireNonNull(b.tokenFailureHold);
    this.bulkQueuePlaces = b.bulkQueuePlaces;
    this.quietFeedRotation = b.quietFeedRotation;
    this.exportDownloadDeadline = Objects.requireNonNull(b.exportDownloadDeadline);
    this.exportAllowanceBytes = b.exportAllowanceBytes;
    this.restFallbackCallsPerDay = b.restFallbackCallsPerDay;
  }

  /**
   * The most bytes read from one JSON answer; a larger answer fails the call (16 MiB; Marketo's largest documented
   * page, 300 leads or activities, is a few hundred KB).
   *
   * @return the largest answer in bytes
   */
  public long maxResponseBytes() {
    return maxResponseBytes;
  }

  /**
   * Status polls of one bulk export before it is given up as stuck (240: four hours at Marketo's 60 s refresh). A
   * poll timed earlier than {@code bulkPollInterval} (to the next export's expected finish) counts as its share of a
   * poll, at least a fifth, so the bound stays one of time.
   *
   * @return the most polls of one export
   */
  public int maxExportPolls() {
    return maxExportPolls;
  }

  /**
   * Empty activity pages with {@code moreResult: true} followed in one change read, over all three feeds (20).
   * Marketo does send such pages while it scans; a feed that sends nothing else stops the read, and the engine
   * continues in its next batch or pass.
   *
   * @return the most empty pages in one change read
   */
  public int maxEmptyPages() {
    return maxEmptyPages;
  }

  /**
   * How far past the local clock a source date may lie and still move the change position (10 min of clock skew); a
   * later date is reported and clamped.
   *
   * @return the largest tolerated skew
   */
  public Duration futureTolerance() {
    return futureTolerance;
  }

  /**
   * How long a failed token fetch is remembered: callers in that time fail at once instead of each asking the
   * identity endpoint again (5 s).
   *
   * @return how long a failure is remembered
   */
  public Duration tokenFailureHold() {
    return tokenFailureHold;
  }

  /**
   * How many of the instance's 10 export queue places (jobs queued or processing, Marketo's limit, 1029 "Too many
   * jobs in queue" past it) the initial sync holds at once: the window being waited for and the later windows
   * exported ahead while it is read. Exports that have completed and wait to be read hold no place, so a freed place
   * is filled at the next status poll. 9 leaves one place to the instance's other integrations (their jobs, which
   * this API user cannot list, also show as 1029, and then the sync starts no more until a place frees); 1 exports
   * one window at a time.
   *
   * @return the queue places the initial sync holds
   */
  public int bulkQueuePlaces() {
    return bulkQueuePlaces;
  }

  /**
   * While the change feeds are quiet, read one of the three (lead changes, deletions, merges) per batch in turn
   * instead of all three, so an idle incremental pass costs one call instead of three (1,440 instead of 4,320 calls a
   * day at a 60 s schedule); any change found makes the next batches read all three again, so while changes flow
   * nothing waits longer. A deletion or merge after a quiet spell waits at most two more passes (true).
   *
   * @return whether a quiet incremental pass reads one feed at a time
   */
  public boolean quietFeedRotation() {
    return quietFeedRotation;
  }

  /**
   * The whole download of one export file, which is spooled to a temporary file and its SHA-256 checked against the
   * job's {@code fileChecksum} before any of its rows is applied (30 min: a 500 MB file, a day's allowance, at 300
   * KB/s).
   *
   * @return the deadline of one file's download
   */
  public Duration exportDownloadDeadline() {
    return exportDownloadDeadline;
  }

  /**
   * The instance's daily bulk export allowance, file sizes added up, reset at midnight in Chicago (500,000,000:
   * Marketo says 500 MB; whether it counts MB of 10^6 or 2^20 bytes is UNCONFIRMED, so the smaller). Used to plan the
   * initial sync: see {@code restFallbackCallsPerDay}.
   *
   * @return the allowance in bytes
   */
  public long exportAllowanceBytes() {
    return exportAllowanceBytes;
  }

  /**
   * When the initial sync's next export would overrun today's allowance (this API user's exports completed today plus
   * those in flight plus one more window, by the largest window seen), the window is exported with the lead id alone
   * (a few bytes a person instead of about 170) and its people's fields are read through {@code leads.json}, 300 ids
   * a call, at most this many calls a day per process; past them the sync pauses until the reset like without the
   * fallback. The export still says exactly who was created in the window, so nobody is guessed. 10,000 (a fifth of
   * the default daily quota the instance shares; 3,000,000 people); 0 turns it off, and a spent allowance then pauses
   * the sync until midnight in Chicago.
   *
   * @return the calls a day the REST fallback may use
   */
  public int restFallbackCallsPerDay() {
    return restFallbackCallsPerDay;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof MarketoLimits that
        && maxResponseBytes == that.maxResponseBytes
        && maxExportPolls == that.maxExportPolls
        && maxEmptyPages == that.maxEmptyPages
        && Objects.equals(futureTolerance, that.futureTolerance)
        && Objects.equals(tokenFailureHold, that.tokenFailureHold)
        && bulkQueuePlaces == that.bulkQueuePlaces
        && quietFeedRotation == that.quietFeedRotation
        && Objects.equals(exportDownloadDeadline, that.exportDownloadDeadline)
        && exportAllowanceBytes == that.exportAllowanceBytes
        && restFallbackCallsPerDay == that.restFallbackCallsPerDay;
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxResponseBytes, maxExportPolls, maxEmptyPages, futureTolerance, tokenFailureHold, bulkQueuePlaces, quietFeedRotation, exportDownloadDeadline, exportAllowanceBytes, restFallbackCallsPerDay);
  }

  @Override
  public String toString() {
    return "MarketoLimits[maxResponseBytes=" + maxResponseBytes
        + ", maxExportPolls=" + maxExportPolls
        + ", maxEmptyPages=" + maxEmptyPages
        + ", futureTolerance=" + futureTolerance
        + ", tokenFailureHold=" + tokenFailureHold
        + ", bulkQueuePlaces=" + bulkQueuePlaces
        + ", quietFeedRotation=" + quietFeedRotation
        + ", exportDownloadDeadline=" + exportDownloadDeadline
        + ", exportAllowanceBytes=" + exportAllowanceBytes
        + ", restFallbackCallsPerDay=" + restFallbackCallsPerDay + "]";
  }



  /** {@return the defaults described on each accessor ({@code DEFAULT_*})} */
  public static MarketoLimits defaults() {
    return builder().build();
  }

  /** {@return a builder holding the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder holding these limits, to change some of them} */
  public Builder toBuilder() {
    return new Builder().maxResponseBytes(maxResponseBytes).maxExportPolls(maxExportPolls).maxEmptyPages(maxEmptyPages).futureTolerance(futureTolerance).tokenFailureHold(tokenFailureHold).bulkQueuePlaces(bulkQueuePlaces).quietFeedRotation(quietFeedRotation).exportDownloadDeadline(exportDownloadDeadline).exportAllowanceBytes(exportAllowanceBytes).restFallbackCallsPerDay(restFallbackCallsPerDay);
  }

  /**
   * Shorthand for {@code toBuilder().maxResponseBytes(value).build()}.
   *
   * @param value the new {@code maxResponseBytes}
   * @return a copy with it, checked as {@code build()} checks it
   */
  public MarketoLimits withMaxResponseBytes(long value) {
    return toBuilder().maxResponseBytes(value).build();
  }

  /**
   * Shorthand for {@code toBuilder().maxExportPolls(value).build()}.
   *
   * @param value the new {@code maxExportPolls}
   * @return a copy with it, checked as {@code build()} checks it
   */
  public MarketoLimits withMaxExportPolls(int value) {
    return toBuilder().maxExportPolls(value).build();
  }

  /**
   * Shorthand for {@code toBuilder().maxEmptyPages(value).build()}.
   *
   * @param value the new {@code maxEmptyPages}
   * @return a copy with it, checked as {@code build()} checks it
   */
  public MarketoLimits withMaxEmptyPages(int value) {
    return toBuilder().maxEmptyPages(value).build();
  }

  /**
   * Shorthand for {@code toBuilder().futureTolerance(value).build()}.
   *
   * @param value the new {@code futureTolerance}
   * @return a copy with it, checked as {@code build()} checks it
   */
  public MarketoLimits withFutureTolerance(Duration value) {
    return toBuilder().futureTolerance(value).build();
  }

  /**
   * Shorthand for {@code toBuilder().tokenFailureHold(value).build()}.
   *
   * @param value the new {@code tokenFailureHold}
   * @return a copy with it, checked as {@code build()} checks it
   */
  public MarketoLimits withTokenFailureHold(Duration value) {
    return toBuilder().tokenFailureHold(value).build();
  }

  /**
   * Shorthand for {@code toBuilder().bulkQueuePlaces(value).build()}.
   *
   * @param value the new {@code bulkQueuePlaces}
   * @return a copy with it, checked as {@code build()} checks it
   */
  public MarketoLimits withBulkQueuePlaces(int value) {
    return toBuilder().bulkQueuePlaces(value).build();
  }

  /**
   * Shorthand for {@code toBuilder().quietFeedRotation(value).build()}.
   *
   * @param value the new {@code quietFeedRotation}
   * @return a copy with it, checked as {@code build()} checks it
   */
  public MarketoLimits withQuietFeedRotation(boolean value) {
    return toBuilder().quietFeedRotation(value).build();
  }

  /**
   * Shorthand for {@code toBuilder().exportDownloadDeadline(value).build()}.
   *
   * @param value the new {@code exportDownloadDeadline}
   * @return a copy with it, checked as {@code build()} checks it
   */
  public MarketoLimits withExportDownloadDeadline(Duration value) {
    return toBuilder().exportDownloadDeadline(value).build();
  }

  /**
   * Shorthand for {@code toBuilder().exportAllowanceBytes(value).build()}.
   *
   * @param value the new {@code exportAllowanceBytes}
   * @return a copy with it, checked as {@code build()} checks it
   */
  public MarketoLimits withExportAllowanceBytes(long value) {
    return toBuilder().exportAllowanceBytes(value).build();
  }

  /**
   * Shorthand for {@code toBuilder().restFallbackCallsPerDay(value).build()}.
   *
   * @param value the new {@code restFallbackCallsPerDay}
   * @return a copy with it, checked as {@code build()} checks it
   */
  public MarketoLimits withRestFallbackCallsPerDay(int value) {
    return toBuilder().restFallbackCallsPerDay(value).build();
  }

  /** One setter per knob, each starting at its default; {@link #build()} lists every problem at once. */
  public static final class Builder {
    private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private int maxExportPolls = DEFAULT_MAX_EXPORT_POLLS;
    private int maxEmptyPages = DEFAULT_MAX_EMPTY_PAGES;
    private @Nullable Duration futureTolerance = DEFAULT_FUTURE_TOLERANCE;
    private @Nullable Duration tokenFailureHold = DEFAULT_TOKEN_FAILURE_HOLD;
    private int bulkQueuePlaces = DEFAULT_BULK_QUEUE_PLACES;
    private boolean quietFeedRotation = DEFAULT_QUIET_FEED_ROTATION;
    private @Nullable Duration exportDownloadDeadline = DEFAULT_EXPORT_DOWNLOAD_DEADLINE;
    private long exportAllowanceBytes = DEFAULT_EXPORT_ALLOWANCE_BYTES;
    private int restFallbackCallsPerDay = DEFAULT_REST_FALLBACK_CALLS_PER_DAY;

    private Builder() {}

    /**
     * Sets {@link MarketoLimits#maxResponseBytes()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder maxResponseBytes(long value) {
      this.maxResponseBytes = value;
      return this;
    }

    /**
     * Sets {@link MarketoLimits#maxExportPolls()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder maxExportPolls(int value) {
      this.maxExportPolls = value;
      return this;
    }

    /**
     * Sets {@link MarketoLimits#maxEmptyPages()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder maxEmptyPages(int value) {
      this.maxEmptyPages = value;
      return this;
    }

    /**
     * Sets {@link MarketoLimits#futureTolerance()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder futureTolerance(Duration value) {
      this.futureTolerance = value;
      return this;
    }

    /**
     * Sets {@link MarketoLimits#tokenFailureHold()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder tokenFailureHold(Duration value) {
      this.tokenFailureHold = value;
      return this;
    }

    /**
     * Sets {@link MarketoLimits#bulkQueuePlaces()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder bulkQueuePlaces(int value) {
      this.bulkQueuePlaces = value;
      return this;
    }

    /**
     * Sets {@link MarketoLimits#quietFeedRotation()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder quietFeedRotation(boolean value) {
      this.quietFeedRotation = value;
      return this;
    }

    /**
     * Sets {@link MarketoLimits#exportDownloadDeadline()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder exportDownloadDeadline(Duration value) {
      this.exportDownloadDeadline = value;
      return this;
    }

    /**
     * Sets {@link MarketoLimits#exportAllowanceBytes()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder exportAllowanceBytes(long value) {
      this.exportAllowanceBytes = value;
      return this;
    }

    /**
     * Sets {@link MarketoLimits#restFallbackCallsPerDay()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder restFallbackCallsPerDay(int value) {
      this.restFallbackCallsPerDay = value;
      return this;
    }

    /**
     * The limits.
     *
     * @throws ConfigurationException listing every problem, each naming its knob
     * @return the limits
     */
    public MarketoLimits build() {
      return new MarketoLimits(this);
    }
  }
}
