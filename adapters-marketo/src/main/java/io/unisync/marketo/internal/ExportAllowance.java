package io.unisync.marketo.internal;

import io.unisync.core.error.RetryableAdapterException;
import io.unisync.core.error.SyncException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The initial sync's daily budgets, on the clock: Marketo's bulk export allowance (bytes of export files per day,
 * reset at midnight in Chicago) and the REST fallback's {@code leads.json} calls per day. The allowance is read from the
 * job list once a day and then kept up to date from the exports this process sees complete; with it,
 * {@link #wouldRunOut} tells whether the next window must be exported by id alone. Not thread-safe (one
 * {@link BulkSnapshot} holds it under its lock).
 */
final class ExportAllowance {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ExportAllowance.class);

  /** The completed exports of this API user, as Marketo lists them ({@code result} of {@code export.json?status=Completed}). */
  @FunctionalInterface
  interface CompletedJobs {
    /**
     * The list.
     *
     * @throws SyncException when it cannot be read
     */
    JsonNode list();
  }

  /** Today's allowance as far as known: bytes spent since midnight in Chicago, the largest file and the most rows seen. */
  record Allowance(long spentToday, long largest, long mostRows) {}

  /** The most bytes one row of an id-only export takes: up to 10 digits, a line end, and a margin. */
  static final long ID_ROW_BYTES = 12;

  private final Clock clock;
  private final ZoneId zone;
  private final long allowanceBytes;
  private final int restCallsPerDay;
  private final Duration window;
  private final CompletedJobs jobs;
  private @Nullable Allowance known;
  private @Nullable LocalDate knownDay;
  private int restCalls;
  private @Nullable LocalDate restCallsDay;

  /**
   * @param zone where the day resets (America/Chicago for Marketo)
   * @param allowanceBytes the day's export allowance
   * @param restCallsPerDay the REST fallback's calls per day; 0 turns the fallback (and the allowance's reading) off
   * @param window the width of one export window
   */
  ExportAllowance(Clock clock, ZoneId zone, long allowanceBytes, int restCallsPerDay, Duration window, CompletedJobs jobs) {
    this.clock = clock;
    this.zone = zone;
    this.allowanceBytes = allowanceBytes;
    this.restCallsPerDay = restCallsPerDay;
    this.window = window;
    this.jobs = jobs;
  }

  /**
   * Today's allowance: read from the job list at most once a day while a completed export is known (one call), then
   * kept up to date by {@link #noteCompleted}. Null when the fallback is off or the list cannot be read (then a spent
   * allowance shows as 1029 and the sync pauses).
   */
  @Nullable Allowance today() {
    if (restCallsPerDay == 0) {
      return null;
    }
    LocalDate day = clock.instant().atZone(zone).toLocalDate();
    if (known != null && known.largest() > 0 && day.equals(knownDay)) {
      return known; // read again while no export has completed: its size is what the plan needs
    }
    JsonNode done;
    try {
      done = jobs.list();
    } catch (SyncException e) {
      LOG.debug("Could not list Marketo's completed exports: {}", e.getMessage());
      return null;
    }
    Instant midnight = day.atStartOfDay(zone).toInstant();
    long spentToday = 0;
    long largest = 0;
    long mostRows = 0;
    for (JsonNode job : done) {
      long size = job.path("fileSize").asLong(0);
      if (size <= 0) {
        continue;
      }
      largest = Math.max(largest, size);
      mostRows = Math.max(mostRows, job.path("numberOfRecords").asLong(0));
      Instant finished = LeadReader.parseTimeQuietly(job.path("finishedAt").asString(null));
      if (finished != null && !finished.isBefore(midnight)) {
        spentToday += size;
      }
    }
    known = new Allowance(spentToday, largest, mostRows);
    knownDay = day;
    return known;
  }

  /** Adds an export this process saw complete ({@code fileSize} bytes, {@code rows}) to today's allowance, once read today. */
  void noteCompleted(long fileSize, long rows) {
    Allowance before = known;
    if (before == null || fileSize <= 0 || !clock.instant().atZone(zone).toLocalDate().equals(knownDay)) {
      return;
    }
    known = new Allowance(before.spentToday() + fileSize, Math.max(before.largest(), fileSize), Math.max(before.mostRows(), rows));
  }

  /**
   * Whether the window from {@code from}, exported with every field, would overrun today's allowance: what was spent
   * today, plus the full exports in flight ({@code inFlight}, export references) and this one at the largest window file
   * seen, plus the id-only files of every later window (so switching to them never spends the rest). False with nothing
   * known yet.
   */
  boolean wouldRunOut(@Nullable Allowance allowance, Instant from, Collection<String> inFlight) {
    if (allowance == null || allowance.largest() == 0) {
      return false;
    }
    long fullInFlight = inFlight.stream().filter(ref -> !BulkCursor.idsOnly(ref)).count();
    long idsReserve = BulkCursor.windowsBetween(from, clock.instant(), window) * allowance.mostRows() * ID_ROW_BYTES;
    return allowance.spentToday() + (fullInFlight + 1) * allowance.largest() + idsReserve > allowanceBytes;
  }

  /**
   * Counts the {@code leads.json} calls a page of {@code pageSize} ids needs against today's calls; when they are spent
   * the read pauses until midnight (a retry hint), having counted nothing.
   *
   * @throws RetryableAdapterException when today's calls are spent, with the wait until midnight
   */
  void reserveRestCalls(int pageSize) {
    LocalDate today = clock.instant().atZone(zone).toLocalDate();
    if (!today.equals(restCallsDay)) {
      restCallsDay = today;
      restCalls = 0;
    }
    int needed = (pageSize + LeadReader.MAX_IDS - 1) / LeadReader.MAX_IDS;
    if (restCalls + needed > restCallsPerDay) {
      Instant reset = today.plusDays(1).atStartOfDay(zone).toInstant();
      throw new RetryableAdapterException("the initial sync's REST fallback has made its " + restCallsPerDay + " leads.json calls of"
          + " today (MarketoLimits.restFallbackCallsPerDay); it goes on after midnight in Chicago, " + reset,
          Duration.between(clock.instant(), reset), null);
    }
    restCalls += needed;
  }
}
