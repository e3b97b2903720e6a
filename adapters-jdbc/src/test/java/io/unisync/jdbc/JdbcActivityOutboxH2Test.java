package io.unisync.jdbc;

import io.unisync.core.port.ActivityOutbox;
import io.unisync.testkit.contract.ActivityOutboxContract;

class JdbcActivityOutboxH2Test extends ActivityOutboxContract {
  @Override
  protected ActivityOutbox newOutbox() {
    return TestDatabases.h2().activityOutbox(TestDatabases.freshTenant());
  }
}
