package io.unisync.jdbc;

class ReconciliationH2Test extends ReconciliationScenarios {
  @Override
  JdbcDatabase db() {
    return TestDatabases.h2();
  }
}
