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
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Marketo keeps a completed export's file 7 days (the job's status 30): a tenant paused mid-window, a long outage or a
 * process killed while reading outlives the file. Time-true on the simulator's export model and a {@link SkippingClock}.
 */
class ExportFileRetentionTest {

  static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  static final Instant FIRST = NOW.minus(Duration.ofDays(20));
  static final SyntheticPeople PEOPLE = new SyntheticPeople(120, 23, FIRST, Duration.ofHours(3));

  @Test
  void aSnapshotPausedLongerThanTheFileIsKeptExportsTheWindowAgainAndLosesNoOne() throws InterruptedException {
    SkippingClock clock = new SkippingClock(NOW);
    try (MarketoSimulator sim = MarketoSimulator.start(PEOPLE, MarketoSimulator.Options.unlimited()
        .withExportModel(ExportModel.marketo()), clock)) {
      Supplier<MarketoPersonSource> process = () -> {
        MarketoSettings settings = Simulators.settings(sim, FIRST.minus(Duration.ofDays(1)))
            .withBulk(true, FIRST.minus(Duration.ofDays(1)), Duration.ofDays(31), Duration.ofSeconds(30))
            .withRateLimit(1_000_000, Duration.ofSeconds(1), 10, 1.0)
            .withLimits(MarketoLimits.defaults().withMaxExportPolls(10_000));
        return Marketo.connect(settings, clock, Marketo.localCallBudget(settings, clock), clock.sleeper()).personSource();
      };
      Set<String> ids = new HashSet<>();
      Optional<SnapshotPosition> position = Optional.empty();
      SnapshotPage page;
      MarketoPersonSource source = process.get();
      do { // until the window's export completed and its first rows were read
        page = source.readSnapshot(position, 10);
        page.records().stream().map(SourceRecord::sourceId).forEach(ids::add);
        position = Optional.of(page.resumeAfter());
      } while (page.records().isEmpty());
      assertThat(ids).hasSize(10);

      clock.sleeper().sleep(Duration.ofDays(8)); // the tenant is paused; its process is gone, and so is the export's file
      source = process.get();
      int pages = 0;
      do {
        page = source.readSnapshot(position, 10);
        page.records().stream().map(SourceRecord::sourceId).forEach(ids::add);
        position = Optional.of(page.resumeAfter());
      } while (!page.last() && ++pages < 1_000);

      assertThat(page.last()).as("the snapshot ends").isTrue();
      assertThat(ids).as("everyone read, the window exported again").hasSize(120);
      List<MarketoSimulator.ExportJob> jobs = sim.exportJobs();
      assertThat(jobs).as("the window's export and the one that replaced its expired file").hasSize(2);
    }
  }
}
