package io.unisync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short replica soak in the test suite ({@code scripts/soak-replicas.sh N} runs long ones): 3 {@code unisync run}
 * JVMs sharing 6 tenants on PostgreSQL, Marketo simulators enforcing the real limits, replicas killed with SIGKILL and
 * replaced; then nothing may be lost, no Salesforce Task duplicated, no 606 or 615 answered, every take-over seen.
 */
@Tag("soak")
class ReplicaSoakTest {

  @TempDir
  Path dir;

  @Test
  void threeReplicasKilledInTurnLoseNothingAndStayInsideMarketosLimits() throws Exception {
    ReplicaSoak.Result result = ReplicaSoak.run(new ReplicaSoak.Options(3, 6, 4, 400, 5, TestPostgres.url("the replica soak"), 5, dir,
        Duration.ofMillis(4_000), Duration.ofMillis(7_000), null));

    assertThat(result.kills()).isEqualTo(4);
    assertThat(result.killsHoldingTenants()).as("kills of a replica that held tenants (the victim is chosen from the lease table)").isEqualTo(4);
    assertThat(result.takeOvers()).as("take-overs measured").isNotEmpty();
    assertThat(result.outcomes()).hasSize(6);
    assertThat(result.outcomes().values()).allSatisfy(o -> assertThat(o.expected()).isPositive());
    assertThat(result.outcomes().values().stream().mapToInt(KillSoak.Outcome::activities).sum()).isPositive();
    assertThat(result.clean()).as(result.table()).isTrue();
  }
}
