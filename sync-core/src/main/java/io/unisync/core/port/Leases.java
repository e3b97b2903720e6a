package io.unisync.core.port;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who may do which work, among several processes that share one database: one holder per name at a time,
 * each acquisition with a fencing epoch (PostgreSQL in production, {@code JdbcLeases}; {@code InMemoryLeases}
 * in tests).
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>At most one holder has a valid lease on a name at any instant (valid: {@code now < expiresAt} by the
 *       implementation's clock).
 *   <li>Every new acquisition of a name gets an epoch greater than every epoch that name had before, whoever
 *       held it and whether it was released, expired or taken over; a renewal keeps the epoch.
 *   <li>Time only decides when a lease may change hands. Safety does not depend on clocks: a holder whose lease
 *       lapsed is stopped at its next write by the fence ({@link Lease#fence()}).
 *   <li>{@link #renewAll} and {@link #currentAll} do for many names what {@link #renew} and {@link #current} do for
 *       one, with the same answers; an implementation should do each in one round trip (a replica holding hundreds
 *       of tenants renews them all in one transaction), the defaults here call the single-name methods in turn.
 *   <li>Thread-safe; every call is one short transaction. Failures are
 *       {@link io.unisync.core.error.AdapterException}s.
 * </ul>
 * {@code LeasesContract} in {@code unisync-testkit} checks all of this, including several holders racing.
 */
public interface Leases {

  /**
   * Takes the lease on {@code name} for {@code holder} if no one else holds a valid one: a new epoch when the
   * lease was free, expired or released; the same epoch, renewed, when {@code holder} still holds it.
   *
   * @return the lease, or empty when another holder's lease is still valid
   * @param name the lease's name
   * @param holder who takes it
   * @param ttl how long it lives unrenewed
   */
  Optional<Lease> acquire(String name, String holder, Duration ttl);

  /**
   * Extends a lease held by {@code lease.holder()} with {@code lease.epoch()}, from now by {@code ttl}. A lease
   * that lapsed but was not taken by anyone else is renewed with its epoch (no one else wrote meanwhile).
   *
   * @return the renewed lease, or empty when the lease was taken over or released since
   * @param lease the lease held
   * @param ttl how long it lives unrenewed
   */
  Optional<Lease> renew(Lease lease, Duration ttl);

  /**
   * Gives the lease up at once, if it is still this epoch's; its epoch is kept, so the next holder gets a greater one.
   *
   * @param lease the lease held
   */
  void release(Lease lease);

  /**
   * The lease on {@code name} as stored (valid or not), if it was ever acquired.
   *
   * @param name the lease's name
   * @return the lease, if ever acquired
   */
  Optional<Lease> current(String name);

  /**
   * Renews every lease of {@code held} as {@link #renew} would, in one transaction where the implementation can: for
   * a replica holding many tenants, one round trip per round instead of one per tenant.
   *
   * @param held the leases held, at most one per name
   * @param ttl how long they live unrenewed, from now
   * @return the renewed leases by name; a lease of {@code held} that is missing was taken over or released since
   */
  default Map<String, Lease> renewAll(Collection<Lease> held, Duration ttl) {
    Map<String, Lease> renewed = new LinkedHashMap<>();
    for (Lease lease : held) {
      renew(lease, ttl).ifPresent(r -> renewed.put(r.name(), r));
    }
    return renewed;
  }

  /**
   * The leases on {@code names} as stored (valid or not), as {@link #current} gives them, in one read where the
   * implementation can.
   *
   * @param names the leases' names
   * @return the leases ever acquired among them, by name
   */
  default Map<String, Lease> currentAll(Collection<String> names) {
    Map<String, Lease> found = new LinkedHashMap<>();
    for (String name : names) {
      current(name).ifPresent(l -> found.put(name, l));
    }
    return found;
  }
}
