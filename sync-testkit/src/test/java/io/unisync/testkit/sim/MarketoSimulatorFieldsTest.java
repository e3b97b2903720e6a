package io.unisync.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The simulator refuses field names its instance does not have, and writes times in whole seconds, as Marketo does. */
class MarketoSimulatorFieldsTest {

  @Test
  void unknownFieldsAreRefusedOnReadsAndExportsAndDefinedOnesAreServed() throws Exception {
    try (MarketoSimulator sim = MarketoSimulator.start(SyntheticPeople.of(10, 1), MarketoSimulator.Options.unlimited(), Clock.systemUTC())) {
      SimCalls calls = new SimCalls(sim);
      String token = calls.token();

      JsonNode unknown = calls.json(calls.call("GET", "/rest/v1/leads.json?filterType=id&filterValues=1&fields=id,email,favouriteColour",
          null, token));
      assertThat(unknown.path("success").asBoolean()).isFalse();
      assertThat(unknown.path("errors").path(0).path("code").asString()).isEqualTo("1006");
      assertThat(unknown.path("errors").path(0).path("message").asString()).isEqualTo("Field 'favouriteColour' not found");

      JsonNode export = calls.json(calls.call("POST", "/bulk/v1/leads/export/create.json", "{\"fields\":[\"id\",\"favouriteColour\","
          + "\"shoeSize\"],\"format\":\"CSV\",\"filter\":{\"createdAt\":{\"startAt\":\"2024-01-01T00:00:00Z\",\"endAt\":\"2024-01-02T00:00:00Z\"}}}",
          token));
      assertThat(export.path("errors").path(0).path("code").asString()).isEqualTo("1003");
      assertThat(export.path("errors").path(0).path("message").asString()).isEqualTo("Invalid fields [favouriteColour, shoeSize]");

      sim.defineField("favouriteColour");
      sim.updateLead(1, "favouriteColour", "teal");
      JsonNode defined = calls.json(calls.call("GET", "/rest/v1/leads.json?filterType=id&filterValues=1&fields=id,favouriteColour,updatedAt",
          null, token));
      assertThat(defined.path("result").path(0).path("favouriteColour").asString()).isEqualTo("teal");
      assertThat(defined.path("result").path(0).path("updatedAt").asString()).as("whole seconds, as Marketo writes them")
          .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
      Instant.parse(defined.path("result").path(0).path("updatedAt").asString());
    }
  }

  @Test
  void activityDatesAreWholeSecondsWithANumericOffset() throws Exception {
    try (MarketoSimulator sim = MarketoSimulator.start(SyntheticPeople.of(10, 1), MarketoSimulator.Options.unlimited(), Clock.systemUTC())) {
      SimCalls calls = new SimCalls(sim);
      String token = calls.token();
      String since = Instant.now(Clock.systemUTC()).minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
      sim.updateLead(2, "title", "Chief Tester");
      String paging = calls.json(calls.call("GET", "/rest/v1/activities/pagingtoken.json?sinceDatetime=" + since, null, token))
          .path("nextPageToken").asString();

      JsonNode changes = calls.json(calls.call("GET", "/rest/v1/activities/leadchanges.json?nextPageToken=" + paging + "&fields=title",
          null, token));

      assertThat(changes.path("result")).isNotEmpty();
      assertThat(changes.path("result").path(0).path("activityDate").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+0000");
    }
  }
}
