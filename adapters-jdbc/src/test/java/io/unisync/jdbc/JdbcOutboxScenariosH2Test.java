package io.unisync.jdbc;

class JdbcOutboxScenariosH2Test extends JdbcOutboxScenarios {
  @Override
  JdbcDatabase database() {
    return TestDatabases.h2();
  }
}
