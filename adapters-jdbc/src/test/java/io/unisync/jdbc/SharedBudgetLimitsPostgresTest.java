package io.unisync.jdbc;

import javax.sql.DataSource;

class SharedBudgetLimitsPostgresTest extends SharedBudgetLimitsScenarios {
  @Override
  DataSource dataSource() {
    return TestDatabases.postgres().dataSource();
  }
}
