package io.unisync.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.engine.GateDecision;
import io.unisync.core.engine.OptOutReport;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.port.Suppression;
import io.unisync.testkit.InMemoryPersonSource;
import io.unisync.testkit.InMemorySuppressionStore;
import io.unisync.testkit.InMemoryUnsubscribeStatus;
import io.unisync.testkit.InMemoryWatermarkStore;
import io.unisync.testkit.sim.SalesforceSimulator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Unsubscribes both ways between the Actions suppression list and Salesforce; nothing to Marketo. */
class OptOutTwoWayTest {

  @Test
  void anOptOutInSalesforceBlocksTheSendGateAndAnActionsUnsubscribeSetsTheFlagWithoutEcho() throws Exception {
    try (SalesforceFixture world = new SalesforceFixture(5, null, 100_000)) {
      Salesforce salesforce = Salesforce.connect(world.clientCredentials());
      InMemorySuppressionStore suppressions = new InMemorySuppressionStore();
      InMemoryUnsubscribeStatus marketo = new InMemoryUnsubscribeStatus();
      SyncEngine engine = SyncEngine.builder().personSource(new InMemoryPersonSource(world.clock)).personStore(world.people)
          .clock(world.clock).unsubscribeStatus(marketo).suppressionStore(suppressions)
          .crmOptOuts(salesforce.crmOptOuts()).watermarkStore(new InMemoryWatermarkStore()).build();
      engine.optOuts().orElseThrow().sync(); // first pass: nobody is opted out yet

      // 1. a seller's colleague ticks "Email Opt Out" on the contact in Salesforce
      Thread.sleep(5);
      world.sim.update("Contact", world.contactIds.get(0), Map.of("HasOptedOutOfEmail", true), SalesforceFixture.SALES_USER);
      OptOutReport pulled = engine.optOuts().orElseThrow().sync();

      assertThat(pulled.suppressedFromCrm()).isEqualTo(1);
      assertThat(engine.emailGate().orElseThrow().check(SalesforceFixture.id(1))).isEqualTo(new GateDecision.Blocked("opted out of e-mail in the CRM"));
      assertThat(engine.emailGate().orElseThrow().check(SalesforceFixture.id(2))).isEqualTo(new GateDecision.Allowed());

      // 2. person 2 unsubscribes in Actions: blocked at once, flag set in Salesforce on the next pass
      engine.optOuts().orElseThrow().unsubscribe(SalesforceFixture.id(2), "replied 'please stop'");
      assertThat(engine.emailGate().orElseThrow().check(SalesforceFixture.id(2)).allowed()).isFalse();
      OptOutReport pushed = engine.optOuts().orElseThrow().sync();

      assertThat(pushed.pushed()).isEqualTo(1);
      assertThat(world.sim.find("Contact", world.contactIds.get(1)).orElseThrow())
          .containsEntry("HasOptedOutOfEmail", true).containsEntry("LastModifiedById", SalesforceSimulator.INTEGRATION_USER_ID);
      // our own write comes back through the feed and is recognised: no echo, the origin stays Actions
      OptOutReport again = engine.optOuts().orElseThrow().sync();
      assertThat(again).isEqualTo(new OptOutReport(0, 0, 0));
      assertThat(suppressions.find(SalesforceFixture.id(2)).orElseThrow().origin()).isEqualTo(Suppression.Origin.ACTIONS);
      assertThat(marketo.unsubscribed(java.util.List.of(SalesforceFixture.id(2)))).as("Marketo is never told")
          .containsEntry(SalesforceFixture.id(2), false);

      // 3. the contact opts back in, in Salesforce: the CRM-originated suppression is lifted
      Thread.sleep(5);
      world.sim.update("Contact", world.contactIds.get(0), Map.of("HasOptedOutOfEmail", false), SalesforceFixture.SALES_USER);
      assertThat(engine.optOuts().orElseThrow().sync().liftedFromCrm()).isEqualTo(1);
      assertThat(engine.emailGate().orElseThrow().check(SalesforceFixture.id(1))).isEqualTo(new GateDecision.Allowed());
    }
  }

  /** A record Salesforce refuses for good (a converted Lead) is reported with the reason, not only logged, and not retried. */
  @Test
  void aPermanentRefusalIsReportedWithItsReasonAndThePersonStaysSuppressed() {
    try (SalesforceFixture world = new SalesforceFixture(2, null, 100_000)) {
      String converted = world.sim.insert("Lead", Map.of("LastName", "Was a lead", "IsConverted", true), SalesforceFixture.SALES_USER);
      world.addPerson(9, null, converted);
      Salesforce salesforce = Salesforce.connect(world.clientCredentials());
      InMemorySuppressionStore suppressions = new InMemorySuppressionStore();
      SyncEngine engine = SyncEngine.builder().personSource(new InMemoryPersonSource(world.clock)).personStore(world.people)
          .clock(world.clock).unsubscribeStatus(new InMemoryUnsubscribeStatus()).suppressionStore(suppressions)
          .crmOptOuts(salesforce.crmOptOuts()).watermarkStore(new InMemoryWatermarkStore()).build();

      engine.optOuts().orElseThrow().unsubscribe(SalesforceFixture.id(9), "asked to stop");
      OptOutReport report = engine.optOuts().orElseThrow().sync();

      assertThat(report.refused()).singleElement().satisfies(r -> {
        assertThat(r.crmId()).isEqualTo(converted);
        assertThat(r.reason()).startsWith("CANNOT_UPDATE_CONVERTED_LEAD");
      });
      assertThat(engine.emailGate().orElseThrow().check(SalesforceFixture.id(9)).allowed()).as("still suppressed in Actions").isFalse();
      assertThat(engine.optOuts().orElseThrow().sync().refused()).as("not pushed again").isEmpty();
    }
  }
}
