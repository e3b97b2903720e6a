package io.unisync.jdbc;

class JdbcStoreScenariosH2Test extends JdbcStoreScenarios {
  @Override
  JdbcDatabase database() {
    return TestDatabases.h2();
  }
}
