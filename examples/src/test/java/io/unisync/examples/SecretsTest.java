package io.unisync.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.unisync.jdbc.JdbcDatabase;
import io.unisync.jdbc.JdbcSettings;
import io.unisync.testkit.sim.MarketoSimulator;
import io.unisync.testkit.sim.SalesforceSimulator;
import io.unisync.testkit.sim.SyntheticPeople;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Planted secrets appear in no output (issue 24): not in the configuration check's problems, nor in a DEBUG log of
 * {@code unisync run} syncing both vendors, nor in {@code status}, nor in any row of any table it wrote.
 */
class SecretsTest {

  static final String DB_PASSWORD = "Db-Pl4nted-S3cret";

  @TempDir
  Path dir;

  @Test
  void plantedSecretsAppearInNoOutputNoLogAndNoTable() throws Exception {
    List<String> secrets = List.of(MarketoSimulator.CLIENT_SECRET, SalesforceSimulator.CLIENT_SECRET, DB_PASSWORD);
    try (MarketoSimulator marketo = MarketoSimulator.start(SyntheticPeople.of(300, 5), MarketoSimulator.Options.unlimited(), Clock.systemUTC());
        SalesforceSimulator salesforce = SalesforceSimulator.start(Clock.systemUTC(), null, 100_000, Duration.ofHours(1))) {
      String jdbcUrl = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
      Path config = dir.resolve("unisync.yaml");
      Files.writeString(config, String.join("\n",
          "tenant: secrets",
          "database: { url: \"" + jdbcUrl + "\", username: sa, password: \"" + DB_PASSWORD + "\" }",
          "marketo:",
          "  baseUrl: " + marketo.baseUrl(),
          "  clientId: " + MarketoSimulator.CLIENT_ID,
          "  clientSecret: \"" + MarketoSimulator.CLIENT_SECRET + "\"",
          "  snapshotStart: 2023-12-01T00:00:00Z",
          "  bulkPollSeconds: 0",
          "  callsPerWindow: 100000", // the simulator does not enforce Marketo's limit; waiting out its window is not what this is about
          "salesforce:",
          "  tokenUrl: " + salesforce.baseUrl(),
          "  clientId: " + SalesforceSimulator.CLIENT_ID,
          "  clientSecret: \"" + SalesforceSimulator.CLIENT_SECRET + "\"",
          "schedule: { personSyncSeconds: 1, deliverySeconds: 1, twoWaySeconds: 1 }",
          ""));
      List<String> outputs = new ArrayList<>();

      // 1. the configuration check, on files that go wrong right where a secret is
      outputs.add(problems(dir.resolve("unclosed.yaml"), Files.readString(config).replace("clientSecret: \"" + MarketoSimulator.CLIENT_SECRET
          + "\"", "clientSecret: \"" + MarketoSimulator.CLIENT_SECRET)));
      outputs.add(problems(dir.resolve("inurl.yaml"), Files.readString(config).replace("baseUrl: http://", "baseUrl: http://admin:"
          + DB_PASSWORD + "@")));
      outputs.add(problems(dir.resolve("twice.yaml"), Files.readString(config).replace("  clientId: " + MarketoSimulator.CLIENT_ID,
          "  clientId: " + MarketoSimulator.CLIENT_ID + "\n  clientSecret: \"" + SalesforceSimulator.CLIENT_SECRET + "\"")));

      // 2. a run with every logger at DEBUG, until both vendors were called, then SIGTERM
      Path log = dir.resolve("run.log");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process run = new ProcessBuilder(java, "-Xmx256m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug", "-cp",
          System.getProperty("java.class.path"), "io.unisync.examples.UnisyncCli", "run", "--config", config.toString())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      try {
        RunSigtermTest.await(() -> {
          try {
            return Files.readString(log).contains("Initial sync complete") && salesforce.tokenCalls() > 0;
          } catch (java.io.IOException e) {
            return false;
          }
        }, run, log);
        run.destroy();
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
      } finally {
        run.destroyForcibly();
      }
      String logged = Files.readString(log);
      assertThat(logged).as("the run got as far as both vendors").contains("Initial sync complete");
      assertThat(salesforce.tokenCalls()).isPositive();
      outputs.add(logged);

      // 3. status, and 4. every row of every table
      outputs.add(Status.describe(RunConfig.load(config, Map.of())));
      outputs.add(tables(jdbcUrl));

      for (String output : outputs) {
        for (String secret : secrets) {
          assertThat(output).as("an output holding a planted secret").doesNotContain(secret);
        }
      }
      assertThat(String.join("", outputs).length()).as("there was output to search").isGreaterThan(10_000);
    }
  }

  private static String problems(Path file, String yaml) throws Exception {
    Files.writeString(file, yaml);
    Throwable thrown = catchThrowable(() -> RunConfig.load(file, Map.of()));
    assertThat(thrown).as(file.getFileName().toString()).isNotNull();
    return thrown.getMessage();
  }

  private static String tables(String jdbcUrl) throws Exception {
    StringBuilder all = new StringBuilder();
    try (JdbcDatabase db = JdbcDatabase.pooled(JdbcSettings.of(jdbcUrl, "sa", DB_PASSWORD));
        Connection connection = java.sql.DriverManager.getConnection(jdbcUrl, "sa", DB_PASSWORD);
        Statement statement = connection.createStatement()) {
      List<String> names = new ArrayList<>();
      try (ResultSet tables = statement.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'")) {
        while (tables.next()) {
          names.add(tables.getString(1));
        }
      }
      assertThat(names).as("the tables unisync wrote").isNotEmpty();
      for (String name : names) {
        try (ResultSet rows = statement.executeQuery("SELECT * FROM \"" + name + "\"")) {
          int columns = rows.getMetaData().getColumnCount();
          while (rows.next()) {
            for (int c = 1; c <= columns; c++) {
              all.append(rows.getString(c)).append('\t');
            }
            all.append('\n');
          }
        }
      }
    }
    return all.toString();
  }
}
