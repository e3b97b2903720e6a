package io.unisync.marketo;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.domain.SourceRecord;
import io.unisync.core.port.SnapshotPage;
import io.unisync.core.port.SnapshotPosition;
import io.unisync.testkit.sim.ExportModel;
import io.unisync.testkit.sim.MarketoSimulator;
import io.unisync.testkit.sim.SyntheticPeople;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A process that dies after creating a bulk export must not leave it orphaned in Marketo's queue (10 jobs at most):
 * the export's id is part of the position committed before anything waits on it, so the next process finds the
 * export again, whether it is still only created, queued, processing or completed, and creates no other.
 */
class BulkExportReattachTest {

  /** 500 people, one a minute from 2026-11-20: one 31-day window. */
  static final SyntheticPeople PEOPLE = new SyntheticPeople(500, 9, Instant.parse("2026-11-20T00:00:00Z"), Duration.ofMinutes(1));

  @Test
  void aRestartFindsTheExportItCreatedInsteadOfCreatingAnother() {
    SteppingClock clock = new SteppingClock(Instant.parse("2026-11-30T12:00:00Z"));
    ExportModel model = ExportModel.marketo().withQueueWait(Duration.ofSeconds(20)).withRowsPerSecond(50);
    try (MarketoSimulator sim = MarketoSimulator.start(PEOPLE, MarketoSimulator.Options.unlimited().withExportModel(model), clock)) {
      SnapshotPage first = Simulators.connect(sim, clock, Instant.parse("2026-11-20T00:00:00Z")).personSource()
          .readSnapshot(Optional.empty(), 100);
      assertThat(first.records()).as("the first page only records the new export").isEmpty();
      assertThat(first.resumeAfter().value()).as("the export's id is in the position").doesNotContain("|-|");
      assertThat(sim.exportJobsCreated()).isEqualTo(1);

      // the process dies here; a new one reads on from the stored position while the export waits and runs
      MarketoPersonSource restarted = Simulators.connect(sim, clock, Instant.parse("2026-11-20T00:00:00Z")).personSource();
      List<String> ids = new ArrayList<>();
      Optional<SnapshotPosition> position = Optional.of(first.resumeAfter());
      SnapshotPage page;
      do {
        page = restarted.readSnapshot(position, 100);
        page.records().stream().map(SourceRecord::sourceId).forEach(ids::add);
        position = Optional.of(page.resumeAfter());
      } while (!page.last());

      assertThat(ids).hasSize(500).doesNotHaveDuplicates();
      assertThat(sim.exportJobsCreated()).as("no second export for the window").isEqualTo(1);
    }
  }

  /** 600 people, one every 6 hours from 2026-06-20: 150 days, five 31-day windows to now (2026-11-30). */
  static final SyntheticPeople SPREAD = new SyntheticPeople(600, 11, Instant.parse("2026-06-20T00:00:00Z"), Duration.ofHours(6));
  static final Instant SPREAD_START = Instant.parse("2026-06-20T00:00:00Z");

  @Test
  void laterWindowsAreExportedWhileTheCurrentOneIsReadSoBothExportSlotsWork() {
    List<MarketoSimulator.ExportJob> pipelined = snapshot(3, false);
    List<MarketoSimulator.ExportJob> oneAtATime = snapshot(1, false);

    assertThat(mostProcessingAtOnce(pipelined)).as("exports processing at the same time, 3 queue places").isEqualTo(2);
    assertThat(mostProcessingAtOnce(oneAtATime)).as("exports processing at the same time, 1 queue place").isEqualTo(1);
    assertThat(pipelined).as("one export per window").hasSameSizeAs(oneAtATime)
        .extracting(MarketoSimulator.ExportJob::startAt).doesNotHaveDuplicates();
  }

  @Test
  void aRestartAfterEveryPageLosesNothingAndExportsNoWindowTwice() {
    List<MarketoSimulator.ExportJob> jobs = snapshot(3, true);

    assertThat(jobs).extracting(MarketoSimulator.ExportJob::startAt).as("no window exported twice").doesNotHaveDuplicates();
    assertThat(jobs).extracting(MarketoSimulator.ExportJob::status).containsOnly("Completed");
  }

  @Test
  void aYoungInstanceIsNotExportedFromTheConfiguredStartButFromItsOldestPerson() {
    SteppingClock clock = new SteppingClock(Instant.parse("2026-11-30T12:00:00Z"));
    try (MarketoSimulator sim = MarketoSimulator.start(SPREAD, MarketoSimulator.Options.unlimited(), clock)) {
      sim.deleteLead(1); // the oldest are gone: the lowest id left is still the oldest person left
      sim.deleteLead(2);
      MarketoPersonSource source = Simulators.connect(sim, clock, Instant.parse("2010-01-01T00:00:00Z")).personSource();
      List<String> ids = new ArrayList<>();
      Optional<SnapshotPosition> position = Optional.empty();
      SnapshotPage page;
      do {
        page = source.readSnapshot(position, 100);
        page.records().stream().map(SourceRecord::sourceId).forEach(ids::add);
        position = Optional.of(page.resumeAfter());
      } while (!page.last());

      assertThat(ids).hasSize(598).doesNotHaveDuplicates();
      assertThat(sim.exportJobs()).as("windows exported: from the oldest person (2026-06-20), not from 2010 (about 200)")
          .hasSizeLessThanOrEqualTo(6);
    }
  }

  /**
   * The whole snapshot of {@link #SPREAD} holding at most {@code places} of the queue, by one reader or (restarting) a new
   * reader for every page; checks every person was read exactly once and returns the simulator's jobs.
   */
  private static List<MarketoSimulator.ExportJob> snapshot(int places, boolean restartEveryPage) {
    SteppingClock clock = new SteppingClock(Instant.parse("2026-11-30T12:00:00Z"));
    ExportModel model = ExportModel.marketo().withQueueWait(Duration.ofSeconds(5)).withRowsPerSecond(2);
    try (MarketoSimulator sim = MarketoSimulator.start(SPREAD, MarketoSimulator.Options.unlimited().withExportModel(model), clock)) {
      java.util.function.Supplier<MarketoPersonSource> connect = () -> Marketo.connect(Simulators.settings(sim, SPREAD_START)
          .withLimits(MarketoLimits.defaults().withBulkQueuePlaces(places).withMaxExportPolls(10_000)), clock).personSource();
      MarketoPersonSource source = connect.get();
      List<String> ids = new ArrayList<>();
      Optional<SnapshotPosition> position = Optional.empty();
      SnapshotPage page;
      do {
        if (restartEveryPage) {
          source = connect.get();
        }
        page = source.readSnapshot(position, 50);
        page.records().stream().map(SourceRecord::sourceId).forEach(ids::add);
        position = Optional.of(page.resumeAfter());
      } while (!page.last());
      assertThat(ids).as("people read").hasSize(600).doesNotHaveDuplicates();
      return sim.exportJobs();
    }
  }

  private static int mostProcessingAtOnce(List<MarketoSimulator.ExportJob> jobs) {
    int most = 0;
    for (MarketoSimulator.ExportJob job : jobs) {
      if (job.startedAt() == null) {
        continue;
      }
      int atOnce = (int) jobs.stream().filter(other -> other.startedAt() != null && other.finishedAt() != null
          && !other.startedAt().isAfter(job.startedAt()) && other.finishedAt().isAfter(job.startedAt())).count();
      most = Math.max(most, atOnce);
    }
    return most;
  }

  /** A clock that moves one second every time it is read: exports progress while the reader polls them. */
  static final class SteppingClock extends Clock {
    private Instant now;

    SteppingClock(Instant start) {
      this.now = start;
    }

    @Override
    public synchronized Instant instant() {
      now = now.plusSeconds(1);
      return now;
    }

    /** Jumps ahead (a night passes). */
    synchronized void jumpTo(Instant later) {
      if (later.isAfter(now)) {
        now = later;
      }
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
