package io.unisync.marketo;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.SourceFields;
import io.unisync.core.engine.ReconcileReport;
import io.unisync.core.engine.Reconciliation;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.engine.SyncListener;
import io.unisync.core.engine.SyncOptions;
import io.unisync.testkit.ExpectedPeople;
import io.unisync.testkit.InMemoryPersonStore;
import io.unisync.testkit.InMemoryWatermarkStore;
import io.unisync.testkit.ManualClock;
import io.unisync.testkit.sim.MarketoSimulator;
import io.unisync.testkit.sim.SyntheticPeople;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Marketo forgets: Delete Lead activities after 14 days, Change Data Value after 90 (the simulator's retention model).
 * A tenant paused longer than that resumes, notices the breach from its stored position, and reconciles until the store
 * equals Marketo's eligible people again; a feed that loses 5% of its entries is repaired by one reconciliation.
 */
class MarketoReconciliationTest {

  static final int PEOPLE = 2_000;
  static final String OWNER = "005000000000001AAA";
  static final SourceFields FIELDS = SourceFields.standard();

  final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T00:00:00Z"));
  final SyntheticPeople population = SyntheticPeople.of(PEOPLE, 5);
  final List<ReconcileReport> reports = new ArrayList<>();
  MarketoSimulator sim;
  InMemoryPersonStore store;
  InMemoryWatermarkStore marks;
  SyncEngine engine;

  @BeforeEach
  void start() {
    sim = MarketoSimulator.start(population, MarketoSimulator.Options.unlimited(), clock)
        .withRetention(MarketoFeeds.DEFAULT_DELETION_RETENTION, MarketoFeeds.DEFAULT_CHANGE_RETENTION);
    Marketo marketo = Simulators.connect(sim, clock, Instant.parse("2023-12-01T00:00:00Z"));
    store = new InMemoryPersonStore();
    marks = new InMemoryWatermarkStore();
    engine = SyncEngine.builder().personSource(marketo.personSource()).personStore(store).watermarkStore(marks).clock(clock)
        .options(SyncOptions.defaults().withSnapshotPageSize(500))
        .listener(new SyncListener() {
          @Override
          public void onReconciled(ReconcileReport report) {
            reports.add(report);
          }
        }).build();
    engine.syncPersons();
    clock.advance(Duration.ofMinutes(1));
    engine.syncPersons();
    assertThat(ExpectedPeople.storedIn(store)).isEqualTo(ExpectedPeople.eligibleIn(sim, FIELDS));
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  /** Deletes 5 people, takes the owner of 5, renames 5 and creates 2 with an owner. */
  void changeWhilePaused() {
    List<Long> owned = new ArrayList<>();
    for (long id = 1; owned.size() < 15; id++) {
      if (population.hasOwner(id)) {
        owned.add(id);
      }
    }
    for (int i = 0; i < 15; i++) {
      clock.advance(Duration.ofSeconds(30));
      long id = owned.get(i);
      if (i < 5) {
        sim.deleteLead(id);
      } else if (i < 10) {
        sim.updateLead(id, "sfdcLeadOwnerId", null);
      } else {
        sim.updateLead(id, "lastName", "Renamed-" + id);
      }
    }
    sim.createLead(Map.of("firstName", "New", "lastName", "One", "email", "new1@example.com", "sfdcLeadOwnerId", OWNER));
    sim.createLead(Map.of("firstName", "New", "lastName", "Two", "email", "new2@example.com", "sfdcLeadOwnerId", OWNER));
  }

  void syncUntilSettled() {
    for (int pass = 0; pass < 40 && (engine.reconciliation().owed().isPresent() || pass < 3); pass++) {
      clock.advance(Duration.ofSeconds(10));
      engine.syncPersons();
    }
    assertThat(engine.reconciliation().owed()).as("the reconciliation finished").isEmpty();
  }

  @Test
  void aTwentyDayPauseEndsWithTheStoreEqualToMarketosEligiblePeople() {
    changeWhilePaused();
    clock.advance(Duration.ofDays(20)); // Marketo has purged the Delete Lead activities by now

    syncUntilSettled();

    assertThat(ExpectedPeople.storedIn(store)).isEqualTo(ExpectedPeople.eligibleIn(sim, FIELDS));
    assertThat(reports.stream().mapToLong(ReconcileReport::extra).sum()).as("the deleted people no feed mentions").isGreaterThanOrEqualTo(5);
  }

  @Test
  void aHundredDayPauseFindsWhoGainedAnOwnerThroughTheCensus() {
    long unowned = 1;
    while (population.hasOwner(unowned)) {
      unowned++;
    }
    changeWhilePaused();
    clock.advance(Duration.ofSeconds(30));
    sim.updateLead(unowned, "sfdcLeadOwnerId", OWNER);
    clock.advance(Duration.ofDays(100)); // the Change Data Value activities are purged too

    syncUntilSettled();

    assertThat(ExpectedPeople.storedIn(store)).isEqualTo(ExpectedPeople.eligibleIn(sim, FIELDS)).containsKey(PersonId.of(unowned));
    assertThat(reports.stream().mapToLong(ReconcileReport::missing).sum()).isGreaterThanOrEqualTo(1);
    assertThat(sim.exportJobs()).as("the census exports the id and the owner alone")
        .anySatisfy(job -> assertThat(job.fields()).containsExactly("id", FIELDS.ownerField()));
  }

  @Test
  void feedsThatLoseFivePercentOfTheirEntriesAreRepairedByOneReconciliation() {
    sim.withLossyFeeds(0.05, 11);
    long id = 1;
    for (int change = 0; change < 10_000; change++) { // the 10,000 changes, a twentieth of them lost
      clock.advance(Duration.ofMillis(200));
      id = id % PEOPLE + 1;
      if (sim.lead(id).isEmpty()) {
        continue;
      }
      if (change % 50 == 49) {
        sim.deleteLead(id);
      } else if (change % 50 == 24) {
        sim.updateLead(id, "sfdcLeadOwnerId", population.hasOwner(id) ? null : OWNER);
      } else {
        sim.updateLead(id, "lastName", "Change-" + change);
      }
      if (change % 1_000 == 0) {
        engine.syncPersons();
      }
    }
    for (int pass = 0; pass < 5; pass++) {
      clock.advance(Duration.ofSeconds(10));
      engine.syncPersons();
    }
    assertThat(ExpectedPeople.storedIn(store)).as("the lost entries left drift").isNotEqualTo(ExpectedPeople.eligibleIn(sim, FIELDS));

    ReconcileReport dry = null;
    for (int pass = 0; pass < 20 && (dry == null || !dry.complete()); pass++) {
      dry = engine.reconciliation().run(Reconciliation.Mode.DRY_RUN);
    }
    assertThat(ExpectedPeople.storedIn(store)).as("a dry run writes nothing").isNotEqualTo(ExpectedPeople.eligibleIn(sim, FIELDS));

    engine.reconciliation().start("on demand", true);
    ReconcileReport last = null;
    for (int pass = 0; pass < 20 && (last == null || !last.complete()); pass++) {
      last = engine.reconciliation().run(Reconciliation.Mode.REPAIR);
    }

    assertThat(last).isNotNull();
    assertThat(last.complete()).isTrue();
    assertThat(ExpectedPeople.storedIn(store)).isEqualTo(ExpectedPeople.eligibleIn(sim, FIELDS));
    assertThat(reports.stream().filter(r -> r.mode() == Reconciliation.Mode.DRY_RUN).mapToLong(ReconcileReport::drift).sum())
        .as("the dry run saw the drift").isPositive();
  }

  @Test
  void aReconciliationRunningWhileMarketoChangesTwentyPeopleASecondLosesNoChange() throws Exception {
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.atomic.AtomicInteger made = new java.util.concurrent.atomic.AtomicInteger();
    Thread changer = new Thread(() -> {
      long id = 1;
      while (!stop.get()) {
        id = id % PEOPLE + 1;
        int n = made.get();
        if (sim.lead(id).isPresent()) {
          if (n % 40 == 39) {
            sim.deleteLead(id);
          } else if (n % 40 == 19) {
            sim.updateLead(id, "sfdcLeadOwnerId", population.hasOwner(id) && n % 80 == 19 ? null : OWNER);
          } else {
            sim.updateLead(id, "lastName", "Live-" + n);
          }
          made.incrementAndGet();
        }
        try {
          Thread.sleep(50); // about 20 changes a second
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "marketo-changes");
    changer.start();
    try {
      engine.reconciliation().start("while Marketo changes", true);
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
      while ((engine.reconciliation().owed().isPresent() || made.get() < 40) && System.nanoTime() < deadline) {
        clock.advance(Duration.ofSeconds(1));
        engine.syncPersons(); // a reconciliation pass, then an incremental one, while the changes go on
      }
    } finally {
      stop.set(true);
      changer.join(10_000);
    }
    assertThat(engine.reconciliation().owed()).isEmpty();
    assertThat(made.get()).as("changes made while it ran").isGreaterThanOrEqualTo(40);

    clock.advance(Duration.ofSeconds(5)); // the feed's second precision
    for (int pass = 0; pass < 10; pass++) {
      clock.advance(Duration.ofSeconds(1));
      engine.syncPersons();
    }

    assertThat(ExpectedPeople.storedIn(store)).isEqualTo(ExpectedPeople.eligibleIn(sim, FIELDS));
  }
}
