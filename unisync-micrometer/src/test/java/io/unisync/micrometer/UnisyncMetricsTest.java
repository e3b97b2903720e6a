package io.unisync.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.unisync.core.domain.Activity;
import io.unisync.core.domain.ActivityId;
import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.Seller;
import io.unisync.core.engine.ObservedCallBudget;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.engine.SyncListener;
import io.unisync.core.engine.SyncReport;
import io.unisync.core.engine.SyncRunner;
import io.unisync.core.engine.TenantRunner;
import io.unisync.core.port.CallBudget;
import io.unisync.core.port.Destination;
import io.unisync.jdbc.JdbcDatabase;
import io.unisync.jdbc.Tenant;
import io.unisync.marketo.Marketo;
import io.unisync.marketo.MarketoSettings;
import io.unisync.testkit.InMemoryActivityOutbox;
import io.unisync.testkit.InMemoryLeases;
import io.unisync.testkit.InMemoryPersonSource;
import io.unisync.testkit.InMemoryPersonStore;
import io.unisync.testkit.ManualClock;
import io.unisync.testkit.RecordingActivitySink;
import io.unisync.testkit.sim.MarketoSimulator;
import io.unisync.testkit.sim.SyntheticPeople;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** Real runs against the Marketo simulator and an H2 database, read back through a {@link SimpleMeterRegistry}. */
class UnisyncMetricsTest {

  private static final Clock CLOCK = Clock.systemUTC();

  @Test
  void aRealRunShowsUpInEveryMeter() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:metrics-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    MeterRegistry registry = new SimpleMeterRegistry();
    UnisyncMetrics metrics = UnisyncMetrics.create(registry, "acme", CLOCK, Duration.ZERO);
    try (MarketoSimulator sim = MarketoSimulator.start(SyntheticPeople.of(600, 3), MarketoSimulator.Options.unlimited(), CLOCK)) {
      JdbcDatabase db = JdbcDatabase.create(ds, CLOCK);
      db.migrate();
      Tenant tenant = Tenant.of("acme");
      MarketoSettings settings = MarketoSettings.of(sim.baseUrl(), MarketoSimulator.CLIENT_ID, MarketoSimulator.CLIENT_SECRET)
          .withBulk(true, Instant.parse("2023-12-01T00:00:00Z"), Duration.ofDays(31), Duration.ZERO)
          .withCreateActivityTypes(true)
          .withRateLimit(100, Duration.ofSeconds(1), 10, 1.0);
      CallBudget budget = ObservedCallBudget.of(db.callBudget("marketo:sim", settings.callLimits()), "marketo", metrics, CLOCK);
      Marketo marketo = Marketo.connect(settings, CLOCK, budget);
      RecordingActivitySink salesforce = new RecordingActivitySink(Destination.SALESFORCE);
      SyncListener throwing = new SyncListener() {
        @Override
        public void onFinished(SyncReport report) {
          throw new IllegalStateException("a host listener with a bug");
        }
      };
      SyncEngine engine = SyncEngine.builder()
          .clock(CLOCK)
          .personSource(marketo.personSource())
          .personStore(db.personStore(tenant))
          .activityOutbox(db.activityOutbox(tenant))
          .activitySink(marketo.activitySink())
          .activitySink(salesforce)
          .unsubscribeStatus(marketo.unsubscribeStatus())
          .listener(SyncListener.all(throwing, metrics))
          .build();
      metrics.watch(engine).watchQuarantine(db.personStore(tenant)).watchBudget("marketo", marketo.callBudget());

      assertThat(registry.get("unisync.sync.lag").timeGauge().value()).isNaN(); // nothing known yet
      SyncReport initial = engine.syncPersons();
      long owned = sim.existingIds().stream().filter(id -> sim.lead(id).orElseThrow().containsKey("sfdcLeadOwnerId")).count();
      assertThat(engine.people().count()).isEqualTo(owned);
      long someone = engine.people().page(null, 1).get(0).id().value();
      sim.updateLead(someone, "title", "Head of Metrics");
      SyncReport incremental = engine.syncPersons();

      // the person sync: one timed pass per kind, records by result, the store gauge, the lag
      assertThat(registry.get("unisync.sync.passes").tag("tenant", "acme").tag("kind", "initial").timer().count()).isEqualTo(1);
      assertThat(registry.get("unisync.sync.passes").tag("kind", "incremental").timer().count()).isEqualTo(1);
      assertThat(registry.get("unisync.sync.records").tag("kind", "initial").tag("result", "upserted").counter().count())
          .isEqualTo(initial.upserted()).isEqualTo(owned);
      assertThat(registry.get("unisync.sync.records").tag("kind", "incremental").tag("result", "upserted").counter().count())
          .isEqualTo(incremental.upserted()).isEqualTo(1);
      assertThat(registry.get("unisync.people.stored").gauge().value()).isEqualTo(owned);
      assertThat(registry.get("unisync.people.quarantined").gauge().value()).isZero();
      assertThat(registry.get("unisync.sync.lag").timeGauge().value()).isBetween(0.0, 5.0);
      assertThat(registry.get("unisync.sync.last.success.age").timeGauge().value()).isBetween(0.0, 5.0);

      // delivery: delivered, retried and dead-lettered activities, and the backlog they leave
      // three people: the outbox delivers one person's activities in order, one at a time
      List<PersonId> three = engine.people().page(null, 3).stream().map(p -> p.id()).toList();
      PersonId person = three.get(0);
      List<Activity> sent = List.of(email("ok-1", three.get(0)), email("deferred-1", three.get(1)), email("rejected-1", three.get(2)));
      salesforce.defer(ActivityId.of("deferred-1"), 1).reject(ActivityId.of("rejected-1"), "FIELD_CUSTOM_VALIDATION_EXCEPTION");
      sent.forEach(engine.activities().orElseThrow()::record);
      engine.activities().orElseThrow().deliver();
      assertThat(registry.get("unisync.activities.delivered").tag("destination", "marketo").counter().count()).isEqualTo(3);
      assertThat(registry.get("unisync.activities.delivered").tag("destination", "salesforce").counter().count()).isEqualTo(1);
      assertThat(registry.get("unisync.activities.retries").tag("destination", "salesforce").counter().count()).isEqualTo(1);
      assertThat(registry.get("unisync.activities.dead.lettered").tag("destination", "salesforce").counter().count()).isEqualTo(1);
      assertThat(registry.get("unisync.activities.batches").tag("destination", "salesforce").tag("outcome", "some").timer().count())
          .isEqualTo(1);
      assertThat(backlog(registry, "salesforce", "pending")).isEqualTo(1);
      assertThat(backlog(registry, "salesforce", "dead")).isEqualTo(1);
      assertThat(backlog(registry, "marketo", "pending")).isZero();

      // the send gate
      engine.emailGate().orElseThrow().check(person);
      assertThat(registry.get("unisync.gate.checks").tag("status", "known").timer().count()).isEqualTo(1);

      // the API budget: every call admitted through the observed budget, the day's count from the database
      Timer granted = registry.get("unisync.api.admissions").tag("instance", "marketo").tag("outcome", "granted")
          .tag("priority", "background").timer();
      assertThat(granted.count()).isPositive();
      double used = registry.get("unisync.api.quota.used").tag("instance", "marketo").gauge().value();
      assertThat(used).isGreaterThanOrEqualTo(granted.count());
      assertThat(registry.get("unisync.api.quota.remaining").gauge().value()).isEqualTo(settings.callLimits().dailyQuota() - used);
      assertThat(registry.get("unisync.api.admissions").tag("priority", "interactive").timer().count()).isEqualTo(1); // the gate
    }
  }

  @Test
  void leasesAndFailuresAreCountedAndTheLeaseGaugeFollowsTheRunner() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-01-05T10:00:00Z"));
    MeterRegistry registry = new SimpleMeterRegistry();
    UnisyncMetrics metrics = UnisyncMetrics.create(registry, "acme", clock, Duration.ZERO);
    InMemoryPersonSource source = new InMemoryPersonSource(clock);
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    InMemoryLeases leases = new InMemoryLeases(clock);
    try {
      TenantRunner runner = TenantRunner.builder(
          TenantRunner.Settings.of("replica-1", SyncRunner.Schedule.builder().gracePeriod(Duration.ofSeconds(1)).build()))
          .leases(leases).tenants(Set.of("acme"))
          .engines((tenant, fence) -> SyncEngine.builder().clock(clock).personSource(source)
              .personStore(new InMemoryPersonStore(leases).fencedBy(fence)).listener(metrics).build())
          .executor(executor).clock(clock).create();
      assertThat(registry.get("unisync.lease.held").gauge().value()).isZero();
      runner.rebalance();
      assertThat(registry.get("unisync.lease.held").gauge().value()).isEqualTo(1);
      assertThat(registry.get("unisync.lease.epoch").gauge().value()).isEqualTo(1);
      runner.close();
      assertThat(registry.get("unisync.lease.held").gauge().value()).isZero();
      assertThat(registry.get("unisync.lease.changes").tag("change", "acquired").counter().count()).isEqualTo(1);
      assertThat(registry.get("unisync.lease.changes").tag("change", "released").counter().count()).isEqualTo(1);
    } finally {
      executor.shutdownNow();
    }

    // a failing delivery: the batch is timed as failed, its entries rescheduled
    RecordingActivitySink broken = new RecordingActivitySink(Destination.MARKETO);
    broken.faults().failNext(RecordingActivitySink.DELIVER, 1);
    SyncEngine engine = SyncEngine.builder().clock(clock).personSource(source).personStore(new InMemoryPersonStore())
        .activityOutbox(new InMemoryActivityOutbox()).activitySink(broken).listener(metrics).build();
    engine.activities().orElseThrow().record(email("a-1", PersonId.of(7)));
    engine.activities().orElseThrow().deliver();
    assertThat(registry.get("unisync.activities.batches").tag("outcome", "none").timer().count()).isEqualTo(1);
    assertThat(registry.get("unisync.activities.retries").tag("destination", "marketo").counter().count()).isEqualTo(1);
  }

  private static double backlog(MeterRegistry registry, String destination, String state) {
    return registry.get("unisync.activities.backlog").tag("destination", destination).tag("state", state).gauge().value();
  }

  private static Activity email(String id, PersonId person) {
    return new Activity.SendSalesEmail(ActivityId.of(id), person, Instant.parse("2026-01-05T09:00:00Z"), Seller.of("seller-1"),
        "Hello", null);
  }
}
