package io.unisync.marketo;

import io.unisync.core.retry.RetryPolicy;
import io.unisync.testkit.sim.MarketoSimulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Settings that point the client at a simulator, with fast retries (interactive calls too, so the retry tests can use
 * the send gate's one-call reads) and instant bulk polling.
 */
final class Simulators {

  private Simulators() {}

  static MarketoSettings settings(MarketoSimulator sim, Instant snapshotStart) {
    return MarketoSettings.of(sim.baseUrl(), MarketoSimulator.CLIENT_ID, MarketoSimulator.CLIENT_SECRET)
        .withRetry(RetryPolicy.defaults().withBackground(5, Duration.ofMinutes(4)).withInteractive(5, Duration.ofMillis(1500))
            .withBackoff(Duration.ofMillis(5), Duration.ofMillis(50)))
        .withBulk(true, snapshotStart, Duration.ofDays(31), Duration.ZERO)
        .withRequestTimeout(Duration.ofSeconds(5))
        .withCreateActivityTypes(true);
  }

  static Marketo connect(MarketoSimulator sim, Clock clock, Instant snapshotStart) {
    return Marketo.connect(settings(sim, snapshotStart), clock);
  }
}
