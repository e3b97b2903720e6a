package io.unisync.marketo;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.domain.SourceRecord;
import io.unisync.core.port.SnapshotPage;
import io.unisync.core.port.SnapshotPosition;
import io.unisync.testkit.SkippingClock;
import io.unisync.testkit.sim.ExportModel;
import io.unisync.testkit.sim.MarketoSimulator;
import io.unisync.testkit.sim.SyntheticPeople;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The initial sync holds as many of the instance's export queue places as {@link MarketoLimits#bulkQueuePlaces()}
 * allows, and no more: exports that completed and wait to be read hold no place, so a freed place is filled at the next
 * poll; another integration's jobs (which this API user cannot list) take places too, and the sync neither fails nor
 * exceeds the queue then. Time-true: Marketo's queue wait and processing on a {@link SkippingClock}.
 */
class BulkQueuePlacesTest {

  static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  /** 600 people, one every 2 days: 1,200 days, 39 windows of 31 days. */
  static final Instant FIRST = NOW.minus(Duration.ofDays(1_200));
  static final SyntheticPeople PEOPLE = new SyntheticPeople(600, 17, FIRST, Duration.ofDays(2));

  @Test
  void theDefaultHoldsNinePlacesAndLeavesOneToOtherIntegrations() {
    Run run = snapshot(MarketoLimits.defaults().bulkQueuePlaces(), 0);

    assertThat(MarketoLimits.defaults().bulkQueuePlaces()).isEqualTo(9);
    assertThat(run.mostPlacesAtOnce).as("our exports queued or processing at once").isEqualTo(9);
  }

  @Test
  void fewerPlacesAreNeverExceededAndAllAreUsed() {
    Run run = snapshot(4, 0);

    assertThat(run.mostPlacesAtOnce).as("our exports queued or processing at once").isEqualTo(4);
  }

  @Test
  void completedExportsWaitingToBeReadHoldNoPlace() {
    // one place: the next window's export runs while the completed one is read, so never two of ours hold places,
    // yet the one being read and the next are both started
    Run run = snapshot(1, 0);

    assertThat(run.mostPlacesAtOnce).as("our exports queued or processing at once").isEqualTo(1);
    assertThat(run.mostStartedAtOnce).as("exports started and not yet read at once").isGreaterThan(1);
  }

  @Test
  void anotherIntegrationsJobsTakePlacesAndTheSyncWaitsForThemInsteadOfFailing() {
    Run run = snapshot(10, 6);

    assertThat(run.mostPlacesAtOnce).as("ours at once: all 10 once the other integration's jobs are done").isEqualTo(10);
    assertThat(run.mostPlacesWhileOthersQueued).as("ours while the other integration's 6 jobs were queued")
        .isLessThanOrEqualTo(4);
  }

  @Test
  void aFreedPlaceIsFilledSoonAfterItFreesNotAWholePollIntervalLater() {
    // polls every 10 s at most; the exports take about the same time, so the next poll is timed to the next finish.
    // Polling at the fixed interval finds a freed place half an interval late on average (measured: 8.1 s here)
    Run run = snapshot(4, 0);

    assertThat(run.meanRefill).as("mean time from one of our exports finishing to the next one queued")
        .isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aRestartAfterEveryPageHoldsNoMorePlacesAndExportsNoWindowTwice() {
    Run run = snapshot(5, 0, true);

    assertThat(run.mostPlacesAtOnce).isLessThanOrEqualTo(5);
  }

  /** What one snapshot did. */
  record Run(int mostPlacesAtOnce, int mostStartedAtOnce, int mostPlacesWhileOthersQueued, Duration meanRefill) {}

  private static Run snapshot(int places, int othersFirst) {
    return snapshot(places, othersFirst, false);
  }

  /**
   * Reads the whole snapshot of {@link #PEOPLE} holding at most {@code places}, after another integration queued
   * {@code othersFirst} exports; checks every person was read once and no window exported twice.
   */
  private static Run snapshot(int places, int othersFirst, boolean restartEveryPage) {
    SkippingClock clock = new SkippingClock(NOW);
    ExportModel model = ExportModel.marketo().withQueueWait(Duration.ofSeconds(30)).withRowsPerSecond(5);
    try (MarketoSimulator sim = MarketoSimulator.start(PEOPLE, MarketoSimulator.Options.unlimited().withExportModel(model), clock)) {
      assertThat(sim.queueOtherIntegrationExports(othersFirst)).isEqualTo(othersFirst);
      Instant othersQueuedUntil = othersFirst == 0 ? NOW : NOW.plus(model.queueWait());
      java.util.function.Supplier<MarketoPersonSource> connect = () -> {
        MarketoSettings settings = Simulators.settings(sim, FIRST.minus(Duration.ofDays(1)))
            .withBulk(true, FIRST.minus(Duration.ofDays(1)), Duration.ofDays(31), Duration.ofSeconds(10))
            .withRateLimit(1_000_000, Duration.ofSeconds(1), 10, 1.0) // the call budget waits in real time; not under test here
            .withLimits(MarketoLimits.defaults().withBulkQueuePlaces(places).withMaxExportPolls(10_000));
        return Marketo.connect(settings, clock, Marketo.localCallBudget(settings, clock), clock.sleeper()).personSource();
      };
      MarketoPersonSource source = connect.get();
      List<String> ids = new ArrayList<>();
      Optional<SnapshotPosition> position = Optional.empty();
      SnapshotPage page;
      int mostStarted = 0;
      do {
        if (restartEveryPage) {
          source = connect.get();
        }
        page = source.readSnapshot(position, 10);
        page.records().stream().map(SourceRecord::sourceId).forEach(ids::add);
        position = Optional.of(page.resumeAfter());
        String[] parts = page.resumeAfter().value().split("\\|");
        mostStarted = Math.max(mostStarted, (parts[2].equals("-") ? 0 : 1) + (parts.length == 5 ? parts[4].split(",").length : 0));
      } while (!page.last());

      assertThat(ids).as("people read").hasSize(600).doesNotHaveDuplicates();
      List<MarketoSimulator.ExportJob> jobs = sim.exportJobs();
      assertThat(jobs).extracting(MarketoSimulator.ExportJob::startAt).as("no window exported twice").doesNotHaveDuplicates();
      assertThat(jobs).extracting(MarketoSimulator.ExportJob::status).containsOnly("Completed");
      return new Run(mostAtOnce(jobs, Instant.MAX), mostStarted, mostAtOnce(jobs, othersQueuedUntil), meanRefill(jobs));
    }
  }

  /** The mean time from a job finishing to the next job queued after it (the last few, with none after them, left out). */
  private static Duration meanRefill(List<MarketoSimulator.ExportJob> jobs) {
    long total = 0;
    int gaps = 0;
    for (MarketoSimulator.ExportJob job : jobs) {
      Instant finished = job.finishedAt();
      Instant next = jobs.stream().map(MarketoSimulator.ExportJob::queuedAt).filter(q -> q != null && !q.isBefore(finished))
          .min(Instant::compareTo).orElse(null);
      if (next != null) {
        total += Duration.between(finished, next).toMillis();
        gaps++;
      }
    }
    return Duration.ofMillis(gaps == 0 ? Long.MAX_VALUE / 2 : total / gaps);
  }

  /** The most of {@code jobs} queued or processing at one instant before {@code until}. */
  private static int mostAtOnce(List<MarketoSimulator.ExportJob> jobs, Instant until) {
    TreeMap<Instant, Integer> changes = new TreeMap<>();
    for (MarketoSimulator.ExportJob job : jobs) {
      if (job.queuedAt() != null && job.finishedAt() != null) {
        changes.merge(job.queuedAt(), 1, Integer::sum);
        changes.merge(job.finishedAt(), -1, Integer::sum);
      }
    }
    int now = 0;
    int most = 0;
    for (var change : changes.entrySet()) {
      if (!change.getKey().isBefore(until)) {
        break;
      }
      now += change.getValue();
      most = Math.max(most, now);
    }
    return most;
  }
}
