package io.unisync.jdbc;

class ReconciliationPostgresTest extends ReconciliationScenarios {
  @Override
  JdbcDatabase db() {
    return TestDatabases.postgres();
  }
}
