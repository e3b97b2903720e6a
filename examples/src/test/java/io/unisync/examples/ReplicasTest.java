package io.unisync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.domain.SourceFields;
import io.unisync.jdbc.JdbcDatabase;
import io.unisync.jdbc.JdbcSettings;
import io.unisync.jdbc.Tenant;
import io.unisync.testkit.ExpectedPeople;
import io.unisync.testkit.sim.MarketoSimulator;
import io.unisync.testkit.sim.SyntheticPeople;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code unisync run} replicas with one configuration: they share its tenants, follow changes to the file, and take
 * over from a replica that stops.
 */
@Tag("soak")
class ReplicasTest {

  @TempDir
  Path dir;

  @Test
  void oneReplicaRunsTheTenantAndTheOtherTakesOverWhenItStops() throws Exception {
    try (MarketoSimulator marketo = MarketoSimulator.start(RECENT_PEOPLE, MarketoSimulator.Options.unlimited(), Clock.systemUTC())) {
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
          "  snapshotStart: 2026-10-01T00:00:00Z",
          "  bulkPollSeconds: 0",
          "  callsPerWindow: 100000", // the simulator does not enforce Marketo's limit; waiting out its window is not what this is about
          "schedule: { personSyncSeconds: 1, deliverySeconds: 1 }",
          "replica: { leaseSeconds: 3 }",
          ""));
      Map<String, String> env = Map.of("UNISYNC_MARKETO_CLIENT_SECRET", MarketoSimulator.CLIENT_SECRET);
      Runner first = Runner.start(RunConfig.load(config, env));
      try (Runner second = Runner.start(RunConfig.load(config, env))) {
        await(() -> !first.runningTenants().isEmpty() || !second.runningTenants().isEmpty());
        Thread.sleep(2_500); // a few lease rounds
        assertThat(!first.runningTenants().isEmpty() && !second.runningTenants().isEmpty()).as("never both").isFalse();
        Runner holder = !first.runningTenants().isEmpty() ? first : second;
        Runner standby = holder == first ? second : first;

        holder.close();
        await(() -> !standby.runningTenants().isEmpty());

        assertThat(!standby.runningTenants().isEmpty()).isTrue();
      } finally {
        first.close();
      }
    }
  }

  @Test
  void twoReplicasShareFourTenantsFollowTheFileAndTakeOverFromEachOther() throws Exception {
    try (MarketoSimulator marketo = MarketoSimulator.start(RECENT_PEOPLE, MarketoSimulator.Options.unlimited(), Clock.systemUTC());
        JdbcDatabase db = JdbcDatabase.pooled(JdbcSettings.of(jdbcUrl(), "sa", "").withMaxPoolSize(2))) {
      int eligible = ExpectedPeople.eligibleIn(marketo, SourceFields.standard()).size();
      Path config = dir.resolve("tenants.yaml");
      writeTenants(config, marketo, List.of("t1", "t2", "t3", "t4"));
      Map<String, String> env = Map.of("UNISYNC_MARKETO_CLIENT_SECRET", MarketoSimulator.CLIENT_SECRET);
      Runner first = Runner.start(config, env);
      try (Runner second = Runner.start(config, env)) {
        await(() -> first.runningTenants().size() == 2 && second.runningTenants().size() == 2);
        assertThat(union(first, second)).containsExactlyInAnyOrder("t1", "t2", "t3", "t4");
        for (String t : List.of("t1", "t2", "t3", "t4")) {
          await(() -> db.personStore(Tenant.of(t)).count() == eligible);
        }

        // the file changes while they run: t1 leaves, t5 comes
        writeTenants(config, marketo, List.of("t2", "t3", "t4", "t5"));
        await(() -> union(first, second).equals(java.util.Set.of("t2", "t3", "t4", "t5")));
        await(() -> db.personStore(Tenant.of("t5")).count() == eligible);
        assertThat(first.runningTenants()).doesNotContainAnyElementsOf(second.runningTenants());

        // a broken edit is ignored: the tenants run on as they were
        java.nio.file.attribute.FileTime before = Files.getLastModifiedTime(config);
        Files.writeString(config, "tenants: [ { id: t2, marketo: ");
        Files.setLastModifiedTime(config, java.nio.file.attribute.FileTime.fromMillis(before.toMillis() + 2_000));
        Thread.sleep(Runner.RELOAD_EVERY.toMillis() + 1_000);
        assertThat(union(first, second)).containsExactlyInAnyOrder("t2", "t3", "t4", "t5");
        assertThat(first.config().tenantIds()).containsExactly("t2", "t3", "t4", "t5");

        second.close();
        await(() -> first.runningTenants().size() == 4);
        assertThat(first.runningTenants()).containsExactlyInAnyOrder("t2", "t3", "t4", "t5");
      } finally {
        first.close();
      }
    }
  }

  /**
   * Created in the last months, so an initial sync takes a few 31-day export windows: the tenants share one instance
   * and so one budget of 100 calls in 20 s, and years of windows would make the test wait on it.
   */
  private static final SyntheticPeople RECENT_PEOPLE = new SyntheticPeople(300, 5, java.time.Instant.parse("2026-10-01T00:00:00Z"),
      Duration.ofMinutes(1));

  private String jdbcUrl() {
    return "jdbc:h2:file:" + dir.resolve("fleet").toAbsolutePath() + ";AUTO_SERVER=TRUE";
  }

  private static java.util.Set<String> union(Runner a, Runner b) {
    java.util.Set<String> all = new java.util.HashSet<>(a.runningTenants());
    all.addAll(b.runningTenants());
    return all;
  }

  private void writeTenants(Path config, MarketoSimulator marketo, List<String> tenants) throws Exception {
    StringBuilder yaml = new StringBuilder(String.join("\n",
        "database: { url: \"" + jdbcUrl() + "\", username: sa }",
        // the tenants share one simulated instance and so its 100 calls / 20 s: incremental passes every 5 s stay inside it
        "schedule: { personSyncSeconds: 5, deliverySeconds: 5 }",
        "replica: { leaseSeconds: 3 }",
        "tenants:",
        ""));
    for (String t : tenants) {
      yaml.append("  - id: ").append(t).append("\n")
          .append("    marketo: { baseUrl: \"").append(marketo.baseUrl()).append("\", clientId: ").append(MarketoSimulator.CLIENT_ID)
          .append(", snapshotStart: 2026-10-01T00:00:00Z, bulkPollSeconds: 0, callsPerWindow: 100000 }\n");
    }
    java.nio.file.attribute.FileTime before = Files.exists(config) ? Files.getLastModifiedTime(config) : null;
    Files.writeString(config, yaml);
    if (before != null) { // a change within the file system's time resolution must still be seen
      Files.setLastModifiedTime(config, java.nio.file.attribute.FileTime.fromMillis(before.toMillis() + 2_000));
    }
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 30 s");
      }
      Thread.sleep(50);
    }
  }
}
