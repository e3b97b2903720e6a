package io.unisync.jdbc;

import io.unisync.core.port.Leases;
import io.unisync.core.port.ReminderStore;
import io.unisync.testkit.contract.ReminderStoreContract;

class JdbcReminderStorePostgresTest extends ReminderStoreContract {
  @Override
  protected ReminderStore newStore() {
    return TestDatabases.postgres().reminderStore(TestDatabases.freshTenant());
  }

  @Override
  protected Leases leases() {
    return TestDatabases.postgres().leases();
  }
}
