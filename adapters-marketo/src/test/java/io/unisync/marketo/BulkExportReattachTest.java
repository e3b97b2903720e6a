package io.unisync.marketo;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.domain.SourceRecord;
import io.unisync.core.port.SnapshotPage;
import io.unisync.core.port.SnapshotPosition;
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
    MarketoSimulator.ExportModel model = MarketoSimulator.ExportModel.marketo().withQueueWait(Duration.ofSeconds(20)).withRowsPerSecond(50);
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
