package io.unisync.jdbc;

import io.unisync.core.port.Leases;
import io.unisync.core.port.CrmLinkStore;
import io.unisync.testkit.contract.CrmLinkStoreContract;

class JdbcCrmLinkStoreH2Test extends CrmLinkStoreContract {
  @Override
  protected CrmLinkStore newStore() {
    return TestDatabases.h2().crmLinkStore(TestDatabases.freshTenant());
  }

  @Override
  protected Leases leases() {
    return TestDatabases.h2().leases();
  }
}
