package io.unisync.jdbc;

class JdbcStoreScenariosPostgresTest extends JdbcStoreScenarios {
  @Override
  JdbcDatabase database() {
    return TestDatabases.postgres();
  }
}
