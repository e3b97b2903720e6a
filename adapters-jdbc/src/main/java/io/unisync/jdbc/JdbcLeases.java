package io.unisync.jdbc;

import io.unisync.core.port.Lease;
import io.unisync.core.port.Leases;
import io.unisync.jdbc.internal.LeaseTable;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link Leases} in the {@code unisync_lease} table (migration V6), on PostgreSQL or H2: every replica that
 * shares the database sees the same leases. Each call is one short transaction that locks the lease's row.
 * Expiry is judged by this process's clock, so replicas' clocks should agree to well within the time to live
 * (NTP); safety does not depend on it, since every fenced write checks the epoch in its own transaction.
 * Thread-safe.
 */
public final class JdbcLeases implements Leases {

  private final LeaseTable table;

  private JdbcLeases(LeaseTable table) {
    this.table = table;
  }

  /**
   * Leases in the database behind {@code dataSource}; {@code clock} judges expiry.
   *
   * @param dataSource the database every holder shares
   * @param clock judges expiry
   * @return the leases
   */
  public static JdbcLeases create(DataSource dataSource, Clock clock) {
    return new JdbcLeases(new LeaseTable(dataSource, clock));
  }

  @Override
  public Optional<Lease> acquire(String name, String holder, Duration ttl) {
    check(name, holder, ttl);
    return table.acquire(name, holder, ttl);
  }

  @Override
  public Optional<Lease> renew(Lease lease, Duration ttl) {
    check(lease.name(), lease.holder(), ttl);
    return table.renew(lease, ttl);
  }

  /** One transaction for all of them (a few statements of up to 500 names each). */
  @Override
  public java.util.Map<String, Lease> renewAll(java.util.Collection<Lease> held, Duration ttl) {
    held.forEach(l -> check(l.name(), l.holder(), ttl));
    return table.renewAll(held, ttl);
  }

  /** One read (in statements of up to 500 names). */
  @Override
  public java.util.Map<String, Lease> currentAll(java.util.Collection<String> names) {
    return table.currentAll(names);
  }

  @Override
  public void release(Lease lease) {
    table.release(lease);
  }

  @Override
  public Optional<Lease> current(String name) {
    return table.current(name);
  }

  private static void check(String name, String holder, Duration ttl) {
    if (name.isBlank() || holder.isBlank()) {
      throw new IllegalArgumentException("a lease needs a name and a holder");
    }
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("a lease's time to live must be positive, was " + ttl);
    }
  }

  @Override
  public String toString() {
    return "JdbcLeases";
  }
}
