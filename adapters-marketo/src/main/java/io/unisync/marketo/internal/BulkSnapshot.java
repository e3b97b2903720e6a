package io.unisync.marketo.internal;

import io.unisync.core.domain.SourceRecord;
import io.unisync.core.error.AdapterException;
import io.unisync.core.error.RetryableAdapterException;
import io.unisync.core.port.SnapshotPage;
import io.unisync.core.port.SnapshotPosition;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * The snapshot through Bulk Lead Extract: one export per creation-date window (at most 31 days) from the
 * configured start to now. Position: {@code bulk|<window start>|<export id or ->|<rows read>}. The open
 * download is kept between pages; after a restart the export's file is opened again and the rows already
 * read are skipped. A download cut off by the network continues with a {@code Range} request.
 */
public final class BulkSnapshot {

  private static final CsvMapper CSV = CsvMapper.builder().build();

  private final MarketoHttp http;
  private final Clock clock;
  private final Set<String> fields;
  private @Nullable Open open;

  /** The download in progress. */
  private static final class Open {
    final String exportId;
    final long expected;
    long rows;
    final ResumingStream stream;
    final MappingIterator<Map<String, String>> rowsIterator;

    Open(String exportId, long expected, ResumingStream stream, MappingIterator<Map<String, String>> rowsIterator) {
      this.exportId = exportId;
      this.expected = expected;
      this.stream = stream;
      this.rowsIterator = rowsIterator;
    }
  }

  public BulkSnapshot(MarketoHttp http, Clock clock, Set<String> fields) {
    this.http = http;
    this.clock = clock;
    this.fields = fields;
  }

  public synchronized SnapshotPage read(@Nullable SnapshotPosition after, int pageSize) {
    Instant windowStart;
    String exportId;
    long rowsRead;
    if (after == null) {
      windowStart = http.settings().snapshotStart();
      exportId = null;
      rowsRead = 0;
    } else {
      String[] parts = after.value().split("\\|");
      if (parts.length != 4 || !parts[0].equals("bulk")) {
        throw new AdapterException("not a Marketo bulk snapshot position: " + after.value());
      }
      windowStart = Instant.ofEpochSecond(Long.parseLong(parts[1]));
      exportId = parts[2].equals("-") ? null : parts[2];
      rowsRead = Long.parseLong(parts[3]);
    }
    Instant now = clock.instant();
    if (!windowStart.isBefore(now)) {
      return new SnapshotPage(List.of(), position(windowStart, null, 0), true);
    }
    Instant windowEnd = min(windowStart.plus(http.settings().bulkWindow()), now);
    if (exportId == null) {
      JsonNode job = runExport(windowStart, windowEnd);
      if (job.path("numberOfRecords").asLong(0) == 0) {
        // nothing created in this window: move on, and let the engine record the progress
        return new SnapshotPage(List.of(), position(windowEnd, null, 0), !windowEnd.isBefore(now));
      }
      exportId = job.path("exportId").asString();
      closeOpen();
      open = openFile(exportId, job.path("numberOfRecords").asLong(), 0);
    } else if (open == null || !open.exportId.equals(exportId) || open.rows != rowsRead) {
      closeOpen();
      JsonNode status = status(exportId);
      if (!status.path("status").asString("").equals("Completed")) {
        // the export is gone (expired, cancelled): do the window again
        return read(new SnapshotPosition("bulk|" + windowStart.getEpochSecond() + "|-|0"), pageSize);
      }
      open = openFile(exportId, status.path("numberOfRecords").asLong(), rowsRead);
    }
    List<SourceRecord> records = new ArrayList<>(Math.min(pageSize, 10_000));
    Open current = open;
    try {
      while (records.size() < pageSize && current.rowsIterator.hasNextValue()) {
        records.add(record(current.rowsIterator.nextValue()));
        current.rows++;
      }
      if (records.size() < pageSize || !current.rowsIterator.hasNextValue()) {
        if (current.rows < current.expected) {
          throw new RetryableAdapterException("Marketo export " + exportId + " ended after " + current.rows + " of "
              + current.expected + " records; the page will be read again");
        }
        closeOpen();
        return new SnapshotPage(records, position(windowEnd, null, 0), !windowEnd.isBefore(now));
      }
      return new SnapshotPage(records, position(windowStart, exportId, current.rows), false);
    } catch (RuntimeException e) {
      closeOpen();
      if (e instanceof io.unisync.core.error.SyncException sync) {
        throw sync;
      }
      throw new RetryableAdapterException("reading Marketo export " + exportId + " failed: " + e.getClass().getSimpleName(), e);
    }
  }

  private JsonNode runExport(Instant start, Instant end) {
    ObjectNode body = http.json().createObjectNode();
    var fieldArray = body.putArray("fields");
    fields.forEach(fieldArray::add);
    body.put("format", "CSV");
    ObjectNode created = body.putObject("filter").putObject("createdAt");
    created.put("startAt", start.toString());
    created.put("endAt", end.toString());
    JsonNode job = http.post("/bulk/v1/leads/export/create.json", body, RateLimiter.Priority.BACKGROUND).path("result").path(0);
    String exportId = job.path("exportId").asString("");
    if (exportId.isEmpty()) {
      throw new AdapterException("Marketo did not create a bulk export for " + start + " to " + end);
    }
    try {
      http.post("/bulk/v1/leads/export/" + exportId + "/enqueue.json", null, RateLimiter.Priority.BACKGROUND);
    } catch (MarketoErrorException e) {
      if (!e.getMessage().contains("already queued")) {
        throw e;
      }
    }
    while (true) {
      JsonNode status = status(exportId);
      String state = status.path("status").asString("");
      switch (state) {
        case "Completed":
          return status;
        case "Failed":
          throw new AdapterException("Marketo bulk export " + exportId + " failed: " + status.path("errorMsg").asString("no reason given"));
        case "Canceled":
        case "Cancelled":
          throw new RetryableAdapterException("Marketo bulk export " + exportId + " was cancelled; the window will be exported again");
        default:
          sleep(http.settings().bulkPollInterval());
      }
    }
  }

  private JsonNode status(String exportId) {
    return http.get("/bulk/v1/leads/export/" + exportId + "/status.json", Map.of(), RateLimiter.Priority.BACKGROUND)
        .path("result").path(0);
  }

  private Open openFile(String exportId, long expected, long skipRows) {
    ResumingStream stream = new ResumingStream(http, "/bulk/v1/leads/export/" + exportId + "/file.json");
    CsvSchema schema = CsvSchema.emptySchema().withHeader();
    MappingIterator<Map<String, String>> rows = CSV.readerFor(Map.class).with(schema).readValues(stream);
    Open opened = new Open(exportId, expected, stream, rows);
    while (opened.rows < skipRows && rows.hasNextValue()) {
      rows.nextValue();
      opened.rows++;
    }
    return opened;
  }

  private static SourceRecord record(Map<String, String> row) {
    Map<String, String> values = new HashMap<>();
    row.forEach((k, v) -> {
      if (v != null && !v.isEmpty() && !v.equals("null")) { // Marketo writes empty values as the literal null
        values.put(k, v);
      }
    });
    return new SourceRecord(values.getOrDefault("id", ""), values, LeadReader.parseTime(values.get("updatedAt")));
  }

  private void closeOpen() {
    if (open != null) {
      try {
        open.rowsIterator.close();
        open.stream.close();
      } catch (IOException | RuntimeException ignored) {
        // the download is abandoned either way
      }
      open = null;
    }
  }

  private static SnapshotPosition position(Instant windowStart, @Nullable String exportId, long rows) {
    return new SnapshotPosition("bulk|" + windowStart.getEpochSecond() + "|" + (exportId == null ? "-" : exportId) + "|" + rows);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableAdapterException("interrupted while waiting for a Marketo export", e);
    }
  }

  /** The file's bytes; when the connection breaks, it asks again from the next byte with a Range request. */
  static final class ResumingStream extends InputStream {
    private final MarketoHttp http;
    private final String path;
    private @Nullable InputStream current;
    private long position;
    private int resumes;

    ResumingStream(MarketoHttp http, String path) {
      this.http = http;
      this.path = path;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      while (true) {
        if (current == null) {
          current = http.download(path, position);
        }
        try {
          int n = current.read(buffer, offset, length);
          if (n > 0) {
            position += n;
          }
          return n;
        } catch (IOException e) {
          current.close();
          current = null;
          if (++resumes > http.settings().maxRetries()) {
            throw e;
          }
        }
      }
    }

    @Override
    public void close() throws IOException {
      if (current != null) {
        current.close();
        current = null;
      }
    }
  }
}
