package io.unisync.marketo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.unisync.core.domain.SourceRecord;
import io.unisync.core.error.RetryableAdapterException;
import io.unisync.core.port.SnapshotPage;
import io.unisync.core.port.SnapshotPosition;
import io.unisync.marketo.BulkExportReattachTest.SteppingClock;
import io.unisync.testkit.sim.MarketoFault;
import io.unisync.testkit.sim.ExportModel;
import io.unisync.testkit.sim.MarketoSimulator;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Marketo's export limits met in the middle of an initial sync: the daily allowance spent (the snapshot pauses until
 * midnight in Chicago, then goes on where it stopped), the queue full, and exports that end Failed or Cancelled.
 */
class BulkAllowanceTest {

  static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

  @Test
  void aSpentAllowancePausesTheSnapshotUntilMidnightInChicagoAndItResumesWhereItStopped() {
    SteppingClock clock = new SteppingClock(Instant.parse("2026-11-30T12:00:00Z"));
    // about 2 windows' files a day: the 5 windows of SPREAD take three days
    try (MarketoSimulator sim = simulator(clock, 40_000)) {
      List<String> ids = new ArrayList<>();
      Optional<SnapshotPosition> position = Optional.empty();
      int pauses = 0;
      SnapshotPage page = null;
      while (page == null || !page.last()) {
        MarketoPersonSource source = Marketo.connect(Simulators.settings(sim, BulkExportReattachTest.SPREAD_START)
            .withLimits(MarketoLimits.defaults().withMaxExportPolls(10_000).withRestFallbackCallsPerDay(0)), clock).personSource(); // a process per attempt
        try {
          page = source.readSnapshot(position, 50);
        } catch (RetryableAdapterException e) {
          assertThat(e.getMessage()).contains("daily quota");
          Instant now = clock.instant();
          Instant midnight = LocalDate.ofInstant(now, CHICAGO).plusDays(1).atStartOfDay(CHICAGO).toInstant();
          assertThat(e.retryAfter()).as("retry after the reset").get()
              .matches(d -> !now.plus(d).isBefore(midnight.minusSeconds(30)) && !now.plus(d).isAfter(midnight.plusSeconds(30)));
          pauses++;
          assertThat(pauses).as("pauses (3 days at most)").isLessThanOrEqualTo(3);
          clock.jumpTo(now.plus(e.retryAfter().orElseThrow()).plusSeconds(60)); // the runner waits out the hint
          page = null;
          continue;
        }
        page.records().stream().map(SourceRecord::sourceId).forEach(ids::add);
        position = Optional.of(page.resumeAfter());
      }

      assertThat(pauses).as("the allowance ran out at least once").isPositive();
      assertThat(ids).as("every person read once").hasSize(600).doesNotHaveDuplicates();
      assertThat(sim.exportJobs()).extracting(MarketoSimulator.ExportJob::startAt).as("no window exported twice").doesNotHaveDuplicates();
    }
  }

  @Test
  void whenTheAllowanceWouldNotHoldAWindowItIsExportedAsIdsAloneAndItsFieldsReadThroughRestWithoutPausing() {
    SteppingClock clock = new SteppingClock(Instant.parse("2026-11-30T12:00:00Z"));
    try (MarketoSimulator sim = simulator(clock, 40_000)) {
      List<String> ids = new ArrayList<>();
      Optional<SnapshotPosition> position = Optional.empty();
      SnapshotPage page = null;
      while (page == null || !page.last()) {
        MarketoPersonSource source = Marketo.connect(Simulators.settings(sim, BulkExportReattachTest.SPREAD_START)
            .withLimits(MarketoLimits.defaults().withMaxExportPolls(10_000).withExportAllowanceBytes(40_000)), clock).personSource();
        page = source.readSnapshot(position, 50); // a process per page: every step is a restart; no pause may happen
        page.records().forEach(r -> assertThat(r.readProblem()).as("record %s", r.sourceId()).isEmpty());
        page.records().stream().map(SourceRecord::sourceId).forEach(ids::add);
        position = Optional.of(page.resumeAfter());
      }

      assertThat(ids).as("every person read once, on the first day").hasSize(600).doesNotHaveDuplicates();
      List<MarketoSimulator.ExportJob> jobs = sim.exportJobs();
      assertThat(jobs).extracting(MarketoSimulator.ExportJob::startAt).as("no window exported twice").doesNotHaveDuplicates();
      assertThat(jobs).filteredOn(j -> j.fields().equals(List.of("id"))).as("windows exported as lead ids alone").isNotEmpty();
      assertThat(jobs).filteredOn(j -> j.fields().size() > 1).as("windows exported with every field").isNotEmpty();
      assertThat(sim.exportedBytesToday()).as("the day's allowance was never overrun").isLessThan(40_000);
    }
  }

  @Test
  void whenTheFallbacksCallsOfTheDayAreSpentTheSnapshotPausesUntilMidnightAndGoesOn() {
    SteppingClock clock = new SteppingClock(Instant.parse("2026-11-30T12:00:00Z"));
    try (MarketoSimulator sim = simulator(clock, 40_000)) {
      MarketoPersonSource source = Marketo.connect(Simulators.settings(sim, BulkExportReattachTest.SPREAD_START)
          .withLimits(MarketoLimits.defaults().withMaxExportPolls(10_000).withExportAllowanceBytes(40_000).withRestFallbackCallsPerDay(2)),
          clock).personSource(); // one process: the fallback's calls are counted per process
      List<String> ids = new ArrayList<>();
      Optional<SnapshotPosition> position = Optional.empty();
      SnapshotPage page = null;
      int pauses = 0;
      while (page == null || !page.last()) {
        try {
          page = source.readSnapshot(position, 50);
        } catch (RetryableAdapterException e) {
          assertThat(e.getMessage()).contains("restFallbackCallsPerDay");
          pauses++;
          assertThat(pauses).as("pauses").isLessThanOrEqualTo(5);
          clock.jumpTo(clock.instant().plus(e.retryAfter().orElseThrow()).plusSeconds(60));
          page = null;
          continue;
        }
        page.records().stream().map(SourceRecord::sourceId).forEach(ids::add);
        position = Optional.of(page.resumeAfter());
      }

      assertThat(pauses).as("the fallback's calls ran out at least once").isPositive();
      assertThat(ids).as("every person read once").hasSize(600).doesNotHaveDuplicates();
    }
  }

  @Test
  void aFullQueueAFailedExportAndACancelledOneEachEndWithEveryPersonReadOnce() {
    SteppingClock clock = new SteppingClock(Instant.parse("2026-11-30T12:00:00Z"));
    try (MarketoSimulator sim = simulator(clock, ExportModel.marketo().dailyBytes())) {
      sim.failNext("create.json", MarketoFault.ERROR_1029).failNext("enqueue.json", MarketoFault.ERROR_1029);
      List<String> ids = new ArrayList<>();
      Optional<SnapshotPosition> position = Optional.empty();
      SnapshotPage page = null;
      int failures = 0;
      boolean failedOne = false;
      boolean cancelledOne = false;
      while (page == null || !page.last()) {
        MarketoPersonSource source = Marketo.connect(Simulators.settings(sim, BulkExportReattachTest.SPREAD_START)
            .withLimits(MarketoLimits.defaults().withMaxExportPolls(10_000)), clock).personSource();
        // once a window's export is known, make the first one fail and the second one be cancelled by someone else
        String current = position.map(p -> p.value().split("\\|")[2]).orElse("-");
        if (!current.equals("-") && !failedOne) {
          failedOne = sim.failExport(current, "Internal error while exporting");
        } else if (!current.equals("-") && failedOne && !cancelledOne) {
          cancelledOne = sim.cancelExport(current);
        }
        try {
          page = source.readSnapshot(position, 50);
        } catch (io.unisync.core.error.SyncException e) {
          failures++;
          assertThat(failures).as("attempts that failed").isLessThanOrEqualTo(10);
          page = null;
          continue;
        }
        page.records().stream().map(SourceRecord::sourceId).forEach(ids::add);
        position = Optional.of(page.resumeAfter());
      }

      assertThat(failedOne).as("an export ended Failed").isTrue();
      assertThat(cancelledOne).as("an export was Cancelled").isTrue();
      assertThat(ids).as("every person read once").hasSize(600).doesNotHaveDuplicates();
    }
  }

  /** {@link BulkExportReattachTest#SPREAD} (5 windows) under Marketo's export model, a day's allowance of {@code dailyBytes}. */
  private static MarketoSimulator simulator(SteppingClock clock, long dailyBytes) {
    ExportModel model = ExportModel.marketo().withQueueWait(Duration.ofSeconds(5)).withRowsPerSecond(20)
        .withDailyBytes(dailyBytes);
    return MarketoSimulator.start(BulkExportReattachTest.SPREAD, MarketoSimulator.Options.unlimited().withExportModel(model), clock);
  }
}
