package io.unisync.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The two pieces both simulators share, without HTTP: the route table and the fault plan. */
class RoutesAndFaultPlanTest {

  final Routes<String, String> routes = new Routes<String, String>()
      .on("POST", "/rest/v1/leads.json", (c, p) -> "upsert")
      .on("/rest/v1/leads.json", (c, p) -> "read")
      .between("/rest/v1/lead/", ".json", (c, id) -> "lead " + id)
      .on("/bulk/v1/leads/export/create.json", (c, p) -> "create")
      .under("/bulk/v1/leads/export/", (c, rest) -> "export " + rest)
      .matching("GET", "sobjects/[A-Za-z_]+/describe/?", (c, path) -> "describe " + path)
      .under("GET", "query/", (c, locator) -> "page " + locator);

  String answer(String method, String path) throws Exception {
    Routes.Match<String, String> match = routes.find(method, path);
    return match == null ? "none" : match.answer("call");
  }

  @Test
  void theFirstRouteThatMatchesAnswersWithThePartItMatched() throws Exception {
    assertThat(answer("POST", "/rest/v1/leads.json")).isEqualTo("upsert");
    assertThat(answer("GET", "/rest/v1/leads.json")).isEqualTo("read");
    assertThat(answer("GET", "/rest/v1/lead/42.json")).isEqualTo("lead 42");
    assertThat(answer("GET", "/rest/v1/lead/.json")).as("an empty part is no match").isEqualTo("none");
    assertThat(answer("POST", "/bulk/v1/leads/export/create.json")).as("added before the prefix route").isEqualTo("create");
    assertThat(answer("GET", "/bulk/v1/leads/export/abc/status.json")).isEqualTo("export abc/status.json");
    assertThat(answer("GET", "sobjects/Task/describe")).isEqualTo("describe sobjects/Task/describe");
    assertThat(answer("POST", "sobjects/Task/describe")).as("another method").isEqualTo("none");
    assertThat(answer("GET", "query/01gX-2000")).isEqualTo("page 01gX-2000");
    assertThat(answer("DELETE", "query/01gX-2000")).isEqualTo("none");
    assertThat(answer("GET", "/rest/v1/leads.jsonx")).isEqualTo("none");
  }

  @Test
  void writersAnswerThatTheyHaveSent() throws Exception {
    List<String> written = new ArrayList<>();
    Routes<String, Routes.Sent> writing = new Routes<String, Routes.Sent>().on("limits", Routes.writes((c, p) -> written.add(c + " " + p)));

    assertThat(Objects.requireNonNull(writing.find("GET", "limits")).answer("call")).isEqualTo(Routes.Sent.SENT);
    assertThat(written).containsExactly("call limits");
  }

  @Test
  void scriptedFaultsGoToTheFirstMatchingRequestInTheOrderTheyWereScripted() {
    FaultPlan<MarketoFault> plan = new FaultPlan<>();
    plan.failNext("leads.json", MarketoFault.HTTP_500);
    plan.failNext("leads.json", MarketoFault.ERROR_606);
    plan.failNext("export", MarketoFault.CORRUPT_FILE);

    assertThat(plan.next("/rest/v1/activities.json")).isNull();
    assertThat(plan.next("/bulk/v1/leads/export/1/file.json")).isEqualTo(MarketoFault.CORRUPT_FILE);
    assertThat(plan.next("/rest/v1/leads.json")).isEqualTo(MarketoFault.HTTP_500);
    assertThat(plan.next("/rest/v1/leads.json")).isEqualTo(MarketoFault.ERROR_606);
    assertThat(plan.next("/rest/v1/leads.json")).as("used up").isNull();
  }

  @Test
  void randomFaultsAreSeededSoARunRepeatsAndComeAtTheirRate() {
    List<MarketoFault> transients = List.of(MarketoFault.HTTP_500, MarketoFault.ERROR_604);
    FaultPlan<MarketoFault> one = new FaultPlan<>(0.25, 7, transients);
    FaultPlan<MarketoFault> two = new FaultPlan<>(0.25, 7, transients);
    List<MarketoFault> first = new ArrayList<>();
    List<MarketoFault> second = new ArrayList<>();
    for (int i = 0; i < 4_000; i++) {
      first.add(one.next("/rest/v1/leads.json"));
      second.add(two.next("/rest/v1/leads.json"));
    }

    assertThat(first).isEqualTo(second);
    long faulted = first.stream().filter(Objects::nonNull).count();
    assertThat(faulted).as("about a quarter of 4,000").isBetween(800L, 1_200L);
    assertThat(first).contains(MarketoFault.HTTP_500, MarketoFault.ERROR_604);
    assertThatThrownBy(() -> new FaultPlan<MarketoFault>(0.5, 1, List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
