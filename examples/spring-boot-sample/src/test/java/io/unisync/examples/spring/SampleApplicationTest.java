package io.unisync.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.Seller;
import io.unisync.core.domain.SourceFields;
import io.unisync.core.engine.GateDecision;
import io.unisync.jdbc.JdbcDatabase;
import io.unisync.jdbc.Tenant;
import io.unisync.spring.UnisyncHealthIndicator;
import io.unisync.testkit.ExpectedPeople;
import io.unisync.testkit.sim.MarketoSimulator;
import io.unisync.testkit.sim.SyntheticPeople;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sample service started as a whole against the Marketo simulator and its embedded H2 database. */
@SpringBootTest
class SampleApplicationTest {

  private static final MarketoSimulator MARKETO =
      MarketoSimulator.start(SyntheticPeople.of(400, 21), MarketoSimulator.Options.unlimited(), Clock.systemUTC());

  @DynamicPropertySource
  static void marketo(DynamicPropertyRegistry properties) {
    properties.add("unisync.marketo.base-url", () -> MARKETO.baseUrl().toString());
    properties.add("unisync.marketo.client-id", () -> MarketoSimulator.CLIENT_ID);
    properties.add("unisync.marketo.client-secret", () -> MarketoSimulator.CLIENT_SECRET);
    properties.add("unisync.marketo.snapshot-start", () -> "2023-12-01T00:00:00Z");
    properties.add("unisync.marketo.bulk-poll", () -> "PT0.05S");
    properties.add("unisync.marketo.calls-per-window", () -> "100000"); // the simulator does not enforce the limit; its 20 s wait is not what this is about
    properties.add("unisync.marketo.create-activity-types", () -> "true");
    properties.add("unisync.schedule.person-sync", () -> "PT0.2S");
    properties.add("unisync.schedule.delivery", () -> "PT0.2S");
    properties.add("unisync.shutdown-timeout", () -> "PT5S");
  }

  /** Closes the simulator with the context, after the runner has stopped (lifecycle stops come before bean destruction). */
  @TestConfiguration
  static class CloseMarketoWithTheContext {
    @Bean
    DisposableBean marketoSimulator() {
      return MARKETO::close;
    }
  }

  @Autowired
  JdbcDatabase db;

  @Autowired
  Outreach outreach;

  @Autowired
  UnisyncHealthIndicator health;

  @Autowired
  MeterRegistry registry;

  @Test
  void theServiceSyncsMarketosEligiblePeopleAndDeliversWhatItRecords() throws InterruptedException {
    var expected = ExpectedPeople.eligibleIn(MARKETO, SourceFields.standard());
    var store = db.personStore(Tenant.of("sample"));
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!ExpectedPeople.storedIn(store).equals(expected) && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(ExpectedPeople.storedIn(store)).isEqualTo(expected);

    PersonId someone = expected.keySet().iterator().next();
    GateDecision decision = outreach.email("sample-email-1", someone, Seller.of("seller-1"), "Hello from the sample");
    boolean unsubscribed = Boolean.parseBoolean(MARKETO.lead(someone.value()).orElseThrow().get("unsubscribed"));
    assertThat(decision.allowed()).isEqualTo(!unsubscribed);
    if (decision.allowed()) {
      while (MARKETO.externalActivities().stream().noneMatch(a -> "sample-email-1".equals(a.get("unisyncActivityId")))
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(MARKETO.externalActivities()).anySatisfy(a -> assertThat(a).containsEntry("unisyncActivityId", "sample-email-1"));
    }

    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    assertThat(registry.get("unisync.gate.checks").tag("tenant", "sample").timer().count()).isEqualTo(1);
  }
}
