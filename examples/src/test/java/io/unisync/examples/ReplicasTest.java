package io.unisync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.testkit.sim.MarketoSimulator;
import io.unisync.testkit.sim.SyntheticPeople;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two {@code unisync run} replicas with one configuration: one runs the tenant, the other takes over when it stops. */
class ReplicasTest {

  @TempDir
  Path dir;

  @Test
  void oneReplicaRunsTheTenantAndTheOtherTakesOverWhenItStops() throws Exception {
    try (MarketoSimulator marketo = MarketoSimulator.start(SyntheticPeople.of(500, 4), MarketoSimulator.Options.unlimited(), Clock.systemUTC())) {
      String jdbcUrl = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";AUTO_SERVER=TRUE";
      Path config = dir.resolve("unisync.yaml");
      Files.writeString(config, String.join("\n",
          "tenant: replicas",
          "database:",
          "  url: \"" + jdbcUrl + "\"",
          "  username: sa",
          "marketo:",
          "  baseUrl: " + marketo.baseUrl(),
          "  clientId: " + MarketoSimulator.CLIENT_ID,
          "  snapshotStart: 2023-12-01T00:00:00Z",
          "  bulkPollSeconds: 0",
          "schedule: { personSyncSeconds: 1, deliverySeconds: 1 }",
          "replica: { leaseSeconds: 3 }",
          ""));
      Map<String, String> env = Map.of("UNISYNC_MARKETO_CLIENT_SECRET", MarketoSimulator.CLIENT_SECRET);
      Runner first = Runner.start(RunConfig.load(config, env));
      try (Runner second = Runner.start(RunConfig.load(config, env))) {
        await(() -> first.runsTenant() || second.runsTenant());
        Thread.sleep(2_500); // a few lease rounds
        assertThat(first.runsTenant() && second.runsTenant()).as("never both").isFalse();
        Runner holder = first.runsTenant() ? first : second;
        Runner standby = holder == first ? second : first;

        holder.close();
        await(standby::runsTenant);

        assertThat(standby.runsTenant()).isTrue();
      } finally {
        first.close();
      }
    }
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 20 s");
      }
      Thread.sleep(50);
    }
  }
}
