package io.unisync.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.testkit.ManualClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.Test;

/** The simulator's bulk export as any client sees it over HTTP: a completed export's file never changes. */
class MarketoSimulatorExportTest {

  final HttpClient http = HttpClient.newHttpClient();
  final JsonMapper json = JsonMapper.builder().build();

  @Test
  void aCompletedExportsFileStaysTheSameWhenTheInstanceChanges() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-03-10T15:00:00Z"));
    try (MarketoSimulator sim = MarketoSimulator.start(SyntheticPeople.of(200, 3), MarketoSimulator.Options.unlimited(), clock)) {
      String token = json.readTree(send(sim, "POST", "/identity/oauth/token?grant_type=client_credentials&client_id="
          + MarketoSimulator.CLIENT_ID + "&client_secret=" + MarketoSimulator.CLIENT_SECRET, null, null)).path("access_token").asString();
      JsonNode created = json.readTree(send(sim, "POST", "/bulk/v1/leads/export/create.json",
          "{\"fields\":[\"id\",\"firstName\",\"email\"],\"format\":\"CSV\",\"filter\":{\"createdAt\":{\"startAt\":\"2023-12-25T00:00:00Z\","
              + "\"endAt\":\"2024-01-20T00:00:00Z\"}}}", token));
      String id = created.path("result").path(0).path("exportId").asString();
      send(sim, "POST", "/bulk/v1/leads/export/" + id + "/enqueue.json", null, token);
      JsonNode status = json.readTree(send(sim, "GET", "/bulk/v1/leads/export/" + id + "/status.json", null, token)).path("result").path(0);
      for (int i = 0; i < 10 && !status.path("status").asString().equals("Completed"); i++) {
        status = json.readTree(send(sim, "GET", "/bulk/v1/leads/export/" + id + "/status.json", null, token)).path("result").path(0);
      }
      assertThat(status.path("status").asString()).isEqualTo("Completed");
      String before = send(sim, "GET", "/bulk/v1/leads/export/" + id + "/file.json", null, token);

      long changed = sim.existingIds().get(0);
      sim.updateLead(changed, "firstName", "Renamed After The Export Completed With A Much Longer Name");
      sim.deleteLead(sim.existingIds().get(1));
      String after = send(sim, "GET", "/bulk/v1/leads/export/" + id + "/file.json", null, token);

      assertThat(after).isEqualTo(before);
      assertThat(after.getBytes(StandardCharsets.UTF_8)).hasSize(status.path("fileSize").asInt());
    }
  }

  private String send(MarketoSimulator sim, String method, String pathAndQuery, String body, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + pathAndQuery))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
  }
}
