package io.unisync.jdbc;

import io.unisync.core.port.Leases;
import io.unisync.core.port.ReminderStore;
import io.unisync.testkit.contract.ReminderStoreContract;

class JdbcReminderStoreH2Test extends ReminderStoreContract {
  @Override
  protected ReminderStore newStore() {
    return TestDatabases.h2().reminderStore(TestDatabases.freshTenant());
  }

  @Override
  protected Leases leases() {
    return TestDatabases.h2().leases();
  }
}
