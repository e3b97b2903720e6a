package io.unisync.testkit.sim;

import com.sun.net.httpserver.HttpExchange;
import io.unisync.testkit.sim.ExportModel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Marketo simulator's bulk lead exports ({@code /bulk/v1/leads/export/...}): create, enqueue, status, cancel, the
 * job list, and the file, with Range requests, a SHA-256 checksum and the faults a download can meet. Without an export
 * model a job moves one step every few status polls; with one ({@link ExportModel}) the queue runs on the clock
 * ({@link ExportQueueModel}). A completed job's file never changes: the leads are frozen when it completes. Thread-safe:
 * every job is guarded by the job map's lock.
 */
final class MarketoExports {

  /** What the exports need of the instance they belong to. */
  interface Instance {
    ObjectNode ok(@Nullable ArrayNode result);

    ObjectNode error(String code, String message);

    /** The requested fields the instance has no field for. */
    List<String> unknownFields(List<String> requested);

    /** The instance's changed and deleted leads as they are now, copied under its lock. */
    MarketoSimulator.Frozen freeze();
  }

  private final ObjectMapper json;
  private final Clock clock;
  private final MarketoSimulator.Options options;
  private final SyntheticPeople population;
  private final Instance instance;
  private final Map<String, BulkJob> jobs = new ConcurrentHashMap<>();
  private final AtomicLong queueOrders = new AtomicLong();
  /** Under an export model: the queue on the clock (guarded by jobs). */
  private final @Nullable ExportQueueModel queue;

  MarketoExports(ObjectMapper json, Clock clock, MarketoSimulator.Options options, SyntheticPeople population, Instance instance) {
    this.json = json;
    this.clock = clock;
    this.options = options;
    this.population = population;
    this.instance = instance;
    ExportModel model = options.exportModel();
    this.queue = model == null ? null : new ExportQueueModel(model);
  }

  ObjectNode create(JsonNode body) {
    List<String> fields = new ArrayList<>();
    body.path("fields").forEach(f -> fields.add(f.asString()));
    JsonNode created = body.path("filter").path("createdAt");
    if (fields.isEmpty() || created.isMissingNode()) {
      return instance.error("1003", "Invalid data");
    }
    List<String> unknown = instance.unknownFields(fields);
    if (!unknown.isEmpty()) {
      return instance.error("1003", "Invalid fields " + unknown);
    }
    Instant start = Instant.parse(created.path("startAt").asString());
    Instant end = Instant.parse(created.path("endAt").asString());
    if (Duration.between(start, end).compareTo(Duration.ofDays(31)) > 0) {
      return instance.error("1003", "Date range exceeds 31 days");
    }
    synchronized (jobs) {
      ObjectNode spent = quotaSpent();
      if (spent != null) {
        return spent;
      }
      BulkJob job = new BulkJob(List.copyOf(fields), start, end, clock.instant());
      Map<String, String> headers = new java.util.HashMap<>();
      body.path("columnHeaderNames").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asString()));
      job.headers = Map.copyOf(headers);
      jobs.put(job.id, job);
      return instance.ok(jobArray(job));
    }
  }

  /** Under an export model: moves every job to where the clock says it is, and rolls the allowance's day. */
  private void tick() {
    if (queue == null) {
      return;
    }
    synchronized (jobs) {
      queue.advance(jobs.values(), clock.instant(), this::measure);
    }
  }

  /** 1029 when the day's export allowance is spent (under an export model), else null. */
  private @Nullable ObjectNode quotaSpent() {
    ExportModel model = options.exportModel();
    if (model == null) {
      return null;
    }
    tick();
    if (java.util.Objects.requireNonNull(queue).allowanceSpent(clock.instant())) {
      return instance.error("1029", "Export daily quota " + model.dailyBytes() / (1024 * 1024) + "MB exceeded");
    }
    return null;
  }

  /** Every bulk export job clients have created, oldest first. */
  List<MarketoSimulator.ExportJob> jobs() {
    synchronized (jobs) {
      tick();
      return jobs.values().stream().filter(j -> !j.foreign).sorted(java.util.Comparator.comparing((BulkJob j) -> j.createdAt).thenComparing(j -> j.id))
          .map(j -> new MarketoSimulator.ExportJob(j.id, j.status, j.startAt, j.endAt, j.startedAt, j.finishedAt, j.queuedAt, j.fields, Math.max(0, j.records))).toList();
    }
  }

  /** See {@link MarketoSimulator#queueOtherIntegrationExports(int)}. */
  int queueOtherIntegrationExports(int count) {
    ExportModel model = options.exportModel();
    if (model == null) {
      throw new IllegalStateException("other integrations' exports need an export model (Options.withExportModel)");
    }
    synchronized (jobs) {
      tick();
      int queued = 0;
      for (int i = 0; i < count; i++) {
        if (java.util.Objects.requireNonNull(queue).full(jobs.values())) {
          break;
        }
        Instant end = Instant.EPOCH.plus(Duration.ofDays(1));
        BulkJob job = new BulkJob(List.of("id"), Instant.EPOCH, end, clock.instant());
        job.foreign = true;
        job.status = "Queued";
        job.queuedAt = clock.instant();
        job.queueOrder = queueOrders.incrementAndGet();
        jobs.put(job.id, job);
        queued++;
      }
      return queued;
    }
  }

  /** Ends an export that has not completed with {@code status}; whether there was one. */
  boolean end(String exportId, String status, @Nullable String reason) {
    synchronized (jobs) {
      tick();
      BulkJob job = jobs.get(exportId);
      if (job == null || job.status.equals("Completed") || job.status.equals("Failed") || job.status.equals("Cancelled")) {
        return false;
      }
      if (job.status.equals("Processing") && queue != null) {
        queue.freed(clock.instant());
      }
      job.status = status;
      job.errorMsg = reason;
      job.finishedAt = null;
      return true;
    }
  }

  /** How many bulk export jobs clients have created. */
  int created() {
    return (int) jobs.values().stream().filter(j -> !j.foreign).count();
  }

  /** Bytes of every completed export file. */
  long bytesEver() {
    synchronized (jobs) {
      tick();
      return jobs.values().stream().filter(j -> j.status.equals("Completed") && j.size > 0).mapToLong(j -> j.size).sum();
    }
  }

  /** Bytes of export files completed today (America/Chicago), under an export model. */
  long bytesToday() {
    synchronized (jobs) {
      tick();
      return queue == null ? 0 : queue.bytesToday(clock.instant());
    }
  }

  /** {@code GET /bulk/v1/leads/export.json}: the jobs created in the last 7 days, optionally of some statuses. */
  ObjectNode list(Map<String, String> params) {
    tick();
    if (options.exportModel() == null) {
      // without a time model a poll is what moves a job on: a list of the jobs is a poll of each
      jobs.values().stream().filter(j -> !j.foreign).forEach(this::advance);
    }
    Set<String> statuses = params.containsKey("status") ? Set.of(params.get("status").split(",")) : null;
    Instant since = clock.instant().minus(Duration.ofDays(7));
    ArrayNode result = json.createArrayNode();
    jobs.values().stream().filter(j -> !j.foreign && j.createdAt.isAfter(since)).filter(j -> statuses == null || statuses.contains(j.status))
        .sorted(java.util.Comparator.comparing((BulkJob j) -> j.createdAt).thenComparing(j -> j.id))
        .forEach(j -> result.add(jobArray(j).get(0)));
    return instance.ok(result);
  }

  ObjectNode action(String id, String action) {
    BulkJob job = jobs.get(id);
    if (job == null) {
      return instance.error("1003", "Export job not found");
    }
    ExportModel model = options.exportModel();
    synchronized (jobs) {
      tick();
      switch (action) {
        case "enqueue.json":
          if (!job.status.equals("Created")) {
            return instance.error("1029", "Job already queued");
          }
          ObjectNode spent = quotaSpent();
          if (spent != null) {
            return spent;
          }
          if (queue == null ? ExportQueueModel.busy(jobs.values()) >= 10 : queue.full(jobs.values())) {
            return instance.error("1029", "Too many jobs in queue");
          }
          job.status = "Queued";
          job.queuedAt = clock.instant();
          job.queueOrder = queueOrders.incrementAndGet();
          if (model != null) {
            tick();
          } // without a model the job moves on at its status polls: the enqueue answers Queued, as Marketo's does
          break;
        case "status.json":
          if (model == null) {
            advance(job);
          }
          break;
        case "cancel.json":
          if (job.status.equals("Completed") || job.status.equals("Failed")) {
            return instance.error("1029", "Job is already " + job.status);
          }
          if (job.status.equals("Processing") && queue != null) {
            queue.freed(clock.instant());
          }
          job.status = "Cancelled";
          job.finishedAt = null;
          break;
        default:
          return instance.error("610", "Requested resource not found");
      }
      return instance.ok(jobArray(job));
    }
  }

  private void advance(BulkJob job) {
    if (job.status.equals("Queued") || job.status.equals("Processing")) {
      if (job.polls++ >= options.statusPollsPerStep()) {
        job.polls = 0;
        job.status = job.status.equals("Queued") ? "Processing" : "Completed";
        if (job.status.equals("Processing")) {
          job.startedAt = clock.instant();
        }
        if (job.status.equals("Completed")) {
          measure(job);
          job.finishedAt = clock.instant();
        } else if (options.statusPollsPerStep() == 0) {
          job.status = "Completed";
          measure(job);
          job.finishedAt = clock.instant();
        }
      }
    }
  }

  private void measure(BulkJob job) {
    MarketoSimulator.Frozen frozen = instance.freeze();
    job.editedAtCompletion = frozen.edited();
    job.deletedAtCompletion = frozen.deleted();
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      AtomicLong size = new AtomicLong();
      long records = writeCsv(job, new OutputStream() {
        @Override
        public void write(int b) {
          sha.update((byte) b);
          size.incrementAndGet();
        }

        @Override
        public void write(byte[] b, int off, int len) {
          sha.update(b, off, len);
          size.addAndGet(len);
        }
      });
      job.records = records;
      job.size = size.get();
      job.checksum = "sha256:" + HexFormat.of().formatHex(sha.digest());
    } catch (Exception e) {
      job.status = "Failed";
    }
  }

  private ArrayNode jobArray(BulkJob job) {
    ArrayNode result = json.createArrayNode();
    ObjectNode j = result.addObject();
    j.put("exportId", job.id);
    j.put("format", "CSV");
    j.put("status", job.status);
    j.put("createdAt", MarketoSimulator.iso(job.createdAt));
    if (job.queuedAt != null) {
      j.put("queuedAt", MarketoSimulator.iso(job.queuedAt));
    }
    if (job.startedAt != null) {
      j.put("startedAt", MarketoSimulator.iso(job.startedAt));
    }
    if (job.finishedAt != null && job.status.equals("Completed")) {
      j.put("finishedAt", MarketoSimulator.iso(job.finishedAt));
    }
    if (job.errorMsg != null) {
      j.put("errorMsg", job.errorMsg);
    }
    if (job.records >= 0 && job.status.equals("Completed")) {
      j.put("numberOfRecords", job.records);
      j.put("fileSize", job.size);
      j.put("fileChecksum", job.checksum);
    }
    return result;
  }

  void file(HttpExchange exchange, String id, boolean truncate, boolean corrupt) throws IOException {
    tick();
    BulkJob job = jobs.get(id);
    ExportModel model = options.exportModel();
    boolean expired = model != null && job != null && job.finishedAt != null
        && !clock.instant().isBefore(job.finishedAt.plus(model.fileRetention()));
    if (job == null || !job.status.equals("Completed") || expired) {
      SimHttp.send(exchange, 404, "text/plain", "Not Found".getBytes(StandardCharsets.UTF_8));
      return;
    }
    String range = exchange.getRequestHeaders().getFirst("Range");
    long from = 0;
    if (range != null && range.startsWith("bytes=")) {
      String spec = range.substring(6);
      from = Long.parseLong(spec.substring(0, spec.indexOf('-')));
    }
    exchange.getResponseHeaders().add("Content-Type", "text/csv; charset=utf-8");
    exchange.getResponseHeaders().add("Accept-Ranges", "bytes");
    long length = job.size - from;
    if (range != null) {
      exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (job.size - 1) + "/" + job.size);
      exchange.sendResponseHeaders(206, length);
    } else {
      exchange.sendResponseHeaders(200, length);
    }
    long skip = from;
    long stopAfter = truncate ? length / 2 : Long.MAX_VALUE;
    long corruptAt = corrupt ? from + length / 2 : -1; // the file's byte that a corruption fault changes
    OutputStream body = exchange.getResponseBody();
    writeCsv(job, new OutputStream() {
        long position;
        long written;

        @Override
        public void write(int b) throws IOException {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          int start = 0;
          if (position < skip) {
            start = (int) Math.min(len, skip - position);
          }
          position += len;
          int n = len - start;
          if (n > 0 && written < stopAfter) {
            int allowed = (int) Math.min(n, stopAfter - written); // a truncation fault drops the rest
            long first = position - len + start; // the file position of b[off + start]
            if (corruptAt >= first && corruptAt < first + allowed) {
              byte[] copy = java.util.Arrays.copyOfRange(b, off + start, off + start + allowed);
              copy[(int) (corruptAt - first)] ^= 0x01;
              body.write(copy, 0, allowed);
              written += allowed;
              return;
            }
            body.write(b, off + start, allowed);
            written += allowed;
          }
        }
    });
    body.flush();
  }

  /** Streams the export's CSV (header, then one row per lead created in the window); returns the row count. */
  private long writeCsv(BulkJob job, OutputStream out) throws IOException {
    var buffered = new java.io.BufferedOutputStream(out, 1 << 16);
    StringBuilder line = new StringBuilder(512);
    for (int i = 0; i < job.fields.size(); i++) {
      line.append(i == 0 ? "" : ",").append(job.headers.getOrDefault(job.fields.get(i), job.fields.get(i)));
    }
    buffered.write(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
    long rows = 0;
    long first = population.firstIdCreatedAtOrAfter(job.startAt);
    long last = population.firstIdCreatedAtOrAfter(job.endAt); // exclusive
    MarketoSimulator.Frozen now = job.editedAtCompletion != null && job.deletedAtCompletion != null
        ? new MarketoSimulator.Frozen(job.editedAtCompletion, job.deletedAtCompletion) : instance.freeze();
    Map<Long, Map<String, String>> edits = now.edited();
    Set<Long> gone = now.deleted();
    for (long id = first; id < last; id++) {
      if (!gone.contains(id) && !edits.containsKey(id) && population.exists(id)) {
        writeRow(job, population.lead(id), line, buffered);
        rows++;
      }
    }
    List<Map<String, String>> extra = new ArrayList<>();
    edits.forEach((id, lead) -> {
      Instant created = Instant.parse(lead.get("createdAt"));
      if (!created.isBefore(job.startAt) && created.isBefore(job.endAt)) {
        extra.add(lead);
      }
    });
    extra.sort((a, b) -> Long.compare(Long.parseLong(a.get("id")), Long.parseLong(b.get("id"))));
    for (Map<String, String> lead : extra) {
      writeRow(job, lead, line, buffered);
      rows++;
    }
    buffered.flush();
    return rows;
  }

  private static void writeRow(BulkJob job, Map<String, String> lead, StringBuilder line, OutputStream out) throws IOException {
    line.setLength(0);
    for (int i = 0; i < job.fields.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      String value = lead.get(job.fields.get(i));
      if (value == null || value.isEmpty()) {
        line.append("null"); // Marketo writes empty values as the literal null
      } else if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0) {
        line.append('"').append(value.replace("\"", "\"\"")).append('"');
      } else {
        line.append(value);
      }
    }
    out.write(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
  }
}
