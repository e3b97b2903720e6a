package io.unisync.jdbc.internal;

import io.unisync.core.error.LeaseLostException;
import io.unisync.core.port.Fence;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/**
 * Fenced writes: the lease row is read and locked in the write's own transaction, so an acquisition of the
 * lease either commits before the write (and the write sees the newer epoch and writes nothing) or waits until
 * the write has committed. A writer whose lease was taken over can therefore never commit anything.
 */
public final class Fences {

  private Fences() {}

  /**
   * Checks on {@code handle}'s open transaction that {@code fence}'s lease is still at its epoch, and keeps the
   * lease row locked until that transaction ends.
   *
   * @throws LeaseLostException a newer epoch exists, or the lease does not
   */
  public static void check(Handle handle, Dialect dialect, Fence fence) {
    long epoch = handle.createQuery("SELECT epoch FROM unisync_lease WHERE name = :name "
            + (dialect == Dialect.POSTGRESQL ? "FOR SHARE" : "FOR UPDATE"))
        .bind("name", fence.lease()).mapTo(Long.class).findOne().orElse(0L);
    if (epoch != fence.epoch()) {
      throw new LeaseLostException(fence.lease(), fence.epoch(), epoch);
    }
  }

  /**
   * {@code fence}, after checking it guards {@code tenant}'s data: a fence on another tenant's lease would let that
   * tenant's holder write here, so it is refused at once. A fence whose lease is not a tenant's (a host's own) passes.
   *
   * @throws IllegalArgumentException the fence guards another tenant
   */
  public static Fence forTenant(Fence fence, String tenant) {
    fence.tenant().filter(owner -> !owner.equals(tenant)).ifPresent(owner -> {
      throw new IllegalArgumentException("a fence of tenant " + owner + "'s lease cannot guard writes of tenant " + tenant);
    });
    return fence;
  }

  /** Runs {@code work}: in one transaction that checks {@code fence} first, or as it is when there is no fence. */
  public static <T> T write(Jdbi jdbi, Dialect dialect, @Nullable Fence fence, HandleCallback<T, RuntimeException> work) {
    if (fence == null) {
      return jdbi.withHandle(work);
    }
    return jdbi.inTransaction(handle -> {
      check(handle, dialect, fence);
      return work.withHandle(handle);
    });
  }
}
