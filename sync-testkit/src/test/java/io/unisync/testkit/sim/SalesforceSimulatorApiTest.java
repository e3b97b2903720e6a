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
