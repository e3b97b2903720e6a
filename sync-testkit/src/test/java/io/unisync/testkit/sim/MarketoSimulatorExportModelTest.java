package io.unisync.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.testkit.ManualClock;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulator's time-true bulk export (an {@link ExportModel}), over HTTP as any client sees it,
 * driven by a {@link ManualClock}: queue wait, processing time by rows, 2 processing at once, 10 queued, the daily
 * allowance with its reset at midnight America/Chicago, checksums, retention, and the job list.
 */
class MarketoSimulatorExportModelTest {

  final JsonMapper json = JsonMapper.builder().build();
  /** 1,440 people a day from 2026-01-01 (one a minute). */
  static final SyntheticPeople PEOPLE = new SyntheticPeople(20_000, 7, Instant.parse("2026-01-01T00:00:00Z"), Duration.ofMinutes(1));
  /** 10 s in the queue, 120 rows a second: a day of 1,440 people processes in 12 s (Marketo's times are whole seconds). */
  static final ExportModel MODEL = ExportModel.marketo().withQueueWait(Duration.ofSeconds(10))
      .withRowsPerSecond(120);

  @Test
  void jobsWaitThenProcessTwoAtATimeForTheirRowsAndCompleteWithTheirFilesChecksum() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-03-10T15:00:00Z"));
    try (MarketoSimulator sim = MarketoSimulator.start(PEOPLE, MarketoSimulator.Options.unlimited().withExportModel(MODEL), clock)) {
      String token = token(sim);
      List<String> ids = new ArrayList<>();
      for (int day = 1; day <= 3; day++) { // three one-day windows: 1,440 rows each
        String id = create(sim, token, "2026-01-0" + day + "T00:00:00Z", "2026-01-0" + (day + 1) + "T00:00:00Z");
        assertThat(status(sim, token, id).path("status").asString()).isEqualTo("Created");
        call(sim, "POST", "/bulk/v1/leads/export/" + id + "/enqueue.json", null, token);
        ids.add(id);
      }
      assertThat(statuses(sim, token, ids)).containsExactly("Queued", "Queued", "Queued");

      clock.advance(Duration.ofSeconds(10));
      assertThat(statuses(sim, token, ids)).as("after the queue wait: two processing, one waits for a slot")
          .containsExactly("Processing", "Processing", "Queued");
      assertThat(call(sim, "GET", "/bulk/v1/leads/export/" + ids.get(0) + "/file.json", null, token).statusCode())
          .as("no file before it completes").isEqualTo(404);

      clock.advance(Duration.ofSeconds(12));
      assertThat(statuses(sim, token, ids)).containsExactly("Completed", "Completed", "Processing");
      JsonNode done = status(sim, token, ids.get(0));
      assertThat(done.path("numberOfRecords").asLong()).isEqualTo(1_440);
      assertThat(Duration.between(Instant.parse(done.path("startedAt").asString()), Instant.parse(done.path("finishedAt").asString())))
          .isEqualTo(Duration.ofSeconds(12));
      assertThat(status(sim, token, ids.get(2)).path("startedAt").asString()).as("the third starts when a slot frees")
          .isEqualTo(done.path("finishedAt").asString());

      HttpResponse<byte[]> file = call(sim, "GET", "/bulk/v1/leads/export/" + ids.get(0) + "/file.json", null, token);
      assertThat(file.body()).hasSize(done.path("fileSize").asInt());
      assertThat(done.path("fileChecksum").asString())
          .isEqualTo("sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file.body())));
      assertThat(sim.exportedBytesToday()).as("the allowance spent: both completed files")
          .isEqualTo(done.path("fileSize").asLong() + status(sim, token, ids.get(1)).path("fileSize").asLong());

      JsonNode completed = json.readTree(call(sim, "GET", "/bulk/v1/leads/export.json?status=Completed", null, token).body()).path("result");
      assertThat(completed).extracting(j -> j.path("exportId").asString()).containsExactlyInAnyOrder(ids.get(0), ids.get(1));

      clock.advance(Duration.ofDays(7));
      token = token(sim); // the first has expired
      assertThat(call(sim, "GET", "/bulk/v1/leads/export/" + ids.get(0) + "/file.json", null, token).statusCode())
          .as("files are kept 7 days").isEqualTo(404);
    }
  }

  @Test
  void theQueueHoldsTenAndTheDailyAllowanceStopsNewJobsUntilMidnightInChicago() throws Exception {
    // 01:00Z is 20:00 in Chicago (CDT, UTC-5, since 8 March 2026)
    ManualClock clock = new ManualClock(Instant.parse("2026-03-11T01:00:00Z"));
    ExportModel small = MODEL.withDailyBytes(100_000);
    try (MarketoSimulator sim = MarketoSimulator.start(PEOPLE, MarketoSimulator.Options.unlimited().withExportModel(small), clock)) {
      String token = token(sim);
      List<String> ids = new ArrayList<>();
      for (int n = 0; n < 11; n++) {
        ids.add(create(sim, token, "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"));
      }
      for (int n = 0; n < 10; n++) {
        call(sim, "POST", "/bulk/v1/leads/export/" + ids.get(n) + "/enqueue.json", null, token);
      }
      JsonNode full = json.readTree(call(sim, "POST", "/bulk/v1/leads/export/" + ids.get(10) + "/enqueue.json", null, token).body());
      assertThat(full.path("errors").path(0).path("code").asString()).isEqualTo("1029");
      assertThat(full.path("errors").path(0).path("message").asString()).isEqualTo("Too many jobs in queue");
      JsonNode again = json.readTree(call(sim, "POST", "/bulk/v1/leads/export/" + ids.get(0) + "/enqueue.json", null, token).body());
      assertThat(again.path("errors").path(0).path("message").asString()).isEqualTo("Job already queued");

      clock.advance(Duration.ofMinutes(5)); // every job done: 10 files of a day each, well over 100,000 bytes
      assertThat(sim.exportedBytesToday()).isGreaterThan(100_000);
      JsonNode spent = json.readTree(call(sim, "POST", "/bulk/v1/leads/export/create.json", body("2026-01-02T00:00:00Z",
          "2026-01-03T00:00:00Z"), token).body());
      assertThat(spent.path("errors").path(0).path("code").asString()).isEqualTo("1029");
      assertThat(spent.path("errors").path(0).path("message").asString()).matches("Export daily quota \\d+MB exceeded");
      JsonNode spentEnqueue = json.readTree(call(sim, "POST", "/bulk/v1/leads/export/" + ids.get(10) + "/enqueue.json", null, token).body());
      assertThat(spentEnqueue.path("errors").path(0).path("message").asString()).startsWith("Export daily quota");

      clock.advance(Duration.ofHours(3).plusMinutes(54)); // 23:59 in Chicago: still the same day
      token = token(sim); // the first has expired
      assertThat(json.readTree(call(sim, "POST", "/bulk/v1/leads/export/" + ids.get(10) + "/enqueue.json", null, token).body())
          .path("errors").path(0).path("message").asString()).startsWith("Export daily quota");
      clock.advance(Duration.ofMinutes(2)); // 00:01: a new day, a new allowance
      JsonNode newDay = json.readTree(call(sim, "POST", "/bulk/v1/leads/export/" + ids.get(10) + "/enqueue.json", null, token).body());
      assertThat(newDay.path("result").path(0).path("status").asString()).as(newDay.toString()).isEqualTo("Queued");
      assertThat(sim.exportedBytesToday()).isZero();
    }
  }

  private List<String> statuses(MarketoSimulator sim, String token, List<String> ids) throws Exception {
    List<String> statuses = new ArrayList<>();
    for (String id : ids) {
      statuses.add(status(sim, token, id).path("status").asString());
    }
    return statuses;
  }

  private JsonNode status(MarketoSimulator sim, String token, String id) throws Exception {
    return json.readTree(call(sim, "GET", "/bulk/v1/leads/export/" + id + "/status.json", null, token).body()).path("result").path(0);
  }

  private String create(MarketoSimulator sim, String token, String startAt, String endAt) throws Exception {
    JsonNode created = json.readTree(call(sim, "POST", "/bulk/v1/leads/export/create.json", body(startAt, endAt), token).body());
    assertThat(created.path("success").asBoolean()).as(created.toString()).isTrue();
    return created.path("result").path(0).path("exportId").asString();
  }

  private static String body(String startAt, String endAt) {
    return "{\"fields\":[\"id\",\"firstName\",\"email\"],\"format\":\"CSV\",\"filter\":{\"createdAt\":{\"startAt\":\"" + startAt
        + "\",\"endAt\":\"" + endAt + "\"}}}";
  }

  private String token(MarketoSimulator sim) throws Exception {
    return new SimCalls(sim).token();
  }

  private HttpResponse<byte[]> call(MarketoSimulator sim, String method, String pathAndQuery, String body, String token) throws Exception {
    return new SimCalls(sim).call(method, pathAndQuery, body, token);
  }
}
