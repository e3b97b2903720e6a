package io.unisync.jdbc;

import io.unisync.core.port.Leases;
import io.unisync.testkit.contract.LeasesContract;
import java.time.Clock;

class JdbcLeasesPostgresTest extends LeasesContract {

  @Override
  protected Leases newLeases(Clock clock) {
    return JdbcLeases.create(TestDatabases.postgres().dataSource(), clock);
  }
}
