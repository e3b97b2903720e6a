package io.unisync.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Lead reads and writes as Marketo documents them, tried with a plain HTTP client: filter types other than id with
 * paging, createOrUpdate / createOnly / updateOnly with per-record statuses, describe and describe2, usage, and paths
 * with dot segments.
 */
class MarketoSimulatorLeadsTest {

  @Test
  void leadsAreFoundByEmailAndOtherSearchableFieldsPageByPage() throws Exception {
    try (MarketoSimulator sim = MarketoSimulator.start(SyntheticPeople.of(60, 1), MarketoSimulator.Options.unlimited(), Clock.systemUTC())) {
      SimCalls calls = new SimCalls(sim);
      String token = calls.token();
      String shared = sim.lead(25).orElseThrow().get("email"); // 24 and 25 share one address: two people

      JsonNode byEmail = calls.json(calls.call("GET", "/rest/v1/leads.json?filterType=email&filterValues=" + shared.toUpperCase()
          + "&fields=id,email", null, token));
      assertThat(byEmail.path("result")).extracting(r -> r.path("id").asLong()).containsExactly(24L, 25L);

      String owner = sim.lead(3).orElseThrow().get("sfdcLeadOwnerId");
      long owned = sim.existingIds().stream().filter(id -> owner != null && owner.equals(sim.lead(id).orElseThrow().get("sfdcLeadOwnerId")))
          .count();
      JsonNode first = calls.json(calls.call("GET", "/rest/v1/leads.json?filterType=sfdcLeadOwnerId&filterValues=" + owner
          + "&fields=id&batchSize=1", null, token));
      assertThat(first.path("result")).hasSize(1);
      int seen = 1;
      String next = first.path("nextPageToken").asString(null);
      while (next != null) {
        JsonNode page = calls.json(calls.call("GET", "/rest/v1/leads.json?filterType=sfdcLeadOwnerId&filterValues=" + owner
            + "&fields=id&batchSize=1&nextPageToken=" + next, null, token));
        seen += page.path("result").size();
        next = page.path("nextPageToken").asString(null);
      }
      assertThat(seen).isEqualTo(owned);

      JsonNode notSearchable = calls.json(calls.call("GET", "/rest/v1/leads.json?filterType=title&filterValues=CEO", null, token));
      assertThat(notSearchable.path("errors").path(0).path("code").asString()).isEqualTo("1011");
    }
  }

  @Test
  void writesReportEachRecordAsCreatedUpdatedOrSkippedWithItsReason() throws Exception {
    try (MarketoSimulator sim = MarketoSimulator.start(SyntheticPeople.of(60, 1), MarketoSimulator.Options.unlimited(), Clock.systemUTC())) {
      SimCalls calls = new SimCalls(sim);
      String token = calls.token();
      String existing = sim.lead(7).orElseThrow().get("email");
      String shared = sim.lead(25).orElseThrow().get("email");

      JsonNode written = calls.json(calls.call("POST", "/rest/v1/leads.json", "{\"action\":\"createOrUpdate\",\"input\":["
          + "{\"email\":\"new.person@example.com\",\"firstName\":\"New\"},"
          + "{\"email\":\"" + existing + "\",\"title\":\"Head of Tests\"},"
          + "{\"email\":\"" + shared + "\",\"title\":\"Twin\"},"
          + "{\"email\":\"x@example.com\",\"favouriteColour\":\"teal\"},"
          + "{\"firstName\":\"No Email\"}]}", token));
      JsonNode r = written.path("result");
      assertThat(r.path(0).path("status").asString()).isEqualTo("created");
      assertThat(sim.lead(r.path(0).path("id").asLong()).orElseThrow()).containsEntry("firstName", "New");
      assertThat(r.path(1).path("status").asString()).isEqualTo("updated");
      assertThat(r.path(1).path("id").asLong()).isEqualTo(7);
      assertThat(sim.lead(7).orElseThrow()).containsEntry("title", "Head of Tests");
      assertThat(r.path(2).path("reasons").path(0).path("code").asString()).isEqualTo("1007");
      assertThat(r.path(3).path("reasons").path(0).path("code").asString()).isEqualTo("1006");
      assertThat(r.path(4).path("reasons").path(0).path("code").asString()).isEqualTo("1003");

      JsonNode createOnly = calls.json(calls.call("POST", "/rest/v1/leads.json", "{\"action\":\"createOnly\",\"input\":[{\"email\":\""
          + existing + "\"}]}", token));
      assertThat(createOnly.path("result").path(0).path("reasons").path(0).path("code").asString()).isEqualTo("1005");
      JsonNode updateOnly = calls.json(calls.call("POST", "/rest/v1/leads.json", "{\"action\":\"updateOnly\",\"lookupField\":\"id\","
          + "\"input\":[{\"id\":99999,\"title\":\"Ghost\"}]}", token));
      assertThat(updateOnly.path("result").path(0).path("reasons").path(0).path("code").asString()).isEqualTo("1004");

      JsonNode readByPost = calls.json(calls.call("POST", "/rest/v1/leads.json?_method=GET&filterType=id&filterValues=7&fields=title",
          null, token));
      assertThat(readByPost.path("result").path(0).path("title").asString()).as("_method=GET reads").isEqualTo("Head of Tests");
    }
  }

  @Test
  void describeUsageAndDotSegmentsAnswerAsMarketoDoes() throws Exception {
    try (MarketoSimulator sim = MarketoSimulator.start(SyntheticPeople.of(10, 1), MarketoSimulator.Options.unlimited(), Clock.systemUTC())) {
      SimCalls calls = new SimCalls(sim);
      String token = calls.token();

      JsonNode describe = calls.json(calls.call("GET", "/rest/v1/leads/describe.json", null, token));
      assertThat(describe.path("result")).anySatisfy(f -> {
        assertThat(f.path("rest").path("name").asString()).isEqualTo("email");
        assertThat(f.path("dataType").asString()).isEqualTo("email");
      });
      JsonNode describe2 = calls.json(calls.call("GET", "/rest/v1/leads/describe2.json", null, token));
      assertThat(describe2.path("result").path(0).path("searchableFields").toString()).contains("[\"email\"]");
      assertThat(describe2.path("result").path(0).path("fields")).anySatisfy(f -> {
        assertThat(f.path("name").asString()).isEqualTo("sfdcLeadOwnerId");
        assertThat(f.path("crmManaged").asBoolean()).isTrue();
      });

      JsonNode types = calls.json(calls.call("GET", "/rest/v1/activities/types.json", null, token));
      assertThat(types.path("result")).isNotEmpty().allSatisfy(t -> {
        assertThat(t.path("description").isString()).as("description of " + t).isTrue();
        assertThat(t.path("primaryAttribute").path("name").isString()).as("primaryAttribute of " + t).isTrue();
        assertThat(t.path("attributes").isArray()).as("attributes of " + t).isTrue();
      });

      JsonNode list = calls.json(calls.call("GET", "/rest/../bulk/v1/leads/export.json", null, token));
      assertThat(list.path("success").asBoolean()).as("/rest/../bulk is /bulk").isTrue();

      JsonNode usage = calls.json(calls.call("GET", "/rest/v1/stats/usage.json", null, token));
      assertThat(usage.path("result").path(0).path("total").asLong()).as("calls today, this one included").isEqualTo(5);
    }
  }
}
