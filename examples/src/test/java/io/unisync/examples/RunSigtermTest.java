package io.unisync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.domain.Activity;
import io.unisync.core.port.Checkpoint;
import io.unisync.core.port.Destination;
import io.unisync.core.port.OutboxDraft;
import io.unisync.core.port.OutboxState;
import io.unisync.jdbc.JdbcActivityOutbox;
import io.unisync.jdbc.JdbcDatabase;
import io.unisync.jdbc.JdbcSettings;
import io.unisync.jdbc.Tenant;
import io.unisync.testkit.SampleActivities;
import io.unisync.testkit.sim.MarketoSimulator;
import io.unisync.testkit.sim.SyntheticPeople;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code unisync run} as a separate JVM, stopped with a real SIGTERM, then started again. */
@Tag("soak")
class RunSigtermTest {

  @TempDir
  Path dir;

  @Test
  void aSigtermStopsRunWithoutLosingAnActivityAndTheNextStartDeliversEverything() throws Exception {
    try (MarketoSimulator marketo = MarketoSimulator.start(SyntheticPeople.of(2_000, 12), MarketoSimulator.Options.unlimited(), Clock.systemUTC())) {
      // AUTO_SERVER lets this test read the database while the unisync process has it open
      String jdbcUrl = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";AUTO_SERVER=TRUE";
      Path config = dir.resolve("unisync.yaml");
      Files.writeString(config, String.join("\n",
          "tenant: sigterm",
          "database:",
          "  url: \"" + jdbcUrl + "\"",
          "  username: sa",
          "marketo:",
          "  baseUrl: " + marketo.baseUrl(),
          "  clientId: " + MarketoSimulator.CLIENT_ID,
          "  snapshotStart: 2023-12-01T00:00:00Z",
          "  bulkPollSeconds: 0",
          "  callsPerWindow: 100000", // the simulator does not enforce Marketo's limit; waiting out its window is not what this is about
          "  createActivityTypes: true",
          "schedule: { personSyncSeconds: 1, deliverySeconds: 1 }",
          ""));
      Tenant tenant = Tenant.of("sigterm");

      try (JdbcDatabase db = JdbcDatabase.pooled(JdbcSettings.of(jdbcUrl, "sa", "").withMaxPoolSize(2))) {
        db.migrate(); // so this test can read the tables from the start; the process's own migrate then finds nothing to do
        Process first = start(config, dir.resolve("first.log"));
        try {
        await(() -> db.personStore(tenant).checkpoint().map(c -> c.phase() == Checkpoint.Phase.INCREMENTAL).orElse(false), first, dir.resolve("first.log"));
        JdbcActivityOutbox outbox = db.activityOutbox(tenant);
        int recorded = 0;
        for (long n = 0; n < 300; n++) {
          Activity activity = SampleActivities.activity(n, 1 + n % 2_000, Instant.now(Clock.systemUTC()));
          if (db.personStore(tenant).findById(activity.person()).isPresent()) {
            outbox.enqueue(List.of(new OutboxDraft(Destination.MARKETO, activity, Instant.now(Clock.systemUTC()))));
            recorded++;
          }
        }

        first.destroy(); // SIGTERM on Linux
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("stopped within the grace period").isTrue();
        assertThat(Files.readString(dir.resolve("first.log"))).contains("unisync stopping");
        Map<OutboxState, Long> afterStop = outbox.counts(Destination.MARKETO);
        assertThat(afterStop.get(OutboxState.PENDING) + afterStop.get(OutboxState.DELIVERED)).as("nothing lost").isEqualTo(recorded);
        assertThat(afterStop.get(OutboxState.DEAD)).isZero();
        // the lease was given back before the database closed: the next start need not wait it out (issue 24)
        assertThat(db.leases().current(io.unisync.core.engine.TenantRunner.leaseName("sigterm"))
            .filter(l -> l.isValidAt(Instant.now(Clock.systemUTC())))).as("the tenant's lease after SIGTERM").isEmpty();

        Process second = start(config, dir.resolve("second.log"));
        try {
          int expected = recorded;
          await(() -> outbox.counts(Destination.MARKETO).get(OutboxState.DELIVERED) == expected, second, dir.resolve("second.log"));
        } finally {
          second.destroy();
          second.waitFor(60, TimeUnit.SECONDS);
        }
        assertThat(marketo.externalActivities()).as("each activity exactly once").hasSize(recorded);
        } finally {
          first.destroyForcibly();
        }
      }
    }
  }

  @Test
  void aSigtermGivesTheLeaseBackBeforeAnH2FileCloses() throws Exception {
    try (MarketoSimulator marketo = MarketoSimulator.start(SyntheticPeople.of(200, 12), MarketoSimulator.Options.unlimited(), Clock.systemUTC())) {
      // a plain file URL, as a user writes it: H2's own exit hook would close the database before unisync's
      String jdbcUrl = "jdbc:h2:file:" + dir.resolve("plain").toAbsolutePath();
      Path config = dir.resolve("plain.yaml");
      Files.writeString(config, String.join("\n",
          "tenant: plain",
          "database: { url: \"" + jdbcUrl + "\", username: sa }",
          "marketo:",
          "  baseUrl: " + marketo.baseUrl(),
          "  clientId: " + MarketoSimulator.CLIENT_ID,
          "  snapshotStart: 2023-12-01T00:00:00Z",
          "  bulkPollSeconds: 0",
          "  callsPerWindow: 100000", // the simulator does not enforce Marketo's limit; waiting out its window is not what this is about
          "schedule: { personSyncSeconds: 1, deliverySeconds: 1 }",
          ""));
      Path log = dir.resolve("plain.log");
      Process run = start(config, log);
      try {
        await(() -> {
          try {
            return Files.exists(log) && Files.readString(log).contains("runs tenant plain");
          } catch (java.io.IOException e) {
            return false;
          }
        }, run, log);
        run.destroy(); // SIGTERM
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
      } finally {
        run.destroyForcibly();
      }
      try (JdbcDatabase db = JdbcDatabase.pooled(JdbcSettings.of(jdbcUrl, "sa", ""))) {
        assertThat(db.leases().current(io.unisync.core.engine.TenantRunner.leaseName("plain"))
            .filter(l -> l.isValidAt(Instant.now(Clock.systemUTC())))).as("the lease after SIGTERM; log:\n" + Files.readString(log)).isEmpty();
      }
    }
  }

  private static Process start(Path config, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        "io.unisync.examples.UnisyncCli", "run", "--config", config.toString());
    builder.environment().put("UNISYNC_MARKETO_CLIENT_SECRET", MarketoSimulator.CLIENT_SECRET);
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    return builder.start();
  }

  /** Waits up to 90 s for {@code condition}; fails at once, with its log, when the process has exited. */
  static void await(BooleanSupplier condition, Process process, Path log) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!condition.getAsBoolean()) {
      if (!process.isAlive()) {
        String output;
        try {
          output = Files.readString(log);
        } catch (java.io.IOException e) {
          output = "(no log: " + e.getMessage() + ")";
        }
        throw new AssertionError("unisync run exited with " + process.exitValue() + ": " + output);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 90 s");
      }
      Thread.sleep(200);
    }
  }
}
