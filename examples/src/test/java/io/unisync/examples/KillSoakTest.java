package io.unisync.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short kill -9 soak in the test suite ({@code scripts/soak.sh N} runs long ones): {@code unisync run} as a
 * separate JVM on PostgreSQL, killed at random moments while Marketo changes and activities are recorded; then
 * nothing may be lost, duplicated, dead-lettered or left pending.
 */
class KillSoakTest {

  @TempDir
  Path dir;

  @Test
  void sixKillsLoseAndDuplicateNothing() throws Exception {
    KillSoak.Result result = KillSoak.run(new KillSoak.Options(6, 5_000, 30, postgresUrl(), 3, dir,
        Duration.ofMillis(3_000), Duration.ofMillis(7_000), null));

    assertThat(result.kills()).isEqualTo(6);
    assertThat(result.activitiesRecorded()).as("activities recorded while the processes ran").isPositive();
    assertThat(result.marketoChanges()).isPositive();
    assertThat(result.clean()).as(result.table()).isTrue();
  }

  /** The PostgreSQL that scripts/test.sh starts; as in the JDBC tests, missing it fails in CI and is reported elsewhere. */
  private static String postgresUrl() {
    String url = System.getProperty("unisync.test.postgres.url", System.getenv("UNISYNC_TEST_POSTGRES_URL"));
    if (url == null || url.isBlank()) {
      String why = "No PostgreSQL for the kill soak: UNISYNC_TEST_POSTGRES_URL is not set. Run scripts/test.sh, which starts one.";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(why);
      }
      Assumptions.abort(why);
    }
    return url;
  }
}
