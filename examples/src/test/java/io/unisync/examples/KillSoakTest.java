package io.unisync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short kill -9 soak in the test suite ({@code scripts/soak.sh N} runs long ones): {@code unisync run} as a
 * separate JVM on PostgreSQL, killed at random moments while Marketo changes and activities are recorded; then
 * nothing may be lost, duplicated, dead-lettered or left pending.
 */
@Tag("soak")
class KillSoakTest {

  @TempDir
  Path dir;

  @Test
  void sixKillsLoseAndDuplicateNothing() throws Exception {
    KillSoak.Result result = KillSoak.run(new KillSoak.Options(6, 5_000, 30, TestPostgres.url("the kill soak"), 3, dir,
        Duration.ofMillis(2_000), Duration.ofMillis(5_000), null)); // scripts/soak.sh runs long ones

    assertThat(result.kills()).isEqualTo(6);
    assertThat(result.activitiesRecorded()).as("activities recorded while the processes ran").isPositive();
    assertThat(result.marketoChanges()).isPositive();
    assertThat(result.clean()).as(result.table()).isTrue();
  }
}
