package io.unisync.marketo;

import io.unisync.testkit.sim.MarketoSimulator;
import java.time.Duration;
import java.time.Instant;

/** The same contract with bulk export off: the snapshot pages {@code leads.json} by id ranges. */
class MarketoPersonSourceRestPagingTest extends MarketoPersonSourceTest {

  @Override
  MarketoSettings settings(MarketoSimulator sim, Instant snapshotStart) {
    return Simulators.settings(sim, snapshotStart).withBulk(false, snapshotStart, Duration.ofDays(31), Duration.ZERO)
        .withRestPagingMaxId(700);
  }
}
