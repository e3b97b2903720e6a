package io.unisync.core.port;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The right, held by one holder until {@code expiresAt}, to do the work named {@code name} (one tenant's
 * sync). {@code epoch} grows with every new acquisition of the name, by anyone, and never goes back: a writer
 * that still believes it holds an older epoch is refused at its next commit ({@link #fence()}).
 *
 * @param name what the lease is for, e.g. the tenant id
 * @param holder who holds it (a replica's id)
 * @param epoch the fencing epoch of this acquisition (1 for the first)
 * @param expiresAt when it lapses unless renewed
 */
public record Lease(String name, String holder, long epoch, Instant expiresAt) {

  /**
   * Checks the values are present and the epoch at least 1.
   *
   * @param name what the lease is for, e.g. the tenant id
   * @param holder who holds it (a replica's id)
   * @param epoch the fencing epoch of this acquisition (1 for the first)
   * @param expiresAt when it lapses unless renewed
   */
  public Lease {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (epoch < 1) {
      throw new IllegalArgumentException("a lease's epoch starts at 1, was " + epoch);
    }
    expiresAt = expiresAt.truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * Whether the lease is still valid at {@code now}.
   *
   * @param now the time
   * @return whether it is valid then
   */
  public boolean isValidAt(Instant now) {
    return now.isBefore(expiresAt);
  }

  /** {@return the fence writes made under this lease carry} */
  public Fence fence() {
    return new Fence(name, epoch);
  }
}
