package io.unisync.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.unisync.core.error.RetryableAdapterException;
import io.unisync.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Salesforce's daily API allowance belongs to the org, and the org reports its own count of the day's calls on every
 * answer ({@code Sforce-Limit-Info}): several replicas each stopping at their share of that count share the budget
 * without a counter of ours, and a restarted process learns the count with its first call.
 */
class SalesforceSharedBudgetTest {

  @Test
  void replicasTogetherStopAtTheirShareOfTheOrgsAllowanceAndCallAgainOnceTheWindowRolls() {
    ManualClock clock = new ManualClock(Instant.parse("2026-11-30T12:00:00Z"));
    try (SalesforceFixture f = new SalesforceFixture(1, null, 40, clock)) {
      SalesforceSettings settings = f.clientCredentials().withDailyBudgetShare(0.5); // 20 of the org's 40
      List<SalesforceCrmOptOuts> replicas = List.of(Salesforce.connect(settings, clock).crmOptOuts(),
          Salesforce.connect(settings, clock).crmOptOuts(), Salesforce.connect(settings, clock).crmOptOuts());
      int[] refused = new int[replicas.size()];
      for (int round = 0; round < 20; round++) {
        for (int r = 0; r < replicas.size(); r++) {
          try {
            replicas.get(r).changesSince(Optional.empty());
          } catch (RetryableAdapterException e) {
            assertThat(e.getMessage()).contains("daily budget is used up");
            refused[r]++;
          }
        }
      }

      long used = f.sim.apiCalls();
      assertThat(used).as("calls the org counted: the share, plus at most one each replica made on an older reading")
          .isBetween(20L, 20L + replicas.size());
      assertThat(refused).as("refusals per replica: every replica stopped").doesNotContain(0);

      // A day later the org's rolling window has let those calls go: once a reading is older than limitBackoff, one
      // call goes to read the count again, and the replica works on instead of refusing until it restarts.
      f.sim.forgetApiUsage();
      clock.advance(settings.limitBackoff().plus(Duration.ofSeconds(1)));
      assertThatCode(() -> replicas.get(0).changesSince(Optional.empty())).doesNotThrowAnyException();
    }
  }
}
