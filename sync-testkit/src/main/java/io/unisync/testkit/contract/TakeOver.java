package io.unisync.testkit.contract;

import io.unisync.core.port.Fence;
import io.unisync.core.port.Lease;
import io.unisync.core.port.Leases;
import java.time.Duration;
import java.util.UUID;

/**
 * A lease held by one replica and then taken over by another, for testing fenced writes: {@link #first()} is
 * the first replica's fence, valid until {@link #takeOver()} hands the lease to the second replica and returns
 * the second's. Each instance uses a fresh lease name.
 */
public final class TakeOver {

  private static final Duration TTL = Duration.ofMinutes(5);

  private final Leases leases;
  private final Lease first;

  private TakeOver(Leases leases, Lease first) {
    this.leases = leases;
    this.first = first;
  }

  /**
   * The first replica acquires a fresh lease.
   *
   * @param leases the leases
   * @return the take-over under way
   */
  public static TakeOver begin(Leases leases) {
    String name = "tenant-" + UUID.randomUUID();
    return new TakeOver(leases, leases.acquire(name, "replica-a", TTL).orElseThrow());
  }

  /** {@return the first replica's fence} */
  public Fence first() {
    return first.fence();
  }

  /** {@return the first replica lets go (as after its lease lapsed) and the second acquires: the second's fence} */
  public Fence takeOver() {
    leases.release(first);
    return leases.acquire(first.name(), "replica-b", TTL).orElseThrow().fence();
  }
}
