package io.unisync.marketo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unisync.core.domain.SourceFields;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.error.AdapterException;
import io.unisync.testkit.ExpectedPeople;
import io.unisync.testkit.InMemoryPersonStore;
import io.unisync.testkit.sim.MarketoFault;
import io.unisync.testkit.sim.MarketoSimulator;
import io.unisync.testkit.sim.SyntheticPeople;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every export file is checked against the job's SHA-256 {@code fileChecksum} before a row of it is applied: a file
 * damaged on the way is downloaded again; damaged twice, its window fails clearly and nothing of it is stored.
 */
class BulkChecksumTest {

  /** 400 people, one a minute from 2026-11-25: one window. */
  static final SyntheticPeople PEOPLE = new SyntheticPeople(400, 5, Instant.parse("2026-11-25T00:00:00Z"), Duration.ofMinutes(1));
  static final Instant START = Instant.parse("2026-11-25T00:00:00Z");

  @Test
  void aFileDamagedOnTheWayIsDownloadedAgainAndTheSyncCompletes() throws IOException {
    long spooledBefore = spooledFiles();
    try (MarketoSimulator sim = MarketoSimulator.start(PEOPLE, MarketoSimulator.Options.unlimited(), Clock.systemUTC())) {
      sim.failNext("file.json", MarketoFault.CORRUPT_FILE);
      InMemoryPersonStore store = new InMemoryPersonStore();
      SyncEngine engine = SyncEngine.builder().personSource(Simulators.connect(sim, Clock.systemUTC(), START).personSource())
          .personStore(store).build();

      engine.initialSync();

      assertThat(ExpectedPeople.storedIn(store)).isEqualTo(ExpectedPeople.eligibleIn(sim, SourceFields.standard()));
      assertThat(store.quarantineCount()).as("nothing of the damaged copy reached the parser").isZero();
    }
    assertThat(spooledFiles()).as("temporary export files are deleted").isEqualTo(spooledBefore);
  }

  @Test
  void aFileDamagedTwiceFailsItsWindowNamingBothDigestsAndStoresNothing() throws IOException {
    long spooledBefore = spooledFiles();
    try (MarketoSimulator sim = MarketoSimulator.start(PEOPLE, MarketoSimulator.Options.unlimited(), Clock.systemUTC())) {
      sim.failNext("file.json", MarketoFault.CORRUPT_FILE).failNext("file.json", MarketoFault.CORRUPT_FILE);
      InMemoryPersonStore store = new InMemoryPersonStore();
      SyncEngine engine = SyncEngine.builder().personSource(Simulators.connect(sim, Clock.systemUTC(), START).personSource())
          .personStore(store).build();

      assertThatThrownBy(engine::initialSync).isInstanceOf(AdapterException.class)
          .hasMessageContaining("does not match the job's fileChecksum, twice")
          .hasMessageMatching("(?s).*expected sha256:[0-9a-f]{64}, got sha256:[0-9a-f]{64}.*")
          .hasMessageContaining("nothing of its window was applied");
      assertThat(store.count()).isZero();
      assertThat(store.quarantineCount()).isZero();

      engine.initialSync(); // the next attempt downloads a good copy
      assertThat(ExpectedPeople.storedIn(store)).isEqualTo(ExpectedPeople.eligibleIn(sim, SourceFields.standard()));
    }
    assertThat(spooledFiles()).as("temporary export files are deleted").isEqualTo(spooledBefore);
  }

  @Test
  void aProcessThatDiesWhileReadingAFileLeavesNoFileBehind() throws IOException {
    long spooledBefore = spooledFiles();
    try (MarketoSimulator sim = MarketoSimulator.start(PEOPLE, MarketoSimulator.Options.unlimited(), Clock.systemUTC())) {
      MarketoPersonSource source = Simulators.connect(sim, Clock.systemUTC(), START).personSource();
      java.util.Optional<io.unisync.core.port.SnapshotPosition> position = java.util.Optional.empty();
      io.unisync.core.port.SnapshotPage page;
      do {
        page = source.readSnapshot(position, 50);
        position = java.util.Optional.of(page.resumeAfter());
      } while (page.records().isEmpty() && !page.last());

      assertThat(page.records()).as("the window's file is open and being read").hasSize(50);
      // the local copy is unlinked as soon as it is opened (POSIX): a kill -9 now leaves nothing in the temporary
      // directory, where crash-looping processes used to leave one file per crash
      assertThat(spooledFiles()).as("export files visible while one is read").isEqualTo(spooledBefore);
    }
  }

  private static long spooledFiles() throws IOException {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(f -> f.getFileName().toString().startsWith("unisync-export-")).count();
    }
  }
}
