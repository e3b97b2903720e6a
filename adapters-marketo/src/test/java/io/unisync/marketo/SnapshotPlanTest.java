package io.unisync.marketo;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.engine.SyncEngine;
import io.unisync.core.engine.SyncListener;
import io.unisync.core.engine.SyncProgress;
import io.unisync.core.port.SnapshotPlan;
import io.unisync.core.port.SnapshotPosition;
import io.unisync.marketo.BulkExportReattachTest.SteppingClock;
import io.unisync.testkit.InMemoryPersonStore;
import io.unisync.testkit.sim.ExportModel;
import io.unisync.testkit.sim.MarketoSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bulk snapshot's plan (windows done and left, an ETA) reaches the listener with every commit, and status can read a position. */
class SnapshotPlanTest {

  @Test
  void everyCommitCarriesThePlanWindowsLeftFallToZeroAndAnEtaAppearsOnceThereIsAPace() {
    SteppingClock clock = new SteppingClock(Instant.parse("2026-11-30T12:00:00Z"));
    ExportModel model = ExportModel.marketo().withQueueWait(Duration.ofSeconds(5)).withRowsPerSecond(20);
    try (MarketoSimulator sim = MarketoSimulator.start(BulkExportReattachTest.SPREAD, MarketoSimulator.Options.unlimited().withExportModel(model),
        clock)) {
      List<SyncProgress> heard = new ArrayList<>();
      SyncEngine engine = SyncEngine.builder().clock(clock)
          .personSource(Marketo.connect(Simulators.settings(sim, BulkExportReattachTest.SPREAD_START)
              .withLimits(MarketoLimits.defaults().withMaxExportPolls(10_000)), clock).personSource())
          .personStore(new InMemoryPersonStore())
          .listener(new SyncListener() {
            @Override
            public void onProgress(SyncProgress progress) {
              heard.add(progress);
            }
          })
          .build();

      engine.initialSync();

      List<SnapshotPlan> plans = heard.stream().map(p -> p.plan().orElseThrow()).toList();
      assertThat(plans.get(0).partsLeft()).as("windows left at the start").isBetween(5, 6);
      assertThat(plans).extracting(SnapshotPlan::partsLeft).as("never growing").isSortedAccordingTo((a, b) -> Integer.compare(b, a));
      assertThat(plans.get(plans.size() - 1).partsLeft()).isZero();
      assertThat(plans.get(plans.size() - 1).partsDone()).isBetween(5, 6);
      assertThat(plans.get(0).eta()).as("no pace before the first window is done").isEmpty();
      assertThat(heard).filteredOn(p -> p.plan().orElseThrow().partsDone() > 0 && p.plan().orElseThrow().partsLeft() > 0)
          .isNotEmpty().allSatisfy(p -> assertThat(p.eta()).get().matches(d -> d.compareTo(Duration.ZERO) > 0));
      assertThat(plans.get(1).summary()).contains("window(s) left").contains("export window from 2026-06-");
    }
  }

  @Test
  void aStoredPositionIsDescribedForStatusWithoutAskingMarketo() {
    SnapshotPosition position = new SnapshotPosition("bulk|" + Instant.parse("2026-09-01T00:00:00Z").getEpochSecond() + "|E7|1200|"
        + Instant.parse("2026-10-02T00:00:00Z").getEpochSecond() + "=E8," + Instant.parse("2026-11-02T00:00:00Z").getEpochSecond() + "=E9");

    assertThat(MarketoPersonSource.describe(position, Instant.parse("2026-11-30T12:00:00Z"), Duration.ofDays(31))).hasValue(
        "bulk export window from 2026-09-01 (31 days), 3 window(s) left, export E7, 1200 row(s) of it applied, 2 export(s) started ahead");
    assertThat(MarketoPersonSource.describe(new SnapshotPosition("rest|301"), Instant.now(), Duration.ofDays(31))).isEmpty();
  }

  @Test
  void withoutAPlanTheEtaComesFromTheEstimatedTotalAtTheRateSoFar() {
    SyncProgress halfway = new SyncProgress(io.unisync.core.engine.SyncKind.INITIAL, 500, 400, 0, 0, 5, Duration.ofSeconds(10),
        java.util.OptionalLong.of(1_500));
    assertThat(halfway.eta()).hasValue(Duration.ofSeconds(20));
    assertThat(new SyncProgress(io.unisync.core.engine.SyncKind.INITIAL, 500, 400, 0, 0, 5, Duration.ofSeconds(10),
        java.util.OptionalLong.empty()).eta()).isEmpty();
  }
}
