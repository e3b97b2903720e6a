package io.unisync.jdbc;

import io.unisync.core.port.CallBudget;
import io.unisync.core.port.CallLimits;
import io.unisync.testkit.contract.CallBudgetContract;
import java.time.Clock;
import java.util.UUID;

class JdbcCallBudgetPostgresTest extends CallBudgetContract {

  private String instance;
  private CallLimits limits;

  @Override
  protected CallBudget newBudget(CallLimits limits) {
    this.instance = "marketo:test-" + UUID.randomUUID();
    this.limits = limits;
    return JdbcCallBudget.create(TestDatabases.postgres().dataSource(), instance, limits, Clock.systemUTC());
  }

  @Override
  protected CallBudget sameInstanceElsewhere() {
    return JdbcCallBudget.create(TestDatabases.postgres().dataSource(), instance, limits, Clock.systemUTC()); // another process's handle
  }
}
