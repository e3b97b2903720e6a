package io.unisync.jdbc;

import javax.sql.DataSource;

class SharedBudgetLimitsH2Test extends SharedBudgetLimitsScenarios {
  @Override
  DataSource dataSource() {
    return TestDatabases.h2().dataSource();
  }
}
