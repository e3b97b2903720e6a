package io.unisync.marketo.internal;

import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.SourceRecord;
import io.unisync.core.error.AdapterException;
import io.unisync.core.error.RetryableAdapterException;
import io.unisync.core.port.SnapshotPage;
import io.unisync.core.port.SnapshotPosition;
import io.unisync.core.wire.ServerText;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The snapshot through Bulk Lead Extract: one export per creation-date window (at most 31 days) from the
 * configured start to now, read in order. While one window is waited for and read, the exports of the next
 * windows are already started, as many as fill the queue places the sync may hold
 * ({@link io.unisync.marketo.MarketoLimits#bulkQueuePlaces()}), so Marketo's two export slots and its queue stay busy. Position: {@code bulk|<window start>|<export id or ->|<rows read>[|<start>=<id>,...]}, the last
 * part naming the exports started ahead: every export id is committed before anything waits on it, so a restart
 * finds each again instead of orphaning it in the queue. The open
 * download is kept between pages; after a restart the export's file is opened again and the rows already
 * read are skipped. A download cut off by the network continues with a {@code Range} request.
 *
 * <p>Each export's file is downloaded whole into a temporary file first, its SHA-256 checked against the job's
 * {@code fileChecksum} ({@code sha256:<hex>}), and only then are its rows read and applied: a file damaged on the way
 * is downloaded once more, and a second mismatch fails the window with both digests named, having applied nothing of
 * it. The temporary file is deleted when the window is done or abandoned.
 *
 * <p>This class is the state machine over the position; its parts, each with its own tests: {@link BulkCursor} (the
 * position as a value), {@link ExportQueue} (create, enqueue, list, top up), {@link ExportAllowance} (the day's export
 * bytes and REST fallback calls), {@link PollCadence} (when to poll next) and {@link ExportFile} (download, checks,
 * rows).
 */
public final class BulkSnapshot {

  private static final Logger LOG = LoggerFactory.getLogger(BulkSnapshot.class);

  private final MarketoHttp http;
  private final Clock clock;
  private final Set<String> fields;
  private @Nullable ExportFile open;
  /**
   * Exports of the window being read that failed in a row (Marketo said Failed, or their file could not be used); past
   * {@link #MAX_FAILED_EXPORTS_PER_CALL} the read fails instead of trying again. Back to 0 when a window is read whole.
   */
  private int failedExports;
  private static final int MAX_FAILED_EXPORTS_PER_CALL = 2;

  /** An export Marketo reports as Failed. */
  private static final class ExportFailed extends AdapterException {
    private static final long serialVersionUID = 1L;

    ExportFailed(String exportId, String reason) {
      super("Marketo bulk export " + exportId + " failed: " + reason);
    }
  }

  public BulkSnapshot(MarketoHttp http, Clock clock, Set<String> fields) {
    this.http = http;
    this.clock = clock;
    this.fields = fields;
    this.leads = new LeadReader(http);
    this.budgets = new ExportAllowance(clock, MarketoHttp.CENTRAL, http.settings().limits().exportAllowanceBytes(),
        http.settings().limits().restFallbackCallsPerDay(), http.settings().snapshot().window(),
        () -> http.get("/bulk/v1/leads/export.json", Map.of("status", "Completed"), RateLimiter.Priority.BACKGROUND).path("result"));
    this.queue = new ExportQueue(http, budgets, fields, cadence);
  }

  // ---- the REST fallback: windows exported by id alone when the day's allowance would not hold them ------------

  private final LeadReader leads;
  private final ExportAllowance budgets;

  public synchronized SnapshotPage read(@Nullable SnapshotPosition after, int pageSize) {
    SnapshotPage page = java.util.Objects.requireNonNull(readPage(after, pageSize), "a read that waits always has a page");
    notePlan(page.resumeAfter(), page.last());
    return page;
  }

  /**
   * As {@link #read}, but never waits for an export: when the window's export is not completed yet (or its next poll
   * is not due), empty, after at most the one poll that was due (which may also start exports of later windows; their
   * page then comes back, to be committed). A caller does other work meanwhile and asks again.
   */
  public synchronized java.util.Optional<SnapshotPage> readIfReady(@Nullable SnapshotPosition after, int pageSize) {
    impatient = true;
    try {
      SnapshotPage page = readPage(after, pageSize);
      if (page == null) {
        return java.util.Optional.empty();
      }
      notePlan(page.resumeAfter(), page.last());
      return java.util.Optional.of(page);
    } finally {
      impatient = false;
    }
  }

  /** Set for a {@link #readIfReady} call: a poll that would wait returns {@link #NOT_READY} instead. */
  private boolean impatient;
  /** When the export waited for without waiting may be polled next. */
  private @Nullable Instant nextPollDue;

  // ---- the plan: windows done and left, an ETA at the pace of this process ------------------------------------

  private @Nullable Instant planStarted;
  private @Nullable Instant planWindow;
  private int windowsDone;
  private io.unisync.core.port.@Nullable SnapshotPlan plan;

  /** The plan after the last page read (windows done by this process, left, ETA); empty before the first page. */
  public synchronized java.util.Optional<io.unisync.core.port.SnapshotPlan> plan() {
    return java.util.Optional.ofNullable(plan);
  }

  /**
   * One line about a stored bulk snapshot position, for status pages: the window being read, how many are left at
   * {@code now}, the exports started ahead; empty for a position that is not a bulk one.
   */
  public static java.util.Optional<String> describe(SnapshotPosition position, Instant now, Duration window) {
    return BulkCursor.describe(position, now, window);
  }

  private void notePlan(SnapshotPosition position, boolean last) {
    BulkCursor cursor = BulkCursor.parse(position);
    Instant now = clock.instant();
    if (planStarted == null) {
      planStarted = now;
    }
    Instant windowStart = cursor.windowStart();
    if (planWindow != null && windowStart.isAfter(planWindow)) {
      windowsDone++;
    }
    planWindow = windowStart;
    int ahead = cursor.ahead().size();
    Duration window = http.settings().snapshot().window();
    int left = last ? 0 : cursor.windowsLeft(now, window);
    java.util.Optional<Duration> eta = windowsDone == 0 ? java.util.Optional.empty()
        : java.util.Optional.of(Duration.between(planStarted, now).dividedBy(windowsDone).multipliedBy(left));
    plan = new io.unisync.core.port.SnapshotPlan(windowsDone, left, eta, left == 0 ? "bulk exports done"
        : String.format(java.util.Locale.ROOT, "export window from %s (%d days), %d window(s) left, %d export(s) started ahead",
            windowStart.truncatedTo(java.time.temporal.ChronoUnit.DAYS).toString().substring(0, 10), window.toDays(), left, ahead));
  }

  private @Nullable SnapshotPage readPage(@Nullable SnapshotPosition after, int pageSize) {
    BulkCursor cursor = after == null ? BulkCursor.start(firstWindowStart()) : BulkCursor.parse(after);
    Instant windowStart = cursor.windowStart();
    String exportId = cursor.exportRef();
    long rowsRead = cursor.rowsRead();
    Map<Instant, String> ahead = new java.util.TreeMap<>(cursor.ahead());
    ahead.keySet().removeIf(start -> !start.isAfter(windowStart) && !start.equals(windowStart));
    Instant now = clock.instant();
    if (!windowStart.isBefore(now)) {
      return new SnapshotPage(List.of(), position(windowStart, null, 0, ahead), true);
    }
    Instant windowEnd = min(windowStart.plus(http.settings().snapshot().window()), now);
    if (exportId == null) {
      String prepared = ahead.remove(windowStart);
      if (prepared == null) {
        // The new export's id is committed with an empty page before anything waits on it: a crash from here on
        // finds the export again (queued, processing or completed) instead of leaving it orphaned in Marketo's queue.
        return new SnapshotPage(List.of(), position(windowStart, queue.create(windowStart, windowEnd, budgets.today(), ahead.values()), 0, ahead), false);
      }
      exportId = prepared; // exported ahead of time, while the previous window was read
    }
    if (open == null || !open.exportId().equals(exportId) || open.rows() != rowsRead) {
      closeOpen();
      JsonNode job;
      try {
        job = awaitExport(exportId, windowEnd, ahead);
      } catch (ExportFailed e) {
        return exportAgain(e, windowStart, windowEnd, ahead); // Marketo gave up on this export
      }
      if (job == NOT_READY) {
        return null; // only in readIfReady
      }
      if (job == STARTED_AHEAD) {
        // exports of later windows were just started: their ids are committed before anything more waits
        return new SnapshotPage(List.of(), position(windowStart, exportId, rowsRead, ahead), false);
      }
      if (job == null) {
        // the export is gone (expired, cancelled): do the window again
        LOG.info("Marketo bulk export {} is gone; exporting its window again", exportId);
        return new SnapshotPage(List.of(), position(windowStart, queue.create(windowStart, windowEnd, budgets.today(), ahead.values()), 0, ahead), false);
      }
      if (job.path("numberOfRecords").asLong(0) == 0) {
        failedExports = 0;
        // nothing created in this window: move on, and let the engine record the progress
        return new SnapshotPage(List.of(), position(windowEnd, null, 0, ahead), !windowEnd.isBefore(now));
      }
      try {
        open = ExportFile.open(http, clock, exportId, job.path("numberOfRecords").asLong(), job.path("fileSize").asLong(-1),
            job.path("fileChecksum").asString(""), rowsRead);
      } catch (UnusableExportFile e) {
        return exportAgain(e, windowStart, windowEnd, ahead);
      }
    }
    List<SourceRecord> records = new ArrayList<>(Math.min(pageSize, 10_000));
    ExportFile current = open;
    boolean idsOnly = BulkCursor.idsOnly(exportId);
    if (idsOnly) {
      pageSize = pageSize >= LeadReader.MAX_IDS ? pageSize / LeadReader.MAX_IDS * LeadReader.MAX_IDS : pageSize; // whole calls
      budgets.reserveRestCalls(pageSize);
    }
    try {
      List<PersonId> ids = new ArrayList<>();
      int taken = 0;
      while (taken < pageSize && current.hasNext()) {
        if (current.rows() >= current.expected()) {
          closeOpen();
          return exportAgain(new UnusableExportFile("Marketo export " + exportId + " holds more rows than the " + current.expected()
              + " its job counted; this page was not applied"), windowStart, windowEnd, ahead);
        }
        CsvRows.Row row = current.take();
        taken++;
        if (idsOnly) {
          PersonId id = leadId(row);
          if (id != null) {
            ids.add(id);
            continue;
          }
          records.add(SourceRecord.unreadable(row.values().getOrDefault("id", ""), "export " + exportId + " row " + row.number()
              + (row.problem() != null ? " " + row.problem() : " has no lead id"), Map.of("raw", row.raw())));
        } else {
          records.add(record(row, exportId));
        }
      }
      for (int from = 0; from < ids.size(); from += LeadReader.MAX_IDS) {
        records.addAll(leads.read(ids.subList(from, Math.min(ids.size(), from + LeadReader.MAX_IDS)), fields, RateLimiter.Priority.BACKGROUND));
      }
      if (taken < pageSize || !current.hasNext()) {
        if (current.rows() < current.expected()) {
          throw new RetryableAdapterException("Marketo export " + exportId + " ended after " + current.rows() + " of "
              + current.expected() + " records; the page will be read again");
        }
        if (current.readable() == 0 && current.rows() >= SYSTEMATIC_ROWS) {
          // a bad row is quarantined and the run goes on; but a window of many rows in which not one reads is a file we
          // cannot read (a shifted column, another encoding), never a window that is done: its people would be missing
          // from the store with the snapshot declared complete
          throw new AdapterException("Marketo export " + exportId + ": none of its " + current.rows() + " rows could be read"
              + " (the first page's quarantine says why); the window is not taken as done and this page was not applied");
        }
        closeOpen();
        failedExports = 0; // a window read whole: the exports that failed before it are behind us
        return new SnapshotPage(records, position(windowEnd, null, 0, ahead), !windowEnd.isBefore(now));
      }
      return new SnapshotPage(records, position(windowStart, exportId, current.rows(), ahead), false);
    } catch (RuntimeException e) {
      closeOpen();
      if (e instanceof io.unisync.core.error.SyncException sync) {
        throw sync;
      }
      throw new RetryableAdapterException("reading Marketo export " + exportId + " failed: " + e.getClass().getSimpleName()
          + (e.getCause() instanceof IOException io ? " (" + io.getMessage() + ")" : ""), e);
    }
  }

  /**
   * Rows of one window that, when not one of them reads, fail the window instead of being quarantined one by one
   * (20: independent defects, even at a rate of one row in three, leave all 20 unreadable once in 10^10 windows).
   */
  static final int SYSTEMATIC_ROWS = 20;

  /** Exports the window again after its export failed or its file could not be used, but not endlessly within one call. */
  private SnapshotPage exportAgain(AdapterException why, Instant windowStart, Instant windowEnd, Map<Instant, String> ahead) {
    if (++failedExports > MAX_FAILED_EXPORTS_PER_CALL) {
      failedExports = 0;
      throw new AdapterException(why.getMessage() + "; its window was exported again " + MAX_FAILED_EXPORTS_PER_CALL
          + " time(s) and failed each time, the next attempt tries again", why);
    }
    LOG.warn("{}; exporting its window again", why.getMessage());
    return new SnapshotPage(List.of(), position(windowStart, queue.create(windowStart, windowEnd, budgets.today(), ahead.values()), 0, ahead), false);
  }

  /** Cancels exports nothing will read (a mixed snapshot's, once its sides have met); a failure is only logged. */
  public synchronized void cancelQuietly(java.util.Collection<String> exportRefs) {
    closeOpen();
    exportRefs.forEach(queue::cancelUnread);
  }

  /** Where the first window starts, once the probe for the oldest person has answered. */
  private @Nullable Instant firstWindow;

  /** Lead ids probed for the oldest person: 5 calls of 300. */
  private static final int OLDEST_PROBES = 5;

  /**
   * Where the first window starts: the configured start, or, when the instance's oldest person was created later, a
   * day before that person, so a young instance does not pay for years of empty exports (each one queues and runs in
   * Marketo). Marketo numbers leads in the order they are created, so the lowest id that exists is the oldest person;
   * it is looked for among the first {@value #OLDEST_PROBES} × 300 ids, and when none of them exists any more the
   * configured start is kept.
   */
  private Instant firstWindowStart() {
    Instant configured = http.settings().snapshot().start();
    Instant known = firstWindow;
    if (known != null) {
      return known; // found by an earlier attempt whose export was not started: the probe's 5 calls are not made again
    }
    try {
      Instant found = oldestPersonStart(configured);
      firstWindow = found;
      return found;
    } catch (io.unisync.core.error.SyncException e) {
      // only a shortcut: without it every window from the configured start is exported, which is never wrong
      LOG.warn("Could not find Marketo's oldest person ({}); the snapshot starts at the configured {}", e.getMessage(), configured);
      return configured;
    }
  }

  private Instant oldestPersonStart(Instant configured) {
    Instant now = clock.instant();
    for (int probe = 0; probe < OLDEST_PROBES; probe++) {
      StringBuilder ids = new StringBuilder();
      for (long id = probe * 300L + 1; id <= (probe + 1) * 300L; id++) {
        ids.append(ids.length() == 0 ? "" : ",").append(id);
      }
      JsonNode found = http.get("/rest/v1/leads.json", Map.of("filterType", "id", "filterValues", ids.toString(),
          "fields", "id,createdAt"), RateLimiter.Priority.BACKGROUND).path("result");
      Instant oldest = null;
      for (JsonNode lead : found) {
        Instant created = LeadReader.parseTime(lead.path("createdAt").asString(null));
        if (created != null && (oldest == null || created.isBefore(oldest))) {
          oldest = created;
        }
      }
      if (oldest != null && oldest.isBefore(now)) { // a date in the future is no evidence: it could skip everyone
        Instant start = oldest.minus(Duration.ofDays(1));
        if (start.isAfter(configured)) {
          LOG.info("The oldest person in Marketo was created at {}: the snapshot starts at {} instead of {}", oldest, start, configured);
          return start.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        }
        return configured;
      }
    }
    return configured;
  }

  /** What {@link #awaitExport} answers when it started exports ahead, which must be committed before it waits on. */
  private static final JsonNode STARTED_AHEAD = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
  /** The export is not completed and {@link #readIfReady} does not wait for it. */
  private static final JsonNode NOT_READY = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();

  /** The export being waited for and the status polls spent on it, kept across the pages that commit exports started ahead. */
  private @Nullable String polledExport;
  /** Polls spent on it, a shorter wait than {@code bulkPollInterval} counting as its share of a poll (at least a fifth). */
  private double pollsSpent;

  /**
   * Waits for the window's export: each poll first lists this API user's exports that hold a queue place or wait to
   * be queued, enqueues the window's export if it is only created, and fills the places freed since the last poll
   * with exports of later windows ({@link ExportQueue#topUp}); returns {@link #STARTED_AHEAD} as soon as it started any (their ids
   * must be committed first), the export's status once it completed, or null when it is gone (cancelled, expired,
   * unknown) and its window must be exported again. An unreadable list is no evidence: that poll starts nothing.
   */
  private @Nullable JsonNode awaitExport(String exportId, Instant windowEnd, Map<Instant, String> ahead) {
    if (!exportId.equals(polledExport)) {
      polledExport = exportId;
      pollsSpent = 0;
      nextPollDue = null;
    }
    if (impatient && nextPollDue != null && clock.instant().isBefore(nextPollDue)) {
      return NOT_READY; // its next poll is not due: no call
    }
    String state = "";
    while (pollsSpent < http.settings().limits().maxExportPolls()) {
      Map<String, String> open = justListed != null ? justListed : queue.listOpen();
      justListed = null;
      if (open != null && "Created".equals(open.get(BulkCursor.jobId(exportId)))) {
        queue.enqueue(exportId); // the window waited for comes first; a full queue fails the read, and the next one tries again
        open.put(BulkCursor.jobId(exportId), "Queued");
      }
      if (open != null && queue.topUp(windowEnd, clock.instant(), ahead, open, exportId)) {
        justListed = open; // the list as it stands after the top-up: the commit that follows needs no second one
        return STARTED_AHEAD; // a page that only commits is not a poll of this export
      }
      if (open != null && open.containsKey(BulkCursor.jobId(exportId)) && ++listedPolls % STATUS_EVERY != 0) {
        state = open.get(BulkCursor.jobId(exportId)); // every STATUS_EVERY-th poll asks the export itself: the list is not trusted alone
      } else {
        JsonNode status;
        try {
          status = queue.status(exportId);
        } catch (MarketoErrorException e) {
          if (String.valueOf(e.getMessage()).contains("not found")) {
            return null;
          }
          throw e;
        }
        state = status.path("status").asString("");
        switch (state) {
          case "Completed":
            cadence.noteRun(LeadReader.parseTimeQuietly(status.path("queuedAt").asString(null)),
                LeadReader.parseTimeQuietly(status.path("finishedAt").asString(null)));
            budgets.noteCompleted(status.path("fileSize").asLong(0), status.path("numberOfRecords").asLong(0));
            return status;
          case "Failed":
            throw new ExportFailed(exportId, ServerText.printable(status.path("errorMsg").asString("no reason given")));
          case "Canceled":
          case "Cancelled":
            return null;
          case "Created":
            queue.enqueue(exportId);
            break;
          case "Queued":
          case "Processing":
            break;
          default:
            LOG.warn("Marketo bulk export {} answered status '{}', which is not one Marketo documents; polling on",
                exportId, ServerText.printable(state));
        }
      }
      Duration interval = http.settings().snapshot().pollInterval();
      Duration wait = open == null ? interval : cadence.next(clock.instant(), interval);
      pollsSpent += interval.isZero() ? 1.0 : Math.max(0.2, (double) wait.toMillis() / interval.toMillis());
      if (impatient) {
        nextPollDue = clock.instant().plus(wait);
        return NOT_READY;
      }
      sleep(wait);
    }
    queue.cancelQuietly(exportId);
    throw new AdapterException("Marketo bulk export " + exportId + " was still '" + ServerText.printable(state) + "' after "
        + http.settings().limits().maxExportPolls() + " status polls (MarketoLimits.maxExportPolls); it was cancelled and the"
        + " window will be exported again on the next attempt");
  }

  /** The open exports as the last poll left them, when it returned only to commit exports it started; used once. */
  private @Nullable Map<String, String> justListed;

  /** Polls answered from the job list; every {@value #STATUS_EVERY}th asks the export's own status instead. */
  private long listedPolls;
  private static final int STATUS_EVERY = 5;

  /** When to poll next, from how long this process's last exports took and when the open ones were queued. */
  private final PollCadence cadence = new PollCadence();
  private final ExportQueue queue;

  /** The lead id of a row of an ids-only export, or null when the row is damaged or holds no positive number. */
  private static @Nullable PersonId leadId(CsvRows.Row row) {
    String text = row.values().get("id");
    if (row.problem() != null || text == null) {
      return null;
    }
    try {
      long id = Long.parseLong(text.trim());
      return id > 0 ? PersonId.of(id) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static SourceRecord record(CsvRows.Row row, String exportId) {
    Map<String, String> values = new HashMap<>();
    row.values().forEach((k, v) -> {
      if (v != null && !v.isEmpty() && !v.equals("null")) { // Marketo writes empty values as the literal null
        values.put(k, v);
      }
    });
    String id = values.getOrDefault("id", "");
    if (row.problem() != null) {
      return SourceRecord.unreadable(id, "export " + exportId + " row " + row.number() + " " + row.problem(),
          Map.of("raw", row.raw()));
    }
    return LeadReader.versioned(id, values, "export " + exportId + " row " + row.number());
  }

  private static SnapshotPosition position(Instant windowStart, @Nullable String exportId, long rows, Map<Instant, String> ahead) {
    return new BulkCursor(windowStart, exportId, rows, new java.util.TreeMap<>(ahead)).position();
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private void closeOpen() {
    if (open != null) {
      open.close();
      open = null;
    }
  }

  private void sleep(Duration duration) {
    try {
      http.sleeper().sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableAdapterException("interrupted while waiting for a Marketo export", e);
    }
  }
}
