package io.unisync.core.error;

/**
 * A write was refused because the writer's lease was taken over: a newer epoch of it exists (or the lease is
 * gone). Nothing of the write committed. Not retryable: the writer must stop this work and acquire the lease
 * again before it writes anything more; a runner treats it as "lease lost: stop this tenant".
 */
public final class LeaseLostException extends SyncException {

  private static final long serialVersionUID = 1L;

  /** The lease's name. */
  private final String lease;
  /** The epoch this holder had. */
  private final long heldEpoch;
  /** The lease's epoch now (another holder's, or none). */
  private final long currentEpoch;

  /**
   * @param lease the lease's name
   * @param heldEpoch the epoch the writer held
   * @param currentEpoch the lease's epoch now (0 when it does not exist)
   */
  public LeaseLostException(String lease, long heldEpoch, long currentEpoch) {
    super("lease '" + lease + "' was lost: this writer holds epoch " + heldEpoch + ", the lease is "
        + (currentEpoch == 0 ? "gone" : "at epoch " + currentEpoch) + "; nothing was written. Stop this work and acquire the lease again");
    this.lease = lease;
    this.heldEpoch = heldEpoch;
    this.currentEpoch = currentEpoch;
  }

  /** {@return the lease's name} */
  public String lease() {
    return lease;
  }

  /** {@return the epoch this holder had} */
  public long heldEpoch() {
    return heldEpoch;
  }

  /** {@return the lease's epoch now} */
  public long currentEpoch() {
    return currentEpoch;
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
