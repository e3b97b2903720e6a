package io.unisync.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unisync.core.domain.Activity;
import io.unisync.core.error.ConfigurationException;
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
import io.unisync.testkit.sim.SalesforceSimulator;
import io.unisync.testkit.sim.SyntheticPeople;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code unisync run} against the simulators, as if they were real instances, through a configuration file. */
class RunTest {

  @TempDir
  Path dir;

  @Test
  void runSyncsStopsWithoutLosingAnActivityAndResumes() throws Exception {
    try (MarketoSimulator marketo = MarketoSimulator.start(SyntheticPeople.of(3_000, 9), MarketoSimulator.Options.unlimited(), Clock.systemUTC());
        SalesforceSimulator salesforce = SalesforceSimulator.start(Clock.systemUTC(), null, 1_000_000, Duration.ofHours(2))) {
      Path config = dir.resolve("unisync.yaml");
      String jdbcUrl = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
      Files.writeString(config, String.join("\n",
          "tenant: acme-run",
          "database:",
          "  url: \"" + jdbcUrl + "\"",
          "  username: sa",
          "marketo:",
          "  baseUrl: " + marketo.baseUrl(),
          "  clientId: " + MarketoSimulator.CLIENT_ID,
          "  clientSecret: from-the-environment-instead",
          "  snapshotStart: 2023-12-01T00:00:00Z",
          "  bulkPollSeconds: 0",
          "  callsPerWindow: 100000", // the simulator does not enforce Marketo's limit; waiting out its window is not what this is about
          "  createActivityTypes: true",
          "salesforce:",
          "  tokenUrl: " + salesforce.baseUrl(),
          "  clientId: " + SalesforceSimulator.CLIENT_ID,
          "  clientSecret: " + SalesforceSimulator.CLIENT_SECRET,
          "schedule:",
          "  personSyncSeconds: 1",
          "  deliverySeconds: 1",
          "  twoWaySeconds: 1",
          ""));
      RunConfig settings = RunConfig.load(config, Map.of("UNISYNC_MARKETO_CLIENT_SECRET", MarketoSimulator.CLIENT_SECRET));
      assertThat(settings.toString()).doesNotContain(MarketoSimulator.CLIENT_SECRET, SalesforceSimulator.CLIENT_SECRET);

      Runner first = Runner.start(settings);
      try (JdbcDatabase db = JdbcDatabase.pooled(JdbcSettings.of(jdbcUrl, "sa", "").withMaxPoolSize(2))) {
        Tenant tenant = Tenant.of("acme-run");
        await(() -> db.personStore(tenant).checkpoint().map(c -> c.phase() == Checkpoint.Phase.INCREMENTAL).orElse(false));
        assertThat(db.personStore(tenant).count()).isPositive();

        // the host records activities while unisync runs
        JdbcActivityOutbox outbox = db.activityOutbox(tenant);
        List<Activity> recorded = new ArrayList<>();
        for (long n = 0; n < 400; n++) {
          Activity activity = SampleActivities.activity(n, 1 + (n * 7) % 3_000, Instant.now(Clock.systemUTC()));
          if (db.personStore(tenant).findById(activity.person()).isPresent()) {
            recorded.add(activity);
            outbox.enqueue(List.of(new OutboxDraft(Destination.MARKETO, activity, Instant.now(Clock.systemUTC()))));
          }
        }
        first.close(); // what the SIGTERM hook does
        Map<OutboxState, Long> afterStop = outbox.counts(Destination.MARKETO);
        assertThat(afterStop.get(OutboxState.PENDING) + afterStop.get(OutboxState.DELIVERED)).as("nothing lost").isEqualTo(recorded.size());
        assertThat(afterStop.get(OutboxState.DEAD)).isZero();

        try (Runner second = Runner.start(settings)) {
          await(() -> outbox.counts(Destination.MARKETO).get(OutboxState.DELIVERED) == recorded.size());
        }
        Set<String> inMarketo = marketo.externalActivities().stream().map(a -> a.get("unisyncActivityId")).collect(Collectors.toSet());
        assertThat(inMarketo).containsAll(recorded.stream().map(a -> a.id().value()).toList());
        assertThat(marketo.externalActivities()).as("no activity twice").hasSize(recorded.size());

        String status = Status.describe(settings);
        assertThat(status).contains("INCREMENTAL", "delivered " + recorded.size());
      }
    }
  }

  @Test
  void aBadConfigurationListsEveryProblem() throws Exception {
    Path config = dir.resolve("bad.yaml");
    Files.writeString(config, "database:\n  url: jdbc:h2:mem:x\nmarketo:\n  baseUrl: not a url\nschedule:\n  deliverySeconds: -3\n");

    assertThatThrownBy(() -> RunConfig.load(config, Map.of()))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems())
            .anySatisfy(p -> assertThat(p).contains("tenant"))
            .anySatisfy(p -> assertThat(p).contains("marketo.baseUrl"))
            .anySatisfy(p -> assertThat(p).contains("marketo.clientId"))
            .anySatisfy(p -> assertThat(p).contains("marketo.clientSecret"))
            .anySatisfy(p -> assertThat(p).contains("schedule.deliverySeconds")));
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 60 s");
      }
      Thread.sleep(100);
    }
  }
}
