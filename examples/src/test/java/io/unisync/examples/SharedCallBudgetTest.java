package io.unisync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.domain.PersonId;
import io.unisync.jdbc.JdbcDatabase;
import io.unisync.jdbc.JdbcSettings;
import io.unisync.marketo.Marketo;
import io.unisync.marketo.MarketoPersonSource;
import io.unisync.marketo.MarketoSettings;
import io.unisync.testkit.sim.MarketoSimulator;
import io.unisync.testkit.sim.SyntheticPeople;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Three replicas of one Marketo instance, each with its own client, draw on one call budget in PostgreSQL: together
 * they stay inside the instance's limit (the simulator enforces it and counts 606s), and still use most of it.
 */
@Tag("soak")
class SharedCallBudgetTest {

  @Test
  void threeReplicasTogetherStayInsideTheInstancesLimit() throws Exception {
    String url = TestPostgres.url("the shared call budget");
    try (MarketoSimulator sim = MarketoSimulator.start(SyntheticPeople.of(1_000, 5),
            MarketoSimulator.Options.defaults().withRateLimit(20, Duration.ofSeconds(2)), Clock.systemUTC());
        JdbcDatabase db = JdbcDatabase.pooled(JdbcSettings.of(url, "", "").withMaxPoolSize(6))) {
      db.migrate();
      MarketoSettings settings = MarketoSettings.of(sim.baseUrl(), MarketoSimulator.CLIENT_ID, MarketoSimulator.CLIENT_SECRET)
          .withRateLimit(20, Duration.ofSeconds(2), 10, 1.0)
          .withRetries(0, Duration.ZERO, Duration.ZERO)
          .withBulk(true, Instant.parse("2024-01-01T00:00:00Z"), Duration.ofDays(31), Duration.ZERO);
      String instance = "marketo:shared-" + UUID.randomUUID();
      List<MarketoPersonSource> replicas = new ArrayList<>();
      for (int r = 0; r < 3; r++) { // each replica its own client, its own handle on the shared budget
        replicas.add(Marketo.connect(settings, Clock.systemUTC(), db.callBudget(instance, settings.callLimits())).personSource());
      }
      int perReplica = 30;
      ExecutorService pool = Executors.newFixedThreadPool(6);
      List<Future<?>> calls = new ArrayList<>();
      long start = System.nanoTime();
      for (int r = 0; r < 3; r++) {
        MarketoPersonSource replica = replicas.get(r);
        for (int t = 0; t < 2; t++) {
          int offset = r * 100 + t * 50;
          calls.add(pool.submit(() -> {
            for (int i = 0; i < perReplica / 2; i++) {
              replica.readCurrent(List.of(PersonId.of(1 + offset + i)));
            }
            return null;
          }));
        }
      }
      for (Future<?> call : calls) {
        call.get(2, TimeUnit.MINUTES);
      }
      pool.shutdown();
      double seconds = (System.nanoTime() - start) / 1e9;
      double rate = 3 * perReplica / seconds;

      assertThat(sim.rateLimitErrors()).as("606 provoked by the replicas together").isZero();
      assertThat(sim.concurrencyErrors()).as("615 provoked").isZero();
      assertThat(rate).as("calls/s of the 10/s allowed, over all replicas").isGreaterThan(10 * 0.6);
    }
  }

  /** The control: with a budget per process, the same three replicas do exceed the instance's limit. */
  @Test
  void withoutASharedBudgetTheSameReplicasProvoke606() throws Exception {
    try (MarketoSimulator sim = MarketoSimulator.start(SyntheticPeople.of(1_000, 5),
        MarketoSimulator.Options.defaults().withRateLimit(20, Duration.ofSeconds(2)), Clock.systemUTC())) {
      MarketoSettings settings = MarketoSettings.of(sim.baseUrl(), MarketoSimulator.CLIENT_ID, MarketoSimulator.CLIENT_SECRET)
          .withRateLimit(20, Duration.ofSeconds(2), 10, 1.0)
          .withRetries(0, Duration.ZERO, Duration.ZERO);
      ExecutorService pool = Executors.newFixedThreadPool(3);
      List<Future<?>> calls = new ArrayList<>();
      for (int r = 0; r < 3; r++) {
        MarketoPersonSource replica = Marketo.connect(settings, Clock.systemUTC()).personSource(); // its own budget
        int offset = r * 100;
        calls.add(pool.submit(() -> {
          for (int i = 0; i < 15; i++) {
            try {
              replica.readCurrent(List.of(PersonId.of(1 + offset + i)));
            } catch (io.unisync.core.error.SyncException expected) {
              // 606, as the simulator answers once the instance's window is full
            }
          }
          return null;
        }));
      }
      for (Future<?> call : calls) {
        call.get(2, TimeUnit.MINUTES);
      }
      pool.shutdown();

      assertThat(sim.rateLimitErrors()).as("606 provoked without a shared budget").isPositive();
    }
  }
}
