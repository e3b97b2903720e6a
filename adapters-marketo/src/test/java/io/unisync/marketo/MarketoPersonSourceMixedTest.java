package io.unisync.marketo;

import io.unisync.testkit.sim.MarketoSimulator;
import java.time.Instant;

/** The same contract with the mixed snapshot: bulk exports from the oldest window up, an id scan from the newest lead down. */
class MarketoPersonSourceMixedTest extends MarketoPersonSourceTest {

  @Override
  MarketoSettings settings(MarketoSimulator sim, Instant snapshotStart) {
    MarketoSettings base = Simulators.settings(sim, snapshotStart);
    return base.toBuilder().snapshot(base.snapshot().toBuilder().mixed(true).build()).build();
  }
}
