package io.unisync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.jdbc.JdbcDatabase;
import io.unisync.jdbc.JdbcSettings;
import io.unisync.testkit.sim.MarketoSimulator;
import io.unisync.testkit.sim.SyntheticPeople;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code unisync status}: reads only, and shows a tenant that cannot run, with the reason. */
class StatusTest {

  @TempDir
  Path dir;

  private Path config(MarketoSimulator marketo, String jdbcUrl) throws Exception {
    Path config = dir.resolve("unisync.yaml");
    Files.writeString(config, String.join("\n",
        "tenant: status-test",
        "database:",
        "  url: \"" + jdbcUrl + "\"",
        "  username: sa",
        "marketo:",
        "  baseUrl: " + marketo.baseUrl(),
        "  clientId: " + MarketoSimulator.CLIENT_ID,
        "  clientSecret: not-the-secret",
        "  snapshotStart: 2023-12-01T00:00:00Z",
        "  bulkPollSeconds: 0",
        "schedule: { personSyncSeconds: 1, deliverySeconds: 1 }",
        ""));
    return config;
  }

  @Test
  void statusCreatesNoTables() throws Exception {
    try (MarketoSimulator marketo = MarketoSimulator.start(SyntheticPeople.of(10, 1), MarketoSimulator.Options.unlimited(), Clock.systemUTC())) {
      String jdbcUrl = "jdbc:h2:file:" + dir.resolve("fresh").toAbsolutePath() + ";AUTO_SERVER=TRUE";
      RunConfig settings = RunConfig.load(config(marketo, jdbcUrl), Map.of());

      String status = Status.describe(settings);

      assertThat(status).contains("migration(s) pending");
      try (JdbcDatabase db = JdbcDatabase.pooled(JdbcSettings.of(jdbcUrl, "sa", ""))) {
        assertThat(db.pendingMigrations()).as("still nothing migrated").isPositive();
      }
    }
  }

  @Test
  void aRefusedSecretBacksOffAndShowsInStatus() throws Exception {
    try (MarketoSimulator marketo = MarketoSimulator.start(SyntheticPeople.of(10, 1), MarketoSimulator.Options.unlimited(), Clock.systemUTC())) {
      String jdbcUrl = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";AUTO_SERVER=TRUE";
      RunConfig settings = RunConfig.load(config(marketo, jdbcUrl), Map.of());

      try (Runner runner = Runner.start(settings)) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while ((runner.health(settings.onlyTenant().id()).isEmpty() || runner.health(settings.onlyTenant().id()).get(0).consecutiveFailures() == 0) && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        Thread.sleep(3_000); // three periods
        assertThat(marketo.identityCalls()).as("not asked again every period").isLessThanOrEqualTo(2);
        String status = Status.describe(settings);
        assertThat(status).contains("person sync", "FAILING", "refused client id " + MarketoSimulator.CLIENT_ID)
            .doesNotContain("not-the-secret");
      }
    }
  }

  @Test
  void statusNeedsNoVendorSecretSinceItReadsTheDatabaseAlone() throws Exception {
    try (MarketoSimulator marketo = MarketoSimulator.start(SyntheticPeople.of(10, 1), MarketoSimulator.Options.unlimited(), Clock.systemUTC())) {
      String jdbcUrl = "jdbc:h2:file:" + dir.resolve("nosecret").toAbsolutePath() + ";AUTO_SERVER=TRUE";
      Path config = config(marketo, jdbcUrl);
      Files.writeString(config, Files.readString(config).replace("  clientSecret: not-the-secret\n", ""));

      assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> RunConfig.load(config, Map.of())))
          .as("run and reconcile still require it").hasMessageContaining("marketo.clientSecret is required");
      UnisyncCli.StatusCommand command = new UnisyncCli.StatusCommand();
      command.config = config;

      assertThat(command.call()).as("status exits 0 without the secret").isZero();
    }
  }

  @Test
  void anH2FileAnotherProcessHoldsIsOneClearLineNotAStackTrace() throws Exception {
    try (MarketoSimulator marketo = MarketoSimulator.start(SyntheticPeople.of(10, 1), MarketoSimulator.Options.unlimited(), Clock.systemUTC())) {
      String jdbcUrl = "jdbc:h2:file:" + dir.resolve("held").toAbsolutePath();
      Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
          System.getProperty("java.class.path"), HoldH2File.class.getName(), jdbcUrl).redirectErrorStream(true).start();
      java.io.PrintStream originalErr = System.err;
      try (java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream()))) {
        assertThat(lines.readLine()).as("the holder opened the file").isEqualTo("ready");
        UnisyncCli.StatusCommand command = new UnisyncCli.StatusCommand();
        command.config = config(marketo, jdbcUrl);
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));

        int exit = command.call();

        System.setErr(originalErr);
        String printed = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(exit).isEqualTo(1);
        assertThat(printed).contains("unisync status: cannot read the database: ").contains("AUTO_SERVER=TRUE")
            .doesNotContain("\tat ");
        assertThat(printed.lines().filter(line -> !line.startsWith("[")).count()).as("besides log lines").isEqualTo(2);
      } finally {
        System.setErr(originalErr);
        holder.destroyForcibly().waitFor();
      }
    }
  }
}
