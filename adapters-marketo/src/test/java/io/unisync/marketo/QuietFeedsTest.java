package io.unisync.marketo;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.port.ChangeBatch;
import io.unisync.core.port.PersonChange;
import io.unisync.core.port.SourcePosition;
import io.unisync.testkit.ManualClock;
import io.unisync.testkit.sim.MarketoSimulator;
import io.unisync.testkit.sim.SyntheticPeople;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Marketo's daily call quota is shared with every integration of the instance: while nothing changes, an incremental
 * batch reads one of the three change feeds in turn (one call, not three); as soon as one finds a change, every batch
 * reads all three again.
 */
class QuietFeedsTest {

  @Test
  void aQuietBatchCostsOneCallAndAChangeBringsBackEveryFeed() {
    ManualClock clock = ManualClock.startingAtEpochOf2026();
    try (MarketoSimulator sim = MarketoSimulator.start(SyntheticPeople.of(50, 2), MarketoSimulator.Options.unlimited(), clock)) {
      MarketoPersonSource source = Simulators.connect(sim, clock, clock.instant().minus(Duration.ofDays(400))).personSource();
      SourcePosition position = source.currentPosition();
      position = source.readChanges(position, 300).next(); // every feed once: their tokens are stored

      long before = sim.calls();
      for (int batch = 0; batch < 6; batch++) {
        position = source.readChanges(position, 300).next();
      }
      assertThat(sim.calls() - before).as("calls for 6 quiet batches").isEqualTo(6);

      sim.deleteLead(7); // only the deletions feed shows it: found within three batches
      boolean seen = false;
      for (int batch = 0; batch < 3 && !seen; batch++) {
        ChangeBatch read = source.readChanges(position, 300);
        seen = read.changes().stream().anyMatch(c -> c instanceof PersonChange.Deleted);
        position = read.next();
      }
      assertThat(seen).as("the deletion, within three quiet batches").isTrue();

      long afterChange = sim.calls();
      source.readChanges(position, 300);
      assertThat(sim.calls() - afterChange).as("after a change, every feed again").isEqualTo(3);
    }
  }

  @Test
  void withoutRotationEveryBatchReadsEveryFeed() {
    ManualClock clock = ManualClock.startingAtEpochOf2026();
    try (MarketoSimulator sim = MarketoSimulator.start(SyntheticPeople.of(50, 2), MarketoSimulator.Options.unlimited(), clock)) {
      MarketoPersonSource source = Marketo.connect(Simulators.settings(sim, clock.instant().minus(Duration.ofDays(400)))
          .withLimits(MarketoLimits.defaults().withQuietFeedRotation(false)), clock).personSource();
      SourcePosition position = source.readChanges(source.currentPosition(), 300).next();

      long before = sim.calls();
      for (int batch = 0; batch < 4; batch++) {
        position = source.readChanges(position, 300).next();
      }
      assertThat(sim.calls() - before).isEqualTo(12);
    }
  }
}
