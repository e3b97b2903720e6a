package io.unisync.marketo;

import io.unisync.core.error.ConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The bounds the Marketo client puts on everything it does, so that no answer, however slow, large,
 * malformed or looping, can hold a caller, fill the heap or burn the daily quota. Start from
 * {@link #defaults()} and change what you need with the {@code withX(..)} methods; the record is immutable.
 */
public final class MarketoLimits {
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

  private MarketoLimits(long maxResponseBytes, int maxExportPolls, int
      maxEmptyPages, Duration futureTolerance, Duration tokenFailureHold, int bulkQueuePlaces, boolean
      quietFeedRotation, Duration exportDownloadDeadline, long exportAllowanceBytes, int restFallbackCallsPerDay) {
    List<String> problems = new ArrayList<>();
    if (maxResponseBytes < 1024) {
      problems.add("maxResponseBytes must be at least 1024");
    }
    if (maxExportPolls < 1) {
      problems.add("maxExportPolls must be at least 1");
    }
    if (maxEmptyPages < 0) {
      problems.add("maxEmptyPages must not be negative");
    }
    if (futureTolerance == null || futureTolerance.isNegative()) {
      problems.add("futureTolerance must not be negative");
    }
    if (bulkQueuePlaces < 1 || bulkQueuePlaces > 10) {
      problems.add("bulkQueuePlaces must be between 1 and 10 (Marketo queues or processes 10 exports per instance at once)");
    }
    if (exportDownloadDeadline == null || exportDownloadDeadline.toMillis() < 100) {
      problems.add("exportDownloadDeadline must be at least 100 ms");
    }
    if (exportAllowanceBytes < 1) {
      problems.add("exportAllowanceBytes must be positive");
    }
    if (restFallbackCallsPerDay < 0) {
      problems.add("restFallbackCallsPerDay must not be negative (0 turns the REST fallback off)");
    }
    if (tokenFailureHold == null || tokenFailureHold.isNegative()) {
      problems.add("tokenFailureHold must not be negative");
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException("MarketoLimits", problems);
    }
    this.maxResponseBytes = maxResponseBytes;
    this.maxExportPolls = maxExportPolls;
    this.maxEmptyPages = maxEmptyPages;
    this.futureTolerance = futureTolerance;
    this.tokenFailureHold = tokenFailureHold;
    this.bulkQueuePlaces = bulkQueuePlaces;
    this.quietFeedRotation = quietFeedRotation;
    this.exportDownloadDeadline = exportDownloadDeadline;
    this.exportAllowanceBytes = exportAllowanceBytes;
    this.restFallbackCallsPerDay = restFallbackCallsPerDay;
  }

  /**
   * The most bytes read from one JSON answer; a larger answer fails the call (16 MiB; Marketo's largest documented
   * page, 300 leads or activities, is a few hundred KB).
   */
  public long maxResponseBytes() {
    return maxResponseBytes;
  }

  /**
   * Status polls of one bulk export before it is given up as stuck (240: four hours at Marketo's 60 s refresh). A
   * poll timed earlier than {@code bulkPollInterval} (to the next export's expected finish) counts as its share of a
   * poll, at least a fifth, so the bound stays one of time.
   */
  public int maxExportPolls() {
    return maxExportPolls;
  }

  /**
   * Empty activity pages with {@code moreResult: true} followed in one change read, over all three feeds (20).
   * Marketo does send such pages while it scans; a feed that sends nothing else stops the read, and the engine
   * continues in its next batch or pass.
   */
  public int maxEmptyPages() {
    return maxEmptyPages;
  }

  /**
   * How far past the local clock a source date may lie and still move the change position (10 min of clock skew); a
   * later date is reported and clamped.
   */
  public Duration futureTolerance() {
    return futureTolerance;
  }

  /**
   * How long a failed token fetch is remembered: callers in that time fail at once instead of each asking the
   * identity endpoint again (5 s).
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
   */
  public int bulkQueuePlaces() {
    return bulkQueuePlaces;
  }

  /**
   * While the change feeds are quiet, read one of the three (lead changes, deletions, merges) per batch in turn
   * instead of all three, so an idle incremental pass costs one call instead of three (1,440 instead of 4,320 calls a
   * day at a 60 s schedule); any change found makes the next batches read all three again, so while changes flow
   * nothing waits longer. A deletion or merge after a quiet spell waits at most two more passes (true).
   */
  public boolean quietFeedRotation() {
    return quietFeedRotation;
  }

  /**
   * The whole download of one export file, which is spooled to a temporary file and its SHA-256 checked against the
   * job's {@code fileChecksum} before any of its rows is applied (30 min: a 500 MB file, a day's allowance, at 300
   * KB/s).
   */
  public Duration exportDownloadDeadline() {
    return exportDownloadDeadline;
  }

  /**
   * The instance's daily bulk export allowance, file sizes added up, reset at midnight in Chicago (500,000,000:
   * Marketo says 500 MB; whether it counts MB of 10^6 or 2^20 bytes is UNCONFIRMED, so the smaller). Used to plan the
   * initial sync: see {@code restFallbackCallsPerDay}.
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
   */
  public int restFallbackCallsPerDay() {
    return restFallbackCallsPerDay;
  }

  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object other) {
    return other instanceof MarketoLimits that
        && maxResponseBytes == that.maxResponseBytes
        && maxExportPolls == that.maxExportPolls
        && maxEmptyPages == that.maxEmptyPages
        && java.util.Objects.equals(futureTolerance, that.futureTolerance)
        && java.util.Objects.equals(tokenFailureHold, that.tokenFailureHold)
        && bulkQueuePlaces == that.bulkQueuePlaces
        && quietFeedRotation == that.quietFeedRotation
        && java.util.Objects.equals(exportDownloadDeadline, that.exportDownloadDeadline)
        && exportAllowanceBytes == that.exportAllowanceBytes
        && restFallbackCallsPerDay == that.restFallbackCallsPerDay;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(maxResponseBytes, maxExportPolls, maxEmptyPages, futureTolerance, tokenFailureHold, bulkQueuePlaces, quietFeedRotation, exportDownloadDeadline, exportAllowanceBytes, restFallbackCallsPerDay);
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



  /** The defaults described on the record. */
  public static MarketoLimits defaults() {
    return new MarketoLimits(16L << 20, 240, 20, Duration.ofMinutes(10),
        Duration.ofSeconds(5), 9, true, Duration.ofMinutes(30), 500_000_000L, 10_000);
  }

  public MarketoLimits withMaxResponseBytes(long value) {
    return new MarketoLimits(value, maxExportPolls, maxEmptyPages, futureTolerance, tokenFailureHold, bulkQueuePlaces, quietFeedRotation, exportDownloadDeadline, exportAllowanceBytes, restFallbackCallsPerDay);
  }

  public MarketoLimits withMaxExportPolls(int value) {
    return new MarketoLimits(maxResponseBytes, value, maxEmptyPages, futureTolerance, tokenFailureHold, bulkQueuePlaces, quietFeedRotation, exportDownloadDeadline, exportAllowanceBytes, restFallbackCallsPerDay);
  }

  public MarketoLimits withMaxEmptyPages(int value) {
    return new MarketoLimits(maxResponseBytes, maxExportPolls, value, futureTolerance, tokenFailureHold, bulkQueuePlaces, quietFeedRotation, exportDownloadDeadline, exportAllowanceBytes, restFallbackCallsPerDay);
  }

  public MarketoLimits withFutureTolerance(Duration value) {
    return new MarketoLimits(maxResponseBytes, maxExportPolls, maxEmptyPages, value, tokenFailureHold, bulkQueuePlaces, quietFeedRotation, exportDownloadDeadline, exportAllowanceBytes, restFallbackCallsPerDay);
  }

  public MarketoLimits withTokenFailureHold(Duration value) {
    return new MarketoLimits(maxResponseBytes, maxExportPolls, maxEmptyPages, futureTolerance, value, bulkQueuePlaces, quietFeedRotation, exportDownloadDeadline, exportAllowanceBytes, restFallbackCallsPerDay);
  }

  public MarketoLimits withBulkQueuePlaces(int value) {
    return new MarketoLimits(maxResponseBytes, maxExportPolls, maxEmptyPages, futureTolerance, tokenFailureHold, value, quietFeedRotation, exportDownloadDeadline, exportAllowanceBytes, restFallbackCallsPerDay);
  }

  public MarketoLimits withQuietFeedRotation(boolean value) {
    return new MarketoLimits(maxResponseBytes, maxExportPolls, maxEmptyPages, futureTolerance, tokenFailureHold, bulkQueuePlaces, value, exportDownloadDeadline, exportAllowanceBytes, restFallbackCallsPerDay);
  }

  public MarketoLimits withExportDownloadDeadline(Duration value) {
    return new MarketoLimits(maxResponseBytes, maxExportPolls, maxEmptyPages, futureTolerance, tokenFailureHold, bulkQueuePlaces, quietFeedRotation, value, exportAllowanceBytes, restFallbackCallsPerDay);
  }

  public MarketoLimits withExportAllowanceBytes(long value) {
    return new MarketoLimits(maxResponseBytes, maxExportPolls, maxEmptyPages, futureTolerance, tokenFailureHold, bulkQueuePlaces, quietFeedRotation, exportDownloadDeadline, value, restFallbackCallsPerDay);
  }

  public MarketoLimits withRestFallbackCallsPerDay(int value) {
    return new MarketoLimits(maxResponseBytes, maxExportPolls, maxEmptyPages, futureTolerance, tokenFailureHold, bulkQueuePlaces, quietFeedRotation, exportDownloadDeadline, exportAllowanceBytes, value);
  }
}
