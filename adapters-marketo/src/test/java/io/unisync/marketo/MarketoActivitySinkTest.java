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

  /** A process that died between creating a type and approving it leaves a draft; the next one finishes it. */
  @org.junit.jupiter.api.Test
  void aTypeLeftInDraftByADeadProcessIsFinishedByTheNext() {
    ManualClock clock = ManualClock.startingAtEpochOf2026();
    sim = MarketoSimulator.start(SyntheticPeople.of(100, 3), MarketoSimulator.Options.unlimited(), clock);
    for (int i = 0; i < 5; i++) { // more than the retries: the first process never gets its approval through
      sim.failNext("/approve.json", io.unisync.testkit.sim.MarketoFault.HTTP_500);
    }
    MarketoActivitySink first = Simulators.connect(sim, clock, clock.instant().minus(Duration.ofDays(40))).activitySink();
    org.assertj.core.api.Assertions.assertThatThrownBy(first::verify).isInstanceOf(io.unisync.core.error.SyncException.class);

    MarketoActivitySink next = Simulators.connect(sim, clock, clock.instant().minus(Duration.ofDays(40))).activitySink();
    next.verify();

    org.assertj.core.api.Assertions.assertThat(next.deliver(java.util.List.of(io.unisync.testkit.SampleActivities.activity(1, 5, clock.instant()))))
        .singleElement().isInstanceOf(io.unisync.core.port.DeliveryOutcome.Delivered.class);
  }
}
