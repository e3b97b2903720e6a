package io.unisync.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.domain.SourceFields;
import io.unisync.testkit.ExpectedPeople;
import io.unisync.testkit.sim.MarketoSimulator;
import io.unisync.testkit.sim.Simulators;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Quick start, run as documented: against the simulators as {@code unisync simulate} starts them
 * (3,000 people; here on free ports), from a consumer project that imports unisync-bom. Its time is printed, not
 * asserted (a loaded machine must not fail a test); docs/benchmarks.md keeps the figure.
 */
class QuickStartTest {

  @TempDir
  Path dir;

  @Test
  void theQuickStartSyncsTheSimulatorsEligiblePeopleIntoH2() {
    try (Simulators simulators = Simulators.start(3_000, 0, 0, Clock.systemUTC())) {
      long started = System.nanoTime();

      long stored = QuickStart.run(simulators.marketo().baseUrl(), MarketoSimulator.CLIENT_ID, MarketoSimulator.CLIENT_SECRET,
          dir.resolve("quickstart-db"));

      System.out.printf(Locale.ROOT, "Quick start, 3,000 people in the simulator: %,d stored in %.1f s%n", stored,
          (System.nanoTime() - started) / 1e9);
      assertThat(stored).isPositive().isEqualTo(ExpectedPeople.eligibleIn(simulators.marketo(), SourceFields.standard()).size());
    }
  }
}
