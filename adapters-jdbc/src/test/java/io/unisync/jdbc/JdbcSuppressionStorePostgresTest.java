package io.unisync.jdbc;

import io.unisync.core.port.Leases;
import io.unisync.core.port.SuppressionStore;
import io.unisync.core.port.WatermarkStore;
import io.unisync.testkit.contract.SuppressionStoreContract;

class JdbcSuppressionStorePostgresTest extends SuppressionStoreContract {

  @Override
  protected SuppressionStore newSuppressionStore() {
    return TestDatabases.postgres().suppressionStore(TestDatabases.freshTenant());
  }

  @Override
  protected WatermarkStore newWatermarkStore() {
    return TestDatabases.postgres().watermarkStore(TestDatabases.freshTenant());
  }

  @Override
  protected Leases leases() {
    return TestDatabases.postgres().leases();
  }
}
