package io.unisync.core.port;

import java.util.Objects;

/**
 * What a write made under a {@link Lease} carries: the lease's name and the epoch it was acquired with. A store
 * {@linkplain PersonStore#fencedBy fenced} by it checks, in the same transaction as the write, that no newer
 * epoch of the lease exists; if one does, nothing of the write commits and it fails with
 * {@link io.unisync.core.error.LeaseLostException}.
 *
 * @param lease the lease's name
 * @param epoch the epoch the writer holds
 */
public record Fence(String lease, long epoch) {

  /** How a tenant's lease is named: {@code tenant/<tenant id>} (what {@code TenantRunner} takes for each tenant it runs). */
  public static final String TENANT_LEASE_PREFIX = "tenant/";

  /**
   * Checks the lease is present and the epoch at least 1.
   *
   * @param lease the lease's name
   * @param epoch the epoch the writer holds
   */
  public Fence {
    Objects.requireNonNull(lease, "lease");
    if (epoch < 1) {
      throw new IllegalArgumentException("a fence's epoch starts at 1, was " + epoch);
    }
  }

  /**
   * The tenant whose data this fence guards, when its lease is a tenant's ({@value #TENANT_LEASE_PREFIX}{@code <id>}):
   * a store of another tenant refuses it. Empty for a lease of the host's own naming.
   *
   * @return the tenant's id, if the lease is a tenant's
   */
  public java.util.Optional<String> tenant() {
    return lease.startsWith(TENANT_LEASE_PREFIX) ? java.util.Optional.of(lease.substring(TENANT_LEASE_PREFIX.length()))
        : java.util.Optional.empty();
  }
}
