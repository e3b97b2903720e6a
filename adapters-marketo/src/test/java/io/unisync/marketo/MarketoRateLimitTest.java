package io.unisync.marketo;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.domain.PersonId;
import io.unisync.testkit.sim.MarketoSimulator;
import io.unisync.testkit.sim.SyntheticPeople;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The limiter against a simulator that enforces the limits, with the window scaled down from 100 calls /
 * 20 s to 20 calls / 2 s (same shape, ten times faster) so several windows fit in a few seconds.
 */
@Tag("soak")
class MarketoRateLimitTest {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MarketoRateLimitTest.class);

  @Test
  void aLongRunUsesAtLeastNinetyPercentOfTheRateWithoutProvokingRateOrConcurrencyErrors() throws Exception {
    MarketoSimulator sim = MarketoSimulator.start(SyntheticPeople.of(1_000, 2),
        MarketoSimulator.Options.defaults().withRateLimit(20, Duration.ofSeconds(2)), Clock.systemUTC());
    try {
      MarketoSettings settings = Simulators.settings(sim, Instant.parse("2024-01-01T00:00:00Z"))
          .withRateLimit(20, Duration.ofSeconds(2), 10, 1.0);
      MarketoPersonSource source = Marketo.connect(settings, Clock.systemUTC()).personSource();
      int total = 120; // 20 at once, then 100 more: five further windows
      ConcurrentLinkedQueue<Long> starts = new ConcurrentLinkedQueue<>();
      ExecutorService pool = Executors.newFixedThreadPool(12);
      List<Future<?>> workers = new ArrayList<>();
      for (int i = 0; i < total; i++) {
        long id = 1 + i % 1_000;
        workers.add(pool.submit(() -> {
          source.readCurrent(List.of(PersonId.of(id)));
          starts.add(System.nanoTime());
          return null;
        }));
      }
      for (Future<?> worker : workers) {
        worker.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();

      List<Long> sorted = starts.stream().sorted().toList();
      double seconds = (sorted.get(sorted.size() - 1) - sorted.get(19)) / 1e9;
      double rate = (total - 20) / seconds; // steady state after the first full window
      double allowed = 20 / 2.0;
      LOG.info(String.format("rate-limit run: %d calls, steady %.2f calls/s of %.1f allowed (%.0f%%), 606: %d, 615: %d, peak concurrency %d",
          total, rate, allowed, 100 * rate / allowed, sim.rateLimitErrors(), sim.concurrencyErrors(), sim.peakConcurrency()));
      assertThat(sim.rateLimitErrors()).as("606 provoked").isZero();
      assertThat(sim.concurrencyErrors()).as("615 provoked").isZero();
      assertThat(rate / allowed).as("share of the allowed rate used").isGreaterThanOrEqualTo(0.9);
      assertThat(sim.peakConcurrency()).isLessThanOrEqualTo(10);
    } finally {
      sim.close();
    }
  }

  @Test
  void anInteractiveReadGoesBeforeQueuedBackgroundWork() throws Exception {
    MarketoSimulator sim = MarketoSimulator.start(SyntheticPeople.of(1_000, 2),
        MarketoSimulator.Options.defaults().withRateLimit(10, Duration.ofSeconds(2)), Clock.systemUTC());
    try {
      Marketo marketo = Marketo.connect(Simulators.settings(sim, Instant.parse("2024-01-01T00:00:00Z"))
          .withRateLimit(10, Duration.ofSeconds(2), 10, 1.0), Clock.systemUTC());
      MarketoPersonSource background = marketo.personSource();
      MarketoUnsubscribeStatus interactive = marketo.unsubscribeStatus();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> queued = new ArrayList<>();
      for (int i = 0; i < 30; i++) { // three windows of background reads
        long id = 1 + i;
        queued.add(pool.submit(() -> background.readCurrent(List.of(PersonId.of(id)))));
      }
      Thread.sleep(300); // the first window is used up, 20 background reads wait
      long start = System.nanoTime();
      interactive.isUnsubscribed(PersonId.of(500));
      double waited = (System.nanoTime() - start) / 1e9;
      for (Future<?> f : queued) {
        f.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();

      assertThat(waited).as("seconds the interactive read waited (one window and a loaded machine's margin, not the three windows of queued work)").isLessThan(3.5);
      assertThat(sim.rateLimitErrors()).isZero();
    } finally {
      sim.close();
    }
  }
}
