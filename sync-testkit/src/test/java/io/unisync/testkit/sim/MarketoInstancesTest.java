package io.unisync.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unisync.testkit.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Many instances on one port: each its own people, tokens, limits and clock; one instance's trouble is its own. */
class MarketoInstancesTest {

  private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

  final ManualClock clock = new ManualClock(T0);

  /** An instance without limits of {@code people} synthetic people. */
  MarketoSimulator unlimited(MarketoInstances host, String name, int people, long seed) {
    return host.add(name, SyntheticPeople.of(people, seed), MarketoSimulator.Options.unlimited(), clock);
  }

  @Test
  void eachInstanceServesItsOwnPeopleUnderItsName() throws Exception {
    try (MarketoInstances host = MarketoInstances.start(4)) {
      MarketoSimulator acme = unlimited(host, "acme", 3, 1);
      MarketoSimulator globex = unlimited(host, "globex-2", 7, 2);
      SimCalls a = new SimCalls(acme);
      SimCalls g = new SimCalls(globex);

      assertThat(acme.baseUrl()).hasToString(host.baseUrl() + "/acme");
      assertThat(a.json(a.call("GET", "/rest/v1/leads.json?filterType=id&filterValues=1,2,3,4,5&fields=email", null, a.token()))
          .path("result")).hasSize(3);
      assertThat(g.json(g.call("GET", "/rest/v1/leads.json?filterType=id&filterValues=1,2,3,4,5&fields=email", null, g.token()))
          .path("result")).hasSize(5);
      assertThat(a.json(a.call("GET", "/rest/v1/lead/2.json?fields=email", null, a.token())).path("result").get(0).path("email").asString())
          .isEqualTo(acme.lead(2).orElseThrow().get("email"));
      assertThat(g.json(g.call("GET", "/rest/v1/lead/6.json?fields=email", null, g.token())).path("result")).hasSize(1);
      assertThat(a.json(a.call("GET", "/rest/v1/lead/6.json?fields=email", null, a.token())).path("result")).isEmpty();
      assertThat(host.instances()).containsExactlyInAnyOrder(acme, globex);
    }
  }

  @Test
  void anInstancesTokenIsNoGoodAtAnotherAndItsRateLimitIsItsOwn() throws Exception {
    try (MarketoInstances host = MarketoInstances.start(4)) {
      MarketoSimulator strict = host.add("strict", SyntheticPeople.of(5, 1),
          MarketoSimulator.Options.defaults().withRateLimit(2, Duration.ofSeconds(20)), clock);
      MarketoSimulator other = host.add("other", SyntheticPeople.of(5, 2), MarketoSimulator.Options.defaults(), clock);
      SimCalls s = new SimCalls(strict);
      SimCalls o = new SimCalls(other);
      String strictToken = s.token();

      assertThat(o.json(o.call("GET", "/rest/v1/lead/1.json", null, strictToken)).path("errors").get(0).path("code").asString())
          .as("a token of another instance").isEqualTo("601");
      for (int i = 0; i < 2; i++) {
        assertThat(s.json(s.call("GET", "/rest/v1/lead/1.json", null, strictToken)).path("success").asBoolean()).isTrue();
      }
      assertThat(s.json(s.call("GET", "/rest/v1/lead/1.json", null, strictToken)).path("errors").get(0).path("code").asString())
          .isEqualTo("606");
      String otherToken = o.token();
      assertThat(o.json(o.call("GET", "/rest/v1/lead/1.json", null, otherToken)).path("success").asBoolean())
          .as("the neighbour's limit is not this one's").isTrue();
      assertThat(strict.rateLimitErrors()).isEqualTo(1);
      assertThat(other.rateLimitErrors()).isZero();
    }
  }

  @Test
  void aClosedInstanceIsGoneWhileTheOthersAnswerAndUnknownNamesGet404() throws Exception {
    try (MarketoInstances host = MarketoInstances.start(2)) {
      MarketoSimulator gone = unlimited(host, "gone", 2, 1);
      MarketoSimulator stays = unlimited(host, "stays", 2, 1);

      gone.close();

      var answer = new SimCalls(gone).call("POST", "/identity/oauth/token?grant_type=client_credentials", null, null);
      assertThat(answer.statusCode()).isEqualTo(404);
      assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("/gone");
      assertThat(new SimCalls(stays).token()).isNotBlank();
      assertThat(host.instances()).containsExactly(stays);
      assertThatThrownBy(() -> host.add("stays", SyntheticPeople.of(1, 1), MarketoSimulator.Options.unlimited(), clock))
          .hasMessageContaining("taken");
      assertThatThrownBy(() -> host.add("a/b", SyntheticPeople.of(1, 1), MarketoSimulator.Options.unlimited(), clock))
          .hasMessageContaining("'a/b'");
    }
  }
}
