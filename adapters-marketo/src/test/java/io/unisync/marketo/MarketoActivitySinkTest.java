package io.unisync.marketo;

import io.unisync.core.domain.ActivityId;
import io.unisync.core.port.ActivitySink;
import io.unisync.testkit.ManualClock;
import io.unisync.testkit.contract.ActivitySinkContract;
import io.unisync.testkit.sim.MarketoSimulator;
import io.unisync.testkit.sim.SyntheticPeople;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

class MarketoActivitySinkTest extends ActivitySinkContract {

  private MarketoSimulator sim;

  @Override
  protected Fixture newFixture() {
    ManualClock clock = ManualClock.startingAtEpochOf2026();
    sim = MarketoSimulator.start(SyntheticPeople.of(100, 3), MarketoSimulator.Options.unlimited(), clock);
    MarketoActivitySink sink = Simulators.connect(sim, clock, clock.instant().minus(Duration.ofDays(40))).activitySink();
    return new Fixture() {
      @Override
      public ActivitySink sink() {
        return sink;
      }

      @Override
      public int copiesOf(ActivityId id) {
        return (int) sim.externalActivities().stream()
            .filter(a -> id.value().equals(a.get(MarketoActivitySink.ACTIVITY_ID_ATTRIBUTE))).count();
      }
    };
  }

  @AfterEach
  void stop() {
    sim.close();
  }
}
