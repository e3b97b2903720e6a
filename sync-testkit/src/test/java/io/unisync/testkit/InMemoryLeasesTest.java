package io.unisync.testkit;

import io.unisync.core.port.Leases;
import io.unisync.testkit.contract.LeasesContract;
import java.time.Clock;

class InMemoryLeasesTest extends LeasesContract {

  @Override
  protected Leases newLeases(Clock clock) {
    return new InMemoryLeases(clock);
  }
}
