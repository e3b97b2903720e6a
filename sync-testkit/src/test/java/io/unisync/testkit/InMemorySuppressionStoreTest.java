package io.unisync.testkit;

import java.time.Clock;
import io.unisync.core.port.Leases;
import io.unisync.core.port.SuppressionStore;
import io.unisync.core.port.WatermarkStore;
import io.unisync.testkit.contract.SuppressionStoreContract;

class InMemorySuppressionStoreTest extends SuppressionStoreContract {

  final InMemoryLeases leases = new InMemoryLeases(Clock.systemUTC());

  @Override
  protected SuppressionStore newSuppressionStore() {
    return new InMemorySuppressionStore(leases);
  }

  @Override
  protected WatermarkStore newWatermarkStore() {
    return new InMemoryWatermarkStore(leases);
  }

  @Override
  protected Leases leases() {
    return leases;
  }
}
