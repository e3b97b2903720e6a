package io.unisync.jdbc;

import io.unisync.core.port.Leases;
import io.unisync.testkit.contract.LeasesContract;
import java.time.Clock;

class JdbcLeasesH2Test extends LeasesContract {

  @Override
  protected Leases newLeases(Clock clock) {
    return JdbcLeases.create(TestDatabases.h2().dataSource(), clock);
  }
}
