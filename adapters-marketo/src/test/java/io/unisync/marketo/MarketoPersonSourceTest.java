package io.unisync.marketo;


import io.unisync.core.port.PersonSource;
import io.unisync.testkit.ManualClock;
import io.unisync.testkit.contract.PersonSourceContract;
import io.unisync.testkit.sim.MarketoSimulator;
import io.unisync.testkit.sim.SyntheticPeople;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

class MarketoPersonSourceTest extends PersonSourceContract {

  private MarketoSimulator sim;

  @Override
  protected Fixture newFixture() {
    ManualClock clock = ManualClock.startingAtEpochOf2026();
    sim = MarketoSimulator.start(SyntheticPeople.of(0, 1), MarketoSimulator.Options.unlimited(), clock);
    MarketoPersonSource source = Marketo.connect(settings(sim, clock.instant().minus(Duration.ofDays(40))), clock).personSource();
    return new Fixture() {
      @Override
      public PersonSource source() {
        return source;
      }

      @Override
      public void create(long id, Map<String, String> values) {
        sim.createLead(id, values);
      }

      @Override
      public void update(long id, String field, String value) {
        sim.updateLead(id, field, value);
      }

      @Override
      public void delete(long id) {
        sim.deleteLead(id);
      }

      @Override
      public void merge(long winner, long loser) {
        sim.mergeLeads(winner, loser);
      }

      @Override
      public void settle() {
        clock.advance(Duration.ofSeconds(2)); // Marketo's feed and exports work in whole seconds
      }
    };
  }

  /** The settings under test: bulk export here, REST paging in the subclass. */
  MarketoSettings settings(MarketoSimulator sim, Instant snapshotStart) {
    return Simulators.settings(sim, snapshotStart);
  }

  @AfterEach
  void stop() {
    sim.close();
  }
}
