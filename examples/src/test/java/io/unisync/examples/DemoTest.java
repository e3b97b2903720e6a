package io.unisync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.engine.GateDecision;
import org.junit.jupiter.api.Test;

/** The demo's building blocks with a small population: the store ends equal to Marketo's eligible people. */
class DemoTest {

  @Test
  void theDemoSyncsExactlyTheEligiblePeopleAndRunsTheWholeMission() throws Exception {
    Demo.Result result = Demo.run(new Demo.Options(3_000, null, 500, null));

    assertThat(result.storeMatchesSource()).isTrue();
    assertThat(result.driftFound()).as("the dry run saw the 30 people the feeds lost").isEqualTo(30);
    assertThat(result.driftRepaired()).isEqualTo(30);
    assertThat(result.peopleInStore()).isEqualTo(result.eligibleInSource()).isBetween(2_000L, 2_800L);
    assertThat(result.quarantined()).hasSize(2);
    assertThat(result.changes().removed()).isPositive();
    assertThat(result.delivered()).isEqualTo(500);
    assertThat(result.deliveredSalesforce()).as("emails and calls, not campaign changes").isBetween(300L, 400L);
    assertThat(result.reminderCompletedInSalesforceCameBack()).isTrue();
    assertThat(result.gateForCrmOptOut()).isEqualTo(new GateDecision.Blocked("opted out of e-mail in the CRM"));
    assertThat(result.deadLetters()).isZero();
    assertThat(result.gateForUnsubscribed()).isEqualTo(new GateDecision.Blocked("unsubscribed in Marketo"));
    assertThat(result.gateForSubscribed()).isEqualTo(new GateDecision.Allowed());
    assertThat(result.smartGrid()).isNotEmpty();
  }
}
