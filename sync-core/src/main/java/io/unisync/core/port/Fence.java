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

  public Fence {
    Objects.requireNonNull(lease, "lease");
    if (epoch < 1) {
      throw new IllegalArgumentException("a fence's epoch starts at 1, was " + epoch);
    }
  }
}
