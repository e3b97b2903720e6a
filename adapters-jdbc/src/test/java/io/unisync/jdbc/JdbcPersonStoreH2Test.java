package io.unisync.jdbc;

import io.unisync.core.port.Leases;
import io.unisync.core.port.PersonStore;
import io.unisync.testkit.contract.PersonStoreContract;

class JdbcPersonStoreH2Test extends PersonStoreContract {

  @Override
  protected PersonStore newStore() {
    return TestDatabases.h2().personStore(TestDatabases.freshTenant());
  }

  @Override
  protected FaultyStore newStoreWithCheckpointFault() {
    TestDatabases.FaultyDataSource faulty = TestDatabases.FaultyDataSource.failingCheckpointWrites(TestDatabases.h2().dataSource());
    return new FaultyStore(JdbcPersonStore.create(faulty.dataSource(), TestDatabases.freshTenant()), faulty::arm);
  }

  @Override
  protected Leases leases() {
    return TestDatabases.h2().leases();
  }
}
