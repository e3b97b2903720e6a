package io.unisync.marketo;

import io.unisync.core.retry.RetryPolicy;
import io.unisync.testkit.sim.MarketoSimulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Settings that point the client at a simulator, with fast retries (interactive calls too, so the retry tests can use
 * the send gate's one-call reads), instant bulk polling, and a call limit far above what any test makes: Marketo's 100
 * calls per 20 s is what {@code MarketoRateLimitTest} is about (it sets its own), and elsewhere it would only make a
 * test wait 20 s of real time every 100 calls.
 */
final class Simulators {

  /** Calls per 20 s in test settings where the rate limit is not what the test is about. */
  static final int UNLIMITED_CALLS = 1_000_000;

  private Simulators() {}

  static MarketoSettings settings(MarketoSimulator sim, Instant snapshotStart) {
    return MarketoSettings.of(sim.baseUrl(), MarketoSimulator.CLIENT_ID, MarketoSimulator.CLIENT_SECRET)
        .withRetry(RetryPolicy.defaults().withBackground(5, Duration.ofMinutes(4)).withInteractive(5, Duration.ofMillis(1500))
            .withBackoff(Duration.ofMillis(5), Duration.ofMillis(50)))
        .withBulk(true, snapshotStart, Duration.ofDays(31), Duration.ZERO)
        .withRequestTimeout(Duration.ofSeconds(5))
        .withRateLimit(UNLIMITED_CALLS, Duration.ofSeconds(20), 10, 1.0)
        .withCreateActivityTypes(true);
  }

  static Marketo connect(MarketoSimulator sim, Clock clock, Instant snapshotStart) {
    return Marketo.connect(settings(sim, snapshotStart), clock);
  }
}
