package io.unisync.marketo;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.SourceFields;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.engine.SyncOptions;
import io.unisync.core.engine.SyncReport;
import io.unisync.testkit.ExpectedPeople;
import io.unisync.testkit.InMemoryPersonStore;
import io.unisync.testkit.ManualClock;
import io.unisync.testkit.sim.MarketoSimulator;
import io.unisync.testkit.sim.SyntheticPeople;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine, the Marketo adapters against the simulator, and the in-memory store: 100,000 people. */
class MarketoEndToEndTest {

  static final int PEOPLE = 100_000;

  @Test
  void oneHundredThousandPeopleSyncThenEditsOwnerRemovalsDeletesAndMergesFollow() {
    ManualClock clock = new ManualClock(Instant.parse("2026-03-01T00:00:00Z"));
    SyntheticPeople population = SyntheticPeople.of(PEOPLE, 11);
    try (MarketoSimulator sim = MarketoSimulator.start(population, MarketoSimulator.Options.unlimited(), clock)) {
      Marketo marketo = Simulators.connect(sim, clock, Instant.parse("2023-12-01T00:00:00Z"));
      InMemoryPersonStore store = new InMemoryPersonStore();
      SyncEngine engine = SyncEngine.builder().personSource(marketo.personSource()).personStore(store).clock(clock)
          .options(SyncOptions.defaults().withSnapshotPageSize(1_000)).build();

      SyncReport initial = engine.initialSync();

      assertThat(initial.read()).isEqualTo(PEOPLE);
      assertThat(initial.rejected()).isZero();
      assertThat(ExpectedPeople.storedIn(store)).isEqualTo(ExpectedPeople.eligibleIn(sim, SourceFields.standard()));
      assertThat(store.count()).isBetween(75_000L, 85_000L); // about 20% have no owner

      clock.advance(Duration.ofMinutes(1));
      long owned = firstWithOwner(population, 10);
      long unowned = firstWithoutOwner(population);
      sim.updateLead(owned, "title", "Chief Revenue Officer");
      sim.updateLead(owned + 1 == unowned ? owned + 2 : owned + 1, "sfdcLeadOwnerId", null);
      sim.updateLead(unowned, "sfdcLeadOwnerId", "005000000000077AAA");
      sim.updateLead(firstWithOwner(population, 200), "leadScore", "99"); // not a synced field
      sim.deleteLead(firstWithOwner(population, 300));
      sim.mergeLeads(firstWithOwner(population, 400), firstWithOwner(population, 500));
      long created = sim.createLead(Map.of("firstName", "New", "lastName", "Person", "email", "new@example.com",
          "sfdcLeadOwnerId", "005000000000001AAA"));
      clock.advance(Duration.ofSeconds(5));

      SyncReport changes;
      do {
        changes = engine.syncChanges();
      } while (!changes.complete());

      assertThat(ExpectedPeople.storedIn(store)).isEqualTo(ExpectedPeople.eligibleIn(sim, SourceFields.standard()));
      assertThat(store.findById(PersonId.of(owned)).orElseThrow().person().title()).isEqualTo("Chief Revenue Officer");
      assertThat(store.findById(PersonId.of(unowned))).isPresent();
      assertThat(store.findById(PersonId.of(created))).isPresent();
      assertThat(store.findById(PersonId.of(firstWithOwner(population, 300)))).isEmpty();
      assertThat(store.findById(PersonId.of(firstWithOwner(population, 500)))).isEmpty();
    }
  }

  private static long firstWithOwner(SyntheticPeople population, long from) {
    long id = from;
    while (!population.hasOwner(id)) {
      id++;
    }
    return id;
  }

  private static long firstWithoutOwner(SyntheticPeople population) {
    long id = 1;
    while (population.hasOwner(id)) {
      id++;
    }
    return id;
  }
}
