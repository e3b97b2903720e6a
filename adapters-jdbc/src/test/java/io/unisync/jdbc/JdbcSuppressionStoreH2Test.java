package io.unisync.jdbc;

import io.unisync.core.port.Leases;
import io.unisync.core.port.SuppressionStore;
import io.unisync.core.port.WatermarkStore;
import io.unisync.testkit.contract.SuppressionStoreContract;

class JdbcSuppressionStoreH2Test extends SuppressionStoreContract {

  @Override
  protected SuppressionStore newSuppressionStore() {
    return TestDatabases.h2().suppressionStore(TestDatabases.freshTenant());
  }

  @Override
  protected WatermarkStore newWatermarkStore() {
    return TestDatabases.h2().watermarkStore(TestDatabases.freshTenant());
  }

  @Override
  protected Leases leases() {
    return TestDatabases.h2().leases();
  }
}
