package io.unisync.marketo.internal;

import io.unisync.core.error.AdapterException;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * Marketo's bulk export queue as the initial sync uses it: create a window's export (by id alone when the day's
 * allowance would not hold its file), enqueue, cancel, ask one export's status, list this API user's open exports in one
 * call, and keep the queue places the sync may hold filled with the exports of later windows ({@link #topUp}). Every
 * answer it cannot read is no evidence: a list it cannot read is null, and a failed start only stops the starting.
 */
final class ExportQueue {

  private static final Logger LOG = LoggerFactory.getLogger(ExportQueue.class);

  private final MarketoHttp http;
  private final ExportAllowance budgets;
  private final Set<String> fields;
  private final PollCadence cadence;

  ExportQueue(MarketoHttp http, ExportAllowance budgets, Set<String> fields, PollCadence cadence) {
    this.http = http;
    this.budgets = budgets;
    this.fields = fields;
    this.cadence = cadence;
  }

  /**
   * Creates (does not enqueue) the export of one window; returns its position reference: the job id, prefixed
   * {@code ids:} when the allowance would not hold the window's file ({@link ExportAllowance#wouldRunOut}) and the export
   * asks for the lead id alone, its people's fields then read through {@code leads.json}.
   */
  String create(Instant start, Instant end, ExportAllowance.@Nullable Allowance allowance, java.util.Collection<String> inFlight) {
    boolean idsOnly = budgets.wouldRunOut(allowance, start, inFlight);
    if (idsOnly) {
      LOG.info("Today's Marketo export allowance would not hold the window from {} with every field: exporting its lead ids"
          + " alone and reading their fields through leads.json", start);
    }
    ObjectNode body = http.json().createObjectNode();
    var fieldArray = body.putArray("fields");
    if (idsOnly) {
      fieldArray.add("id");
    } else {
      fields.forEach(fieldArray::add);
    }
    body.put("format", "CSV");
    ObjectNode created = body.putObject("filter").putObject("createdAt");
    created.put("startAt", start.toString());
    created.put("endAt", end.toString());
    JsonNode job = http.post("/bulk/v1/leads/export/create.json", body, RateLimiter.Priority.BACKGROUND).path("result").path(0);
    String exportId = job.path("exportId").asString("");
    if (exportId.isEmpty()) {
      throw new AdapterException("Marketo did not create a bulk export for " + start + " to " + end);
    }
    return idsOnly ? BulkCursor.idsOnlyRef(exportId) : exportId;
  }

  /** The most exports of later windows started and not yet read: places held plus completed files waiting their turn. */
  static final int MAX_STARTED_AHEAD = 20;

  /**
   * This API user's exports created in the last 7 days that are created, queued or processing, by id, in one call
   * ({@code GET /bulk/v1/leads/export.json?status=...}); null when the answer cannot be read. Items without an id or
   * status are left out.
   */
  @Nullable Map<String, String> listOpen() {
    JsonNode result;
    try {
      result = http.get("/bulk/v1/leads/export.json", Map.of("status", "Created,Queued,Processing"), RateLimiter.Priority.BACKGROUND)
          .path("result");
    } catch (io.unisync.core.error.SyncException e) {
      LOG.debug("Could not list Marketo's bulk exports: {}", e.getMessage());
      return null;
    }
    if (!result.isArray()) {
      return null;
    }
    Map<String, String> open = new HashMap<>();
    Map<String, Instant> queuedAt = new HashMap<>();
    for (JsonNode job : result) {
      String id = job.path("exportId").asString("");
      String status = job.path("status").asString("");
      if (!id.isEmpty() && (status.equals("Created") || status.equals("Queued") || status.equals("Processing"))) {
        open.put(id, status);
        Instant queued = LeadReader.parseTimeQuietly(job.path("queuedAt").asString(null));
        if (queued != null) {
          queuedAt.put(id, queued);
        }
      }
    }
    cadence.noteOpen(queuedAt);
    return open;
  }

  /**
   * Fills the queue places this sync may hold ({@link io.unisync.marketo.MarketoLimits#bulkQueuePlaces()}, counted
   * from {@code open}: this user's exports queued or processing) with the exports of the next whole windows after
   * {@code from}: first the ones started ahead earlier that are only created, then new ones, at most
   * {@value #MAX_STARTED_AHEAD} started and unread. A full queue (another integration's jobs count too), a spent
   * allowance or a failed call only stops the starting: those windows are exported in their turn. Returns whether it
   * created any (their ids are in {@code ahead}, to be committed before anything waits).
   */
  boolean topUp(Instant from, Instant now, Map<Instant, String> ahead, Map<String, String> open, String current) {
    int places = http.settings().limits().bulkQueuePlaces();
    int busy = (int) open.values().stream().filter(s -> s.equals("Queued") || s.equals("Processing")).count();
    boolean created = false;
    ExportAllowance.Allowance allowance = null;
    boolean allowanceRead = false;
    try {
      for (String id : ahead.values()) {
        if (busy < places && "Created".equals(open.get(BulkCursor.jobId(id)))) {
          enqueue(id);
          open.put(BulkCursor.jobId(id), "Queued");
          busy++;
        }
      }
      Instant start = from;
      while (busy < places && ahead.size() < MAX_STARTED_AHEAD) {
        Instant end = start.plus(http.settings().snapshot().window());
        if (end.isAfter(now)) {
          break; // only whole windows: the last one ends at the moment it is read
        }
        if (!ahead.containsKey(start)) {
          List<String> inFlight = new ArrayList<>(ahead.values());
          inFlight.add(current);
          if (!allowanceRead) { // one list of completed exports for all the exports this round creates
            allowance = budgets.today();
            allowanceRead = true;
          }
          String id = create(start, end, allowance, inFlight);
          ahead.put(start, id);
          created = true;
          open.put(BulkCursor.jobId(id), "Created");
          enqueue(id);
          open.put(BulkCursor.jobId(id), "Queued");
          busy++;
        }
        start = end;
      }
    } catch (io.unisync.core.error.SyncException e) {
      // a full queue, a spent allowance, a failed call: stop starting ahead and keep what was started (committed with
      // the next page); those windows are exported in their turn
      LOG.debug("No more exports started ahead of the window ending {}: {}", from, e.getMessage());
    }
    return created;
  }

  void enqueue(String exportId) {
    try {
      http.post("/bulk/v1/leads/export/" + BulkCursor.jobId(exportId) + "/enqueue.json", null, RateLimiter.Priority.BACKGROUND);
    } catch (MarketoErrorException e) {
      if (!String.valueOf(e.getMessage()).contains("already queued")) {
        throw e; // 1029 queue full or allowance spent: the export keeps its place in the position, the next attempt enqueues it
      }
    }
  }

  void cancelQuietly(String exportId) {
    String failure = cancel(exportId);
    if (failure != null) {
      LOG.warn("Could not cancel stuck Marketo bulk export {}: {}", exportId, failure);
    }
  }

  /** Cancels an export nothing will read; one Marketo no longer holds open (completed, gone) is only noted. */
  void cancelUnread(String exportId) {
    String failure = cancel(exportId);
    if (failure != null) {
      LOG.debug("Marketo bulk export {} was not cancelled: {}", exportId, failure);
    }
  }

  /** Asks Marketo to cancel an export; returns why it could not, or null when it did. */
  private @Nullable String cancel(String exportId) {
    try {
      http.post("/bulk/v1/leads/export/" + BulkCursor.jobId(exportId) + "/cancel.json", null, RateLimiter.Priority.BACKGROUND);
      return null;
    } catch (io.unisync.core.error.SyncException e) {
      return String.valueOf(e.getMessage());
    }
  }

  JsonNode status(String exportId) {
    return http.get("/bulk/v1/leads/export/" + BulkCursor.jobId(exportId) + "/status.json", Map.of(), RateLimiter.Priority.BACKGROUND)
        .path("result").path(0);
  }
}
