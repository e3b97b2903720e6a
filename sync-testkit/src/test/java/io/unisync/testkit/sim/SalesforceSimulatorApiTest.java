package io.unisync.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Salesforce simulator answers documented resources as Salesforce does, tried with a plain HTTP client. */
class SalesforceSimulatorApiTest {

  final HttpClient http = HttpClient.newHttpClient();
  final JsonMapper json = JsonMapper.builder().build();

  @Test
  void versionsLimitsCursorsAndVersionedUrlsAnswerAsSalesforceDoes() throws Exception {
    try (SalesforceSimulator sim = SalesforceSimulator.start(Clock.systemUTC(), null, 15_000, Duration.ofHours(2))) {
      sim.insert("Contact", Map.of("LastName", "One"), "005000000000077SAL");

      HttpResponse<String> versions = get(sim, "/services/data/", null);
      assertThat(versions.statusCode()).as("no session needed").isEqualTo(200);
      assertThat(json.readTree(versions.body()).get(0).path("url").asString()).startsWith("/services/data/v");

      JsonNode tokenAnswer = tokenAnswer(sim);
      String token = tokenAnswer.path("access_token").asString();

      JsonNode limits = json.readTree(get(sim, "/services/data/v62.0/limits", token).body());
      assertThat(limits.path("DailyApiRequests").path("Max").asLong()).isEqualTo(15_000);
      assertThat(limits.path("DailyApiRequests").path("Remaining").asLong()).isLessThan(15_000);

      JsonNode rows = json.readTree(get(sim, "/services/data/v62.0/query?q=" + URLEncoder.encode("SELECT Id FROM Contact",
          StandardCharsets.UTF_8), token).body());
      assertThat(rows.path("records").path(0).path("attributes").path("url").asString()).as("the version called")
          .startsWith("/services/data/v62.0/sobjects/Contact/");

      sim.insert("Contact", Map.of("LastName", "Oneill"), "005000000000077SAL");
      sim.insert("Contact", Map.of("LastName", "Two"), "005000000000077SAL");
      JsonNode like = json.readTree(query(sim, token, "SELECT Id, LastName FROM Contact WHERE LastName LIKE 'one%' ORDER BY LastName").body());
      assertThat(like.path("records")).extracting(r -> r.path("LastName").asString()).containsExactly("One", "Oneill");
      JsonNode count = json.readTree(query(sim, token, "SELECT COUNT() FROM Contact WHERE LastName != 'Two'").body());
      assertThat(count.path("totalSize").asInt()).isEqualTo(2);
      assertThat(count.path("records")).isEmpty();
      HttpResponse<String> badField = query(sim, token, "SELECT Id, Favourite_Colour__c FROM Contact");
      assertThat(badField.statusCode()).isEqualTo(400);
      assertThat(json.readTree(badField.body()).get(0).path("errorCode").asString()).isEqualTo("INVALID_FIELD");
      HttpResponse<String> badType = query(sim, token, "SELECT Id FROM Spaceship__c");
      assertThat(json.readTree(badType.body()).get(0).path("errorCode").asString()).isEqualTo("INVALID_TYPE");
      assertThat(json.readTree(query(sim, token, "SELECT Id FROM Contact WHERE Favourite_Colour__c = 'red'").body()).get(0)
          .path("errorCode").asString()).as("in WHERE too").isEqualTo("INVALID_FIELD");
      assertThat(json.readTree(query(sim, token, "SELECT Id FROM Contact ORDER BY Favourite_Colour__c").body()).get(0)
          .path("errorCode").asString()).as("in ORDER BY too").isEqualTo("INVALID_FIELD");
      assertThat(json.readTree(query(sim, token, "SELECT Id, Spaceship.Name FROM Contact").body()).get(0)
          .path("errorCode").asString()).as("a relationship the object does not have").isEqualTo("INVALID_FIELD");
      sim.defineField("Contact", "Favourite_Colour__c");
      assertThat(query(sim, token, "SELECT Id, Favourite_Colour__c FROM Contact").statusCode()).as("once defined").isEqualTo(200);

      String lead = sim.insert("Lead", Map.of("LastName", "Fresh", "Company", "Acme"), "005000000000077SAL");
      assertThat(json.readTree(get(sim, "/services/data/v62.0/sobjects/Lead/" + lead, token).body()).path("IsDeleted").asBoolean(true))
          .as("a new record is not deleted").isFalse();
      HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/services/data/v62.0/sobjects/Lead/" + lead))
          .header("Authorization", "Bearer " + token).DELETE().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(deleted.statusCode()).isEqualTo(204);
      assertThat(json.readTree(get(sim, "/services/data/v62.0/sobjects/Lead/" + lead, token).body()).get(0).path("errorCode").asString())
          .isEqualTo("ENTITY_IS_DELETED");
      assertThat(json.readTree(query(sim, token, "SELECT COUNT() FROM Lead").body()).path("totalSize").asInt()).isZero();

      JsonNode global = json.readTree(get(sim, "/services/data/v62.0/sobjects", token).body());
      assertThat(global.path("sobjects")).extracting(o -> o.path("name").asString()).contains("Contact", "Lead", "Task");
      JsonNode contact = json.readTree(get(sim, "/services/data/v62.0/sobjects/Contact/describe", token).body());
      assertThat(contact.path("fields")).extracting(f -> f.path("name").asString()).contains("Id", "HasOptedOutOfEmail",
          "Favourite_Colour__c");
      assertThat(get(sim, "/services/data/v62.0/sobjects/Spaceship__c/describe", token).statusCode()).isEqualTo(404);
      String identityUrl = tokenAnswer.path("id").asString();
      JsonNode identity = json.readTree(http.send(HttpRequest.newBuilder(URI.create(identityUrl)).header("Authorization", "Bearer " + token)
          .GET().build(), HttpResponse.BodyHandlers.ofString()).body());
      assertThat(identity.path("user_id").asString()).isEqualTo(SalesforceSimulator.INTEGRATION_USER_ID);

      HttpResponse<String> cursor = get(sim, "/services/data/v62.0/query/01gD0000002HU6KIAW-2000", token);
      assertThat(cursor.statusCode()).isEqualTo(400);
      assertThat(json.readTree(cursor.body()).get(0).path("errorCode").asString()).isEqualTo("INVALID_QUERY_LOCATOR");
    }
  }

  @Test
  void replicationRetrievalUpsertByExternalIdAndRelationshipFieldsAnswerAsSalesforceDoes() throws Exception {
    io.unisync.testkit.ManualClock clock = new io.unisync.testkit.ManualClock(java.time.Instant.parse("2026-11-30T10:00:00Z"));
    try (SalesforceSimulator sim = SalesforceSimulator.start(clock, null, 15_000, Duration.ofHours(2))) {
      String token = tokenAnswer(sim).path("access_token").asString();
      String lead = sim.insert("Lead", Map.of("LastName", "Lee", "Company", "Acme"), "005000000000077SAL");
      String contact = sim.insert("Contact", Map.of("LastName", "Cole"), "005000000000077SAL");
      String gone = sim.insert("Contact", Map.of("LastName", "Gone"), "005000000000077SAL");
      clock.advance(Duration.ofMinutes(1));
      sim.delete("Contact", gone, "005000000000077SAL");
      clock.advance(Duration.ofMinutes(2));

      // data replication: ids changed and deleted in a window (seconds ignored), and how far the answer covers
      String window = "?start=" + URLEncoder.encode("2026-11-30T09:00:00+00:00", StandardCharsets.UTF_8)
          + "&end=" + URLEncoder.encode("2026-11-30T11:00:00+00:00", StandardCharsets.UTF_8);
      JsonNode updated = json.readTree(get(sim, "/services/data/v62.0/sobjects/Contact/updated/" + window, token).body());
      assertThat(updated.path("ids")).extracting(JsonNode::asString).containsExactly(contact);
      assertThat(updated.path("latestDateCovered").asString()).isEqualTo("2026-11-30T10:03:00.000+0000");
      JsonNode deleted = json.readTree(get(sim, "/services/data/v62.0/sobjects/Contact/deleted/" + window, token).body());
      assertThat(deleted.path("deletedRecords")).extracting(r -> r.path("id").asString()).containsExactly(gone);
      assertThat(deleted.path("earliestDateAvailable").asString()).isEqualTo("2026-10-31T00:00:00.000+0000");
      HttpResponse<String> tooOld = get(sim, "/services/data/v62.0/sobjects/Contact/updated/?start="
          + URLEncoder.encode("2026-09-01T00:00:00+00:00", StandardCharsets.UTF_8) + "&end="
          + URLEncoder.encode("2026-09-02T00:00:00+00:00", StandardCharsets.UTF_8), token);
      assertThat(tooOld.statusCode()).isEqualTo(400);
      assertThat(json.readTree(tooOld.body()).get(0).path("errorCode").asString()).isEqualTo("INVALID_REPLICATION_DATE");

      // several records by id in one call, null in the place of one that does not exist
      JsonNode many = json.readTree(get(sim, "/services/data/v62.0/composite/sobjects/Contact?ids=" + contact + ",003000000000999AAA&fields=LastName",
          token).body());
      assertThat(many.get(0).path("LastName").asString()).isEqualTo("Cole");
      assertThat(many.get(1).isNull()).isTrue();

      // upsert by External ID: created (201), then updated (200), each saying which
      String path = "/services/data/v62.0/sobjects/Task/" + SalesforceSimulator.EXTERNAL_ID_FIELD + "/acme:act-1";
      HttpResponse<String> created = patch(sim, path, token, "{\"Subject\":\"Email: hello\",\"WhoId\":\"" + lead + "\"}");
      assertThat(created.statusCode()).isEqualTo(201);
      assertThat(json.readTree(created.body()).path("created").asBoolean()).isTrue();
      HttpResponse<String> again = patch(sim, path, token, "{\"Subject\":\"Email: hello again\"}");
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(json.readTree(again.body()).path("created").asBoolean(true)).isFalse();
      assertThat(json.readTree(again.body()).path("id").asString()).isEqualTo(json.readTree(created.body()).path("id").asString());
      assertThat(patch(sim, "/services/data/v62.0/sobjects/Task/Subject__c/x", token, "{}").statusCode()).as("not an External ID field")
          .isEqualTo(404);

      // the collection forms: several by id through POST, and upsert by External ID
      HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/services/data/v62.0/composite/sobjects/Contact"))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"ids\":[\"" + contact + "\"],\"fields\":[\"LastName\"]}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(json.readTree(posted.body()).get(0).path("LastName").asString()).isEqualTo("Cole");
      JsonNode upserted = json.readTree(patch(sim, "/services/data/v62.0/composite/sobjects/Task/" + SalesforceSimulator.EXTERNAL_ID_FIELD, token,
          "{\"allOrNone\":false,\"records\":[{\"attributes\":{\"type\":\"Task\"},\"" + SalesforceSimulator.EXTERNAL_ID_FIELD
              + "\":\"acme:act-1\",\"Subject\":\"Email: third\"},{\"attributes\":{\"type\":\"Task\"},\""
              + SalesforceSimulator.EXTERNAL_ID_FIELD + "\":\"acme:act-2\",\"Subject\":\"Call\"},{\"attributes\":{\"type\":\"Task\"},"
              + "\"Subject\":\"no id\"}]}").body());
      assertThat(upserted).extracting(r -> r.path("created").asString("-")).containsExactly("false", "true", "-");
      assertThat(upserted.get(2).path("errors").get(0).path("statusCode").asString()).isEqualTo("MISSING_ARGUMENT");

      // relationship fields come back nested, and WHERE can filter on them
      JsonNode tasks = json.readTree(query(sim, token, "SELECT Id, Subject, Who.Type, Who.LastName FROM Task WHERE Who.Type = 'Lead'").body());
      assertThat(json.readTree(query(sim, token, "SELECT Id, Who.Type FROM Task WHERE Who.Type = null").body()).path("records"))
          .as("the call without a Who").hasSize(1).allSatisfy(r -> assertThat(r.path("Who").isNull()).isTrue());
      assertThat(tasks.path("records")).hasSize(1);
      JsonNode who = tasks.path("records").get(0).path("Who");
      assertThat(who.path("attributes").path("type").asString()).isEqualTo("Lead");
      assertThat(who.path("Type").asString()).isEqualTo("Lead");
      assertThat(who.path("LastName").asString()).isEqualTo("Lee");
      assertThat(tasks.path("records").get(0).has("Who.Type")).as("never flat").isFalse();
    }
  }

  private HttpResponse<String> patch(SalesforceSimulator sim, String path, String token, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + path)).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode tokenAnswer(SalesforceSimulator sim) throws Exception {
    return json.readTree(http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/services/oauth2/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + SalesforceSimulator.CLIENT_ID
            + "&client_secret=" + SalesforceSimulator.CLIENT_SECRET)).build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  private HttpResponse<String> query(SalesforceSimulator sim, String token, String soql) throws Exception {
    return get(sim, "/services/data/v62.0/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8), token);
  }

  private HttpResponse<String> get(SalesforceSimulator sim, String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
