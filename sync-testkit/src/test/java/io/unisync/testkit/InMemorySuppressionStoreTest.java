package io.unisync.testkit;

import io.unisync.core.port.SuppressionStore;
import io.unisync.core.port.WatermarkStore;
import io.unisync.testkit.contract.SuppressionStoreContract;

class InMemorySuppressionStoreTest extends SuppressionStoreContract {

  @Override
  protected SuppressionStore newSuppressionStore() {
    return new InMemorySuppressionStore();
  }

  @Override
  protected WatermarkStore newWatermarkStore() {
    return new InMemoryWatermarkStore();
  }
}
