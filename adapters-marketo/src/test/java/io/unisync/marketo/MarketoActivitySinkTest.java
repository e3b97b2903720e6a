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

  /**
   * Activity reads name attributes by their display name, which an admin may change in Marketo's UI: the read-back of an
   * in-doubt batch still finds our activity ids, so the retried batch is not written twice.
   */
  @org.junit.jupiter.api.Test
  void anInDoubtBatchIsFoundAgainAfterAnAdminRenamedTheIdAttribute() {
    ManualClock clock = ManualClock.startingAtEpochOf2026();
    sim = MarketoSimulator.start(SyntheticPeople.of(100, 3), MarketoSimulator.Options.unlimited(), clock);
    MarketoActivitySink first = Simulators.connect(sim, clock, clock.instant().minus(Duration.ofDays(40))).activitySink();
    java.util.List<io.unisync.core.domain.Activity> batch = java.util.List.of(
        io.unisync.testkit.SampleActivities.activity(1, 5, clock.instant()), io.unisync.testkit.SampleActivities.activity(2, 6, clock.instant()));
    first.deliver(batch);
    for (io.unisync.core.domain.ActivityKind kind : io.unisync.core.domain.ActivityKind.values()) {
      sim.renameAttribute(Simulators.settings(sim, clock.instant()).activityTypes().apiNames().get(kind), MarketoActivitySink.ACTIVITY_ID_ATTRIBUTE, "Unisync Activity ID");
    }

    // a new process retries the batch it cannot know was delivered
    MarketoActivitySink next = Simulators.connect(sim, clock, clock.instant().minus(Duration.ofDays(40))).activitySink();
    java.util.List<io.unisync.core.port.DeliveryOutcome> outcomes = next.deliver(batch,
        java.util.Set.of(batch.get(0).id(), batch.get(1).id()));

    org.assertj.core.api.Assertions.assertThat(outcomes).allSatisfy(o ->
        org.assertj.core.api.Assertions.assertThat(o).isInstanceOf(io.unisync.core.port.DeliveryOutcome.Delivered.class));
    org.assertj.core.api.Assertions.assertThat(sim.externalActivities()).as("each activity once").hasSize(2);
  }
}
