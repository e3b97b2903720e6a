package io.unisync.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.testkit.ManualClock;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The vendors' documented example responses replayed against the simulators: asked the same thing, each simulator
 * answers in the documented shape (every documented field present, of the same kind).
 */
class DocumentedExamplesTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void theShapeCheckFindsAMissingFieldAWrongKindAndAMissingRecordShape() {
    assertThat(DocumentedExamples.shapeDifferences("{\"a\":1,\"b\":\"x\",\"c\":[{\"s\":\"added\"},{\"s\":\"skipped\",\"errors\":[]}]}",
        "{\"a\":\"1\",\"c\":[{\"s\":\"added\"}],\"extra\":true}"))
        .containsExactlyInAnyOrder("$.a: documented number, answered text", "$.b: documented, missing", "$.c[1].errors: documented, missing");
    assertThat(DocumentedExamples.shapeDifferences(DocumentedExamples.marketo("leads.json"), DocumentedExamples.marketo("leads.json"))).isEmpty();
  }

  @Test
  void marketoSimulatorAnswersInTheDocumentedShapes() throws Exception {
    try (MarketoSimulator sim = MarketoSimulator.start(SyntheticPeople.of(50, 3), MarketoSimulator.Options.unlimited(), Clock.systemUTC())) {
      SimCalls calls = new SimCalls(sim);
      String identity = new String(calls.call("POST", "/identity/oauth/token?grant_type=client_credentials&client_id="
          + MarketoSimulator.CLIENT_ID + "&client_secret=" + MarketoSimulator.CLIENT_SECRET, null, null).body(), StandardCharsets.UTF_8);
      assertThat(DocumentedExamples.shapeDifferences(DocumentedExamples.marketo("identity.json"), identity)).as("identity").isEmpty();
      String token = calls.token();

      assertShape(calls, token, "leads.json", "GET", "/rest/v1/leads.json?filterType=id&filterValues=1,2"
          + "&fields=id,updatedAt,lastName,email,createdAt,firstName", null);
      String since = calls.json(calls.call("GET", "/rest/v1/activities/pagingtoken.json?sinceDatetime="
          + enc(Instant.now().minus(Duration.ofHours(1)).toString()), null, token)).path("nextPageToken").asString();
      assertShape(calls, token, "pagingtoken.json", "GET", "/rest/v1/activities/pagingtoken.json?sinceDatetime=2026-01-01T00:00:00Z", null);

      sim.updateLead(3, "firstName", "Renamed");
      sim.deleteLead(4);
      sim.addActivity(5, 1, "localhost/page.html", Map.of("Client IP Address", "10.0.0.1", "Webpage URL", "/page.html"));
      assertShape(calls, token, "leadchanges.json", "GET", "/rest/v1/activities/leadchanges.json?nextPageToken=" + enc(since)
          + "&fields=firstName", null);
      assertShape(calls, token, "deletedleads.json", "GET", "/rest/v1/activities/deletedleads.json?nextPageToken=" + enc(since), null);
      assertShape(calls, token, "activities.json", "GET", "/rest/v1/activities.json?nextPageToken=" + enc(since) + "&activityTypeIds=1", null);
      assertShape(calls, token, "types.json", "GET", "/rest/v1/activities/types.json", null);

      sim.defineCustomType("unisyncTestEmail", "Test Email", "subject");
      int typeId = -1;
      for (JsonNode type : calls.json(calls.call("GET", "/rest/v1/activities/types.json", null, token)).path("result")) {
        if ("unisyncTestEmail".equals(type.path("apiName").asString(""))) {
          typeId = type.path("id").asInt();
        }
      }
      String external = "{\"input\":[{\"leadId\":6,\"activityDate\":\"2026-01-05T10:00:00Z\",\"activityTypeId\":" + typeId
          + ",\"primaryAttributeValue\":\"Hello\",\"attributes\":[]},{\"leadId\":999999,\"activityDate\":\"2026-01-05T10:00:00Z\","
          + "\"activityTypeId\":" + typeId + ",\"primaryAttributeValue\":\"Hello\",\"attributes\":[]}]}";
      assertShape(calls, token, "external.json", "POST", "/rest/v1/activities/external.json", external);

      String refused = new String(calls.call("GET", "/rest/v1/leads.json?filterType=id&filterValues=1", null, "not-a-token").body(),
          StandardCharsets.UTF_8);
      assertThat(DocumentedExamples.shapeDifferences(DocumentedExamples.marketo("error-601.json"), refused)).as("601").isEmpty();
      assertThat(JSON.readTree(refused).path("errors").get(0).path("code").asString()).isEqualTo("601");
    }
  }

  @Test
  void salesforceSimulatorAnswersInTheDocumentedShapes() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-11-30T10:00:00Z"));
    try (SalesforceSimulator sim = SalesforceSimulator.start(clock, null, 15_000, Duration.ofHours(2))) {
      String tokenAnswer = send(sim, "POST", "/services/oauth2/token", null, "grant_type=client_credentials&client_id="
          + SalesforceSimulator.CLIENT_ID + "&client_secret=" + SalesforceSimulator.CLIENT_SECRET, "application/x-www-form-urlencoded").body();
      assertThat(DocumentedExamples.shapeDifferences(DocumentedExamples.salesforce("token.json"), tokenAnswer)).as("token").isEmpty();
      String token = JSON.readTree(tokenAnswer).path("access_token").asString();
      for (int i = 0; i < 205; i++) {
        sim.insert("Contact", Map.of("LastName", "Smith " + i, "Name", "John Smith " + i), "005000000000077SAL");
      }
      String gone = sim.insert("Contact", Map.of("LastName", "Gone"), "005000000000077SAL");
      clock.advance(Duration.ofMinutes(1));
      sim.delete("Contact", gone, "005000000000077SAL");
      clock.advance(Duration.ofMinutes(2));

      assertSfShape(sim, token, "versions.json", "GET", "/services/data/", null);
      assertSfShape(sim, token, "limits.json", "GET", "/services/data/v67.0/limits", null);
      assertSfShape(sim, token, "query.json", "GET", "/services/data/v67.0/query?q=" + enc("SELECT Id, Name FROM Contact"), null);
      assertSfShape(sim, token, "error.json", "GET", "/services/data/v67.0/query?q=" + enc("SELECT Id, Colour__c FROM Contact"), null);
      assertSfShape(sim, token, "create.json", "POST", "/services/data/v67.0/sobjects/Task", "{\"Subject\":\"Call\"}");
      assertSfShape(sim, token, "collection-create.json", "POST", "/services/data/v67.0/composite/sobjects",
          "{\"allOrNone\":false,\"records\":[{\"attributes\":{\"type\":\"Task\"},\"Subject\":\"Email\",\"" + SalesforceSimulator.EXTERNAL_ID_FIELD
              + "\":\"doc:1\"},{\"attributes\":{\"type\":\"Task\"},\"Subject\":\"Email again\",\"" + SalesforceSimulator.EXTERNAL_ID_FIELD
              + "\":\"doc:1\"}]}");
      assertSfShape(sim, token, "upsert-created.json", "PATCH", "/services/data/v67.0/sobjects/Task/" + SalesforceSimulator.EXTERNAL_ID_FIELD
          + "/doc:2", "{\"Subject\":\"Call\"}");
      String window = "?start=" + enc("2026-11-30T09:00:00+00:00") + "&end=" + enc("2026-11-30T11:00:00+00:00");
      assertSfShape(sim, token, "updated.json", "GET", "/services/data/v67.0/sobjects/Contact/updated/" + window, null);
      assertSfShape(sim, token, "deleted.json", "GET", "/services/data/v67.0/sobjects/Contact/deleted/" + window, null);
    }
  }

  private static void assertShape(SimCalls calls, String token, String example, String method, String path, String body) throws Exception {
    String answer = new String(calls.call(method, path, body, token).body(), StandardCharsets.UTF_8);
    assertThat(DocumentedExamples.shapeDifferences(DocumentedExamples.marketo(example), answer)).as(example + " answered " + answer).isEmpty();
  }

  private static void assertSfShape(SalesforceSimulator sim, String token, String example, String method, String path, String body)
      throws Exception {
    String answer = send(sim, method, path, token, body, "application/json").body();
    assertThat(DocumentedExamples.shapeDifferences(DocumentedExamples.salesforce(example), answer)).as(example + " answered " + answer).isEmpty();
  }

  private static HttpResponse<String> send(SalesforceSimulator sim, String method, String path, String token, String body, String type)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", type);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
