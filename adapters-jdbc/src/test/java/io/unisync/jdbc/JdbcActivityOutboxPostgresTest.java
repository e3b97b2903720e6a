package io.unisync.jdbc;

import io.unisync.core.port.ActivityOutbox;
import io.unisync.testkit.contract.ActivityOutboxContract;

class JdbcActivityOutboxPostgresTest extends ActivityOutboxContract {
  @Override
  protected ActivityOutbox newOutbox() {
    return TestDatabases.postgres().activityOutbox(TestDatabases.freshTenant());
  }
}
