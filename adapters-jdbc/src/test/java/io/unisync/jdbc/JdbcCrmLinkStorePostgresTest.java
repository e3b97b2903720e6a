package io.unisync.jdbc;

import io.unisync.core.port.Leases;
import io.unisync.core.port.CrmLinkStore;
import io.unisync.testkit.contract.CrmLinkStoreContract;

class JdbcCrmLinkStorePostgresTest extends CrmLinkStoreContract {
  @Override
  protected CrmLinkStore newStore() {
    return TestDatabases.postgres().crmLinkStore(TestDatabases.freshTenant());
  }

  @Override
  protected Leases leases() {
    return TestDatabases.postgres().leases();
  }
}
