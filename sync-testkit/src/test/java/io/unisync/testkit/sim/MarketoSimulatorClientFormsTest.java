package io.unisync.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.testkit.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What clients other than Unisync's send and read, answered as Marketo documents it (its OpenAPI's repeatable
 * parameters, "Delete Leads", "Bulk Lead Extract" with {@code columnHeaderNames}, the Delete Lead activity's example,
 * timestamps in whole seconds). Each case failed before the simulator modelled it.
 */
class MarketoSimulatorClientFormsTest {

  @Test
  void aRepeatedListParameterMeansEveryValueAsACommaSeparatedOneDoes() throws Exception {
    try (MarketoSimulator sim = MarketoSimulator.start(SyntheticPeople.of(20, 1), MarketoSimulator.Options.unlimited(), Clock.systemUTC())) {
      SimCalls calls = new SimCalls(sim);
      String token = calls.token();

      JsonNode lead = calls.json(calls.call("GET", "/rest/v1/lead/5.json?fields=email&fields=firstName", null, token)).path("result").get(0);
      assertThat(lead.has("email")).isTrue();
      assertThat(lead.has("firstName")).isTrue();
      JsonNode both = calls.json(calls.call("GET", "/rest/v1/leads.json?filterType=id&filterValues=3&filterValues=4&fields=id", null, token));
      assertThat(both.path("result")).extracting(r -> r.path("id").asLong()).containsExactly(3L, 4L);

      sim.addActivity(5, 1, "page-1", Map.of());
      sim.addActivity(5, 12, "", Map.of());
      String since = calls.json(calls.call("GET", "/rest/v1/activities/pagingtoken.json?sinceDatetime=2000-01-01T00:00:00Z", null, token))
          .path("nextPageToken").asString();
      JsonNode activities = calls.json(calls.call("GET", "/rest/v1/activities.json?nextPageToken=" + since
          + "&activityTypeIds=1&activityTypeIds=12&leadIds=5", null, token));
      assertThat(activities.path("result")).extracting(a -> a.path("activityTypeId").asInt()).contains(1, 12);
    }
  }

  @Test
  void syntheticLeadsCarryWholeSecondsWhateverTheFirstCreationTimesFraction() {
    SyntheticPeople people = new SyntheticPeople(10, 1, Instant.parse("2026-11-26T21:22:45.513848124Z"), Duration.ofMillis(700));

    for (long id = 1; id <= 10; id++) {
      Map<String, String> lead = people.lead(id);
      assertThat(lead.get("createdAt")).as("lead %d", id).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
      assertThat(lead.get("updatedAt")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
      // an export window from a creation time holds that lead: the id lookup agrees with the times shown
      assertThat(people.firstIdCreatedAtOrAfter(Instant.parse(lead.get("createdAt")))).as("lead %d", id).isLessThanOrEqualTo(id);
      assertThat(people.firstIdCreatedAtOrAfter(Instant.parse(lead.get("createdAt")).plusSeconds(1))).as("lead %d", id).isGreaterThan(id);
    }
  }

  @Test
  void leadsAreDeletedThroughTheApiEachWithItsStatusAndTheActivityNamesTheLead() throws Exception {
    try (MarketoSimulator sim = MarketoSimulator.start(SyntheticPeople.of(20, 1), MarketoSimulator.Options.unlimited(), Clock.systemUTC())) {
      SimCalls calls = new SimCalls(sim);
      String token = calls.token();
      String name = sim.lead(4).orElseThrow().get("firstName") + " " + sim.lead(4).orElseThrow().get("lastName");

      JsonNode answer = calls.json(calls.call("POST", "/rest/v1/leads/delete.json", "{\"input\":[{\"id\":4},{\"id\":999}]}", token));

      assertThat(answer.path("success").asBoolean()).isTrue();
      assertThat(answer.path("result").get(0).path("status").asString()).isEqualTo("deleted");
      assertThat(answer.path("result").get(1).path("status").asString()).isEqualTo("skipped");
      assertThat(answer.path("result").get(1).path("reasons").get(0).path("code").asString()).isEqualTo("1004");
      assertThat(sim.lead(4)).isEmpty();
      String since = calls.json(calls.call("GET", "/rest/v1/activities/pagingtoken.json?sinceDatetime=2000-01-01T00:00:00Z", null, token))
          .path("nextPageToken").asString();
      JsonNode deletions = calls.json(calls.call("GET", "/rest/v1/activities/deletedleads.json?nextPageToken=" + since, null, token));
      assertThat(deletions.path("result")).singleElement().satisfies(d -> {
        assertThat(d.path("leadId").asLong()).isEqualTo(4);
        assertThat(d.path("primaryAttributeValueId").asLong()).isEqualTo(4);
        assertThat(d.path("primaryAttributeValue").asString()).as("the documented example shows the lead's name").isEqualTo(name);
      });
    }
  }

  @Test
  void anExportsFileUsesTheHeaderNamesAskedForAndItsEnqueueAnswersQueued() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-03-10T15:00:00Z"));
    try (MarketoSimulator sim = MarketoSimulator.start(SyntheticPeople.of(30, 3), MarketoSimulator.Options.unlimited(), clock)) {
      SimCalls calls = new SimCalls(sim);
      String token = calls.token();
      String id = calls.json(calls.call("POST", "/bulk/v1/leads/export/create.json", "{\"fields\":[\"id\",\"email\"],\"format\":\"CSV\","
          + "\"columnHeaderNames\":{\"id\":\"Marketo Id\"},\"filter\":{\"createdAt\":{\"startAt\":\"2023-12-25T00:00:00Z\","
          + "\"endAt\":\"2024-01-20T00:00:00Z\"}}}", token)).path("result").get(0).path("exportId").asString();

      JsonNode enqueued = calls.json(calls.call("POST", "/bulk/v1/leads/export/" + id + "/enqueue.json", null, token));
      assertThat(enqueued.path("result").get(0).path("status").asString()).isEqualTo("Queued");
      JsonNode status = calls.json(calls.call("GET", "/bulk/v1/leads/export/" + id + "/status.json", null, token));
      assertThat(status.path("result").get(0).path("status").asString()).as("the next poll").isEqualTo("Completed");

      String file = new String(calls.call("GET", "/bulk/v1/leads/export/" + id + "/file.json", null, token).body(), StandardCharsets.UTF_8);
      assertThat(file.lines().findFirst()).contains("Marketo Id,email");
      assertThat(file.lines().count()).isEqualTo(31);
    }
  }
}
