package io.unisync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short kill -9 soak in the test suite ({@code scripts/soak.sh N} runs long ones): {@code unisync run} as a
 * separate JVM on PostgreSQL, killed at random moments while Marketo changes and activities are recorded, its change
 * feed drops a fifth of its change and delete entries, and every second run begins with a reconciliation started on
 * demand (so kills land inside them); then nothing may be lost, duplicated, dead-lettered or left pending, and the
 * store must equal Marketo's eligible people, which without the reconciliations it would not.
 */
@Tag("soak")
class KillSoakTest {

  @TempDir
  Path dir;

  @Test
  void fiveKillsLoseAndDuplicateNothingEvenWithALossyFeedAndReconciliationsCutByKills() throws Exception {
    KillSoak.Result result = KillSoak.run(new KillSoak.Options(5, 2_000, 30, TestPostgres.url("the kill soak"), 3, dir,
        Duration.ofMillis(4_000), Duration.ofMillis(7_000), 0.2, null, false)); // scripts/soak.sh runs long ones

    assertThat(result.kills()).isEqualTo(5);
    assertThat(result.activitiesRecorded()).as("activities recorded while the processes ran").isPositive();
    assertThat(result.marketoChanges()).isPositive();
    assertThat(result.reconciliations()).as("reconciliations started on demand, each carried out by the killed runs").isPositive();
    assertThat(result.clean()).as(result.table()).isTrue();
  }
}
