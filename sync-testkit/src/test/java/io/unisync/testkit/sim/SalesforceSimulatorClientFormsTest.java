package io.unisync.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import io.unisync.testkit.ManualClock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What clients other than Unisync's build, answered as Salesforce documents them (REST API Developer Guide v67.0:
 * "Execute a SOQL Query", "Limits", sObject Basic Information, sObject Rows by External ID, sObject Collections; RFC 6749
 * section 2.3.1 for the token endpoint). Each case failed before the simulator modelled it.
 */
class SalesforceSimulatorClientFormsTest {

  static final String USER = "005000000000077SAL";
  static final String V = "/services/data/v67.0/";
  final HttpClient http = HttpClient.newHttpClient();
  final JsonMapper json = JsonMapper.builder().build();
  final ManualClock clock = new ManualClock(java.time.Instant.parse("2026-06-01T09:00:00Z"));
  SalesforceSimulator sim;
  String token;

  @BeforeEach
  void start() throws Exception {
    sim = SalesforceSimulator.start(clock, null, 1_000_000, Duration.ofHours(2));
    token = json.readTree(send("POST", "/services/oauth2/token", "grant_type=client_credentials&client_id=" + SalesforceSimulator.CLIENT_ID
        + "&client_secret=" + SalesforceSimulator.CLIENT_SECRET, null, "application/x-www-form-urlencoded").body()).path("access_token")
        .asString();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void aCollectionUpdateOfADeletedTaskFailsThatRecordAloneWithEntityIsDeleted() throws Exception {
    String gone = sim.insert("Task", Map.of("Subject", "Call"), USER);
    String kept = sim.insert("Task", Map.of("Subject", "Email"), USER);
    sim.delete("Task", gone, USER);

    JsonNode results = json.readTree(send("PATCH", V + "composite/sobjects", "{\"allOrNone\":false,\"records\":["
        + "{\"attributes\":{\"type\":\"Task\"},\"id\":\"" + gone + "\",\"Subject\":\"Changed\"},"
        + "{\"attributes\":{\"type\":\"Task\"},\"id\":\"" + kept + "\",\"Subject\":\"Changed\"}]}").body());

    assertThat(results.get(0).path("success").asBoolean()).isFalse();
    assertThat(results.get(0).path("errors").get(0).path("statusCode").asString()).isEqualTo("ENTITY_IS_DELETED");
    assertThat(sim.find("Task", gone).orElseThrow()).as("the deleted Task unchanged").containsEntry("Subject", "Call");
    assertThat(results.get(1).path("success").asBoolean()).isTrue();
    assertThat(sim.find("Task", kept).orElseThrow()).containsEntry("Subject", "Changed");
  }

  @Test
  void everyGetResourceAnswersTheSameWithATrailingSlash() throws Exception {
    String contact = sim.insert("Contact", Map.of("LastName", "Slash"), USER);
    sim.insert("Task", Map.of("Subject", "Call", SalesforceSimulator.EXTERNAL_ID_FIELD, "act-1"), USER);
    String soql = URLEncoder.encode("SELECT Id, LastName FROM Contact", StandardCharsets.UTF_8);
    java.time.Instant now = clock.instant();
    String window = "?start=" + now.minus(Duration.ofDays(1)).toString().replace("Z", "%2B00:00") + "&end="
        + now.plus(Duration.ofHours(1)).toString().replace("Z", "%2B00:00");
    for (String[] resource : new String[][] {
        {"limits", ""}, {"query", "?q=" + soql}, {"queryAll", "?q=" + soql}, {"sobjects", ""}, {"sobjects/Contact", ""},
        {"sobjects/Contact/describe", ""}, {"sobjects/Contact/" + contact, ""}, {"sobjects/Contact/updated", window},
        {"sobjects/Contact/deleted", window}, {"composite/sobjects/Contact", "?ids=" + contact + "&fields=Id,LastName"},
        {"sobjects/Task/" + SalesforceSimulator.EXTERNAL_ID_FIELD + "/act-1", ""}}) {
      HttpResponse<String> plain = send("GET", V + resource[0] + resource[1], null);
      HttpResponse<String> slashed = send("GET", V + resource[0] + "/" + resource[1], null);

      assertThat(plain.statusCode()).as(resource[0]).isEqualTo(200);
      assertThat(slashed.statusCode()).as(resource[0] + "/").isEqualTo(200);
      assertThat(withoutVolatile(json.readTree(slashed.body()))).as(resource[0] + "/").isEqualTo(withoutVolatile(json.readTree(plain.body())));
    }
  }

  @Test
  void clientCredentialsInABasicHeaderAreAcceptedAsInTheBody() throws Exception {
    String basic = Base64.getEncoder().encodeToString((SalesforceSimulator.CLIENT_ID + ":" + SalesforceSimulator.CLIENT_SECRET)
        .getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/services/oauth2/token"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Basic " + basic)
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(json.readTree(answer.body()).path("access_token").asString()).isNotEmpty();
    String wrong = Base64.getEncoder().encodeToString((SalesforceSimulator.CLIENT_ID + ":nope").getBytes(StandardCharsets.UTF_8));
    assertThat(http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/services/oauth2/token"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Basic " + wrong)
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), HttpResponse.BodyHandlers.ofString())
        .statusCode()).as("a wrong secret still refused").isEqualTo(400);
  }

  @Test
  void aLeadsNameIsItsFirstAndLastNameThroughARelationshipToo() throws Exception {
    String lead = sim.insert("Lead", Map.of("FirstName", "Ada", "LastName", "Lovelace", "Company", "Engines"), USER);
    sim.insert("Task", Map.of("Subject", "Call", "WhoId", lead), USER);

    JsonNode row = json.readTree(query("SELECT Id, Who.Name FROM Task").body()).path("records").get(0);
    assertThat(row.path("Who").path("Name").asString()).isEqualTo("Ada Lovelace");
    assertThat(json.readTree(query("SELECT Name FROM Lead").body()).path("records").get(0).path("Name").asString()).isEqualTo("Ada Lovelace");
    sim.update("Lead", lead, Map.of("FirstName", "Augusta"), USER);
    assertThat(json.readTree(query("SELECT Name FROM Lead").body()).path("records").get(0).path("Name").asString())
        .as("kept up to date").isEqualTo("Augusta Lovelace");
  }

  @Test
  void aCreateWithAnIdOrAnUnknownFieldIsRefusedAndStoresNothing() throws Exception {
    HttpResponse<String> withId = send("POST", V + "sobjects/Task", "{\"Id\":\"00T000000000123AAA\",\"Subject\":\"Call\"}");
    assertThat(withId.statusCode()).isEqualTo(400);
    assertThat(json.readTree(withId.body()).get(0).path("errorCode").asString()).isEqualTo("INVALID_FIELD");
    assertThat(json.readTree(withId.body()).get(0).path("message").asString()).isEqualTo("The Id field should not be specified in the sobject data");

    HttpResponse<String> unknown = send("POST", V + "sobjects/Task", "{\"Subject\":\"Call\",\"Mood__c\":\"sunny\"}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(json.readTree(unknown.body()).get(0).path("errorCode").asString()).isEqualTo("INVALID_FIELD");
    assertThat(json.readTree(unknown.body()).get(0).path("message").asString()).isEqualTo("No such column 'Mood__c' on sobject of type Task");
    assertThat(sim.records("Task")).as("nothing stored").isEmpty();
    assertThat(query("SELECT Id, Mood__c FROM Task").statusCode()).as("and not queryable").isEqualTo(400);

    JsonNode collection = json.readTree(send("POST", V + "composite/sobjects", "{\"allOrNone\":false,\"records\":["
        + "{\"attributes\":{\"type\":\"Task\"},\"Subject\":\"Call\",\"Mood__c\":\"sunny\"},"
        + "{\"attributes\":{\"type\":\"Task\"},\"Subject\":\"Call\"}]}").body());
    assertThat(collection.get(0).path("errors").get(0).path("statusCode").asString()).isEqualTo("INVALID_FIELD");
    assertThat(collection.get(1).path("success").asBoolean()).as("its neighbour created").isTrue();
    assertThat(send("PATCH", V + "sobjects/Task/" + collection.get(1).path("id").asString(), "{\"Mood__c\":\"sunny\"}").statusCode())
        .as("an update too").isEqualTo(400);
  }

  @Test
  void aRecordIsReadByItsExternalId() throws Exception {
    String task = sim.insert("Task", Map.of("Subject", "Call", SalesforceSimulator.EXTERNAL_ID_FIELD, "act-7"), USER);

    HttpResponse<String> found = send("GET", V + "sobjects/Task/" + SalesforceSimulator.EXTERNAL_ID_FIELD + "/act-7", null);
    assertThat(found.statusCode()).isEqualTo(200);
    assertThat(json.readTree(found.body()).path("Id").asString()).isEqualTo(task);
    assertThat(send("GET", V + "sobjects/Task/" + SalesforceSimulator.EXTERNAL_ID_FIELD + "/act-8", null).statusCode()).isEqualTo(404);
    assertThat(send("GET", V + "sobjects/Task/Subject/Call", null).statusCode()).as("not an External ID field").isEqualTo(404);
  }

  @Test
  void aCollectionDeleteAnswersEveryIdInOrderAndAllOrNoneDeletesNoneOnAFailure() throws Exception {
    String one = sim.insert("Task", Map.of("Subject", "One"), USER);
    String two = sim.insert("Contact", Map.of("LastName", "Two"), USER);
    String binned = sim.insert("Task", Map.of("Subject", "Binned"), USER);
    sim.delete("Task", binned, USER);

    JsonNode atomic = json.readTree(send("DELETE", V + "composite/sobjects?ids=" + one + "," + binned + "&allOrNone=true", null).body());
    assertThat(atomic).extracting(r -> r.path("success").asBoolean()).containsExactly(false, false);
    assertThat(sim.find("Task", one).orElseThrow().get("IsDeleted")).as("rolled back").isNotEqualTo(true);

    JsonNode results = json.readTree(send("DELETE", V + "composite/sobjects?ids=" + one + "," + binned + "," + two
        + ",00T999999999999AAA&allOrNone=false", null).body());
    assertThat(results).extracting(r -> r.path("success").asBoolean()).containsExactly(true, false, true, false);
    assertThat(results.get(1).path("errors").get(0).path("statusCode").asString()).isEqualTo("ENTITY_IS_DELETED");
    assertThat(results.get(3).path("errors").get(0).path("statusCode").asString()).isEqualTo("INVALID_CROSS_REFERENCE_KEY");
    assertThat(sim.find("Task", one).orElseThrow()).containsEntry("IsDeleted", true);
    assertThat(sim.find("Contact", two).orElseThrow()).containsEntry("IsDeleted", true);
  }

  @Test
  void anObjectsBasicInformationIsServed() throws Exception {
    JsonNode info = json.readTree(send("GET", V + "sobjects/Task/", null).body());

    assertThat(info.path("objectDescribe").path("name").asString()).isEqualTo("Task");
    assertThat(info.path("objectDescribe").path("keyPrefix").asString()).isEqualTo("00T");
    assertThat(info.path("recentItems").isArray()).isTrue();
    assertThat(send("GET", V + "sobjects/Spaceship__c", null).statusCode()).isEqualTo(404);
  }

  @Test
  void aValidationRuleFailsTheRecordsItRejectsAlone() throws Exception {
    sim.addValidationRule("Task", task -> "Forbidden".equals(task.get("Subject")), "Subject: that subject is not allowed");

    JsonNode results = json.readTree(send("POST", V + "composite/sobjects", "{\"allOrNone\":false,\"records\":["
        + "{\"attributes\":{\"type\":\"Task\"},\"Subject\":\"Forbidden\"},{\"attributes\":{\"type\":\"Task\"},\"Subject\":\"Fine\"}]}").body());

    assertThat(results.get(0).path("errors").get(0).path("statusCode").asString()).isEqualTo("FIELD_CUSTOM_VALIDATION_EXCEPTION");
    assertThat(results.get(0).path("errors").get(0).path("message").asString()).isEqualTo("Subject: that subject is not allowed");
    assertThat(results.get(1).path("success").asBoolean()).isTrue();
    assertThat(sim.records("Task")).hasSize(1);
  }

  /** An answer without what differs between two calls: query cursors' ids, the remaining daily allowance, the time covered. */
  private static JsonNode withoutVolatile(JsonNode answer) {
    JsonNode copy = answer.deepCopy();
    if (copy.isObject()) {
      ((tools.jackson.databind.node.ObjectNode) copy).remove("nextRecordsUrl");
      ((tools.jackson.databind.node.ObjectNode) copy).remove("latestDateCovered");
      if (copy.has("DailyApiRequests")) {
        ((tools.jackson.databind.node.ObjectNode) copy.path("DailyApiRequests")).remove("Remaining");
      }
    }
    return copy;
  }

  private HttpResponse<String> query(String soql) throws Exception {
    return send("GET", V + "query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8), null);
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    return send(method, path, body, token, "application/json");
  }

  private HttpResponse<String> send(String method, String path, String body, String bearer, String type) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path)).header("Content-Type", type)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
