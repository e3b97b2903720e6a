package io.unisync.testkit;

import io.unisync.core.error.LeaseLostException;
import io.unisync.core.port.Fence;
import io.unisync.core.port.Lease;
import io.unisync.core.port.Leases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link Leases} in memory, on the clock you give it (a {@link ManualClock} in tests). The in-memory stores
 * created with it ({@code new InMemoryPersonStore(leases)}, ...) check their fences against it, atomically with
 * their writes, as the JDBC stores do in their transactions. Thread-safe.
 */
public final class InMemoryLeases implements Leases {

  /** The holder of a released lease: no one. */
  private static final String NOBODY = "";

  private final Clock clock;
  private final Map<String, Lease> leases = new HashMap<>();

  /**
   * Leases whose expiry {@code clock} judges.
   *
   * @param clock the clock
   */
  public InMemoryLeases(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Optional<Lease> acquire(String name, String holder, Duration ttl) {
    check(holder, ttl);
    Instant now = clock.instant();
    Lease current = leases.get(name);
    if (current != null && current.isValidAt(now)) {
      if (!current.holder().equals(holder)) {
        return Optional.empty();
      }
      return Optional.of(put(new Lease(name, holder, current.epoch(), now.plus(ttl))));
    }
    long epoch = current == null ? 1 : current.epoch() + 1;
    return Optional.of(put(new Lease(name, holder, epoch, now.plus(ttl))));
  }

  @Override
  public synchronized Optional<Lease> renew(Lease lease, Duration ttl) {
    check(lease.holder(), ttl);
    Lease current = leases.get(lease.name());
    if (current == null || current.epoch() != lease.epoch() || !current.holder().equals(lease.holder())) {
      return Optional.empty();
    }
    return Optional.of(put(new Lease(lease.name(), lease.holder(), lease.epoch(), clock.instant().plus(ttl))));
  }

  @Override
  public synchronized void release(Lease lease) {
    Lease current = leases.get(lease.name());
    if (current != null && current.epoch() == lease.epoch() && current.holder().equals(lease.holder())) {
      leases.put(lease.name(), new Lease(lease.name(), NOBODY, lease.epoch(), Instant.EPOCH));
    }
  }

  @Override
  public synchronized Optional<Lease> current(String name) {
    return Optional.ofNullable(leases.get(name));
  }

  /**
   * Runs a write under a fence: while no newer epoch of its lease exists, and atomically with that check (no
   * acquisition can come between the check and the write).
   *
   * @throws LeaseLostException the lease has another epoch now, or does not exist
   * @param <T> the result's type
   * @param fence the fence
   * @param write the write
   * @return its result
   */
  public synchronized <T> T underFence(Fence fence, Supplier<T> write) {
    Lease current = leases.get(fence.lease());
    long epoch = current == null ? 0 : current.epoch();
    if (epoch != fence.epoch()) {
      throw new LeaseLostException(fence.lease(), fence.epoch(), epoch);
    }
    return write.get();
  }

  /**
   * As {@link #underFence(Fence, Supplier)}, for a write without a result.
   *
   * @param fence the fence
   * @param write the write
   */
  public void underFence(Fence fence, Runnable write) {
    underFence(fence, () -> {
      write.run();
      return null;
    });
  }

  private Lease put(Lease lease) {
    leases.put(lease.name(), lease);
    return lease;
  }

  private static void check(String holder, Duration ttl) {
    if (holder.isBlank()) {
      throw new IllegalArgumentException("a holder must not be blank");
    }
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("a lease's time to live must be positive, was " + ttl);
    }
  }
}
