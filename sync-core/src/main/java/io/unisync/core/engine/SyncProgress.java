package io.unisync.core.engine;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * Progress after each commit of a sync call; counts are cumulative for the call.
 *
 * @param kind initial or incremental
 * @param read source records read so far
 * @param upserted people written so far
 * @param removed people removed so far
 * @param rejected records quarantined so far
 * @param commits commits so far
 * @param elapsed time since the call started
 * @param estimatedTotal the source's estimate of the snapshot size, when it has one (initial sync only)
 * @param plan the source's plan of the rest of the snapshot (initial sync only, when the source has one)
 */
public record SyncProgress(
    SyncKind kind,
    long read,
    long upserted,
    long removed,
    long rejected,
    long commits,
    Duration elapsed,
    OptionalLong estimatedTotal,
    java.util.Optional<io.unisync.core.port.SnapshotPlan> plan) {

  /**
   * Without a plan.
   *
   * @param kind the sync
   * @param read records read
   * @param upserted people stored
   * @param removed people removed
   * @param rejected records quarantined
   * @param commits commits made
   * @param elapsed time since the call began
   * @param estimatedTotal the source's estimate of all records, when it has one
   */
  public SyncProgress(SyncKind kind, long read, long upserted, long removed, long rejected, long commits, Duration elapsed,
      OptionalLong estimatedTotal) {
    this(kind, read, upserted, removed, rejected, commits, elapsed, estimatedTotal, java.util.Optional.empty());
  }

  /**
   * How long the rest of the initial sync should take: the source's plan when it has an ETA, else the records left of
   * the estimated total at the rate so far; empty when neither is known.
   *
   * @return the time left, when known
   */
  public java.util.Optional<Duration> eta() {
    java.util.Optional<Duration> planned = plan.flatMap(io.unisync.core.port.SnapshotPlan::eta);
    if (planned.isPresent() || estimatedTotal.isEmpty() || read == 0 || elapsed.isZero()) {
      return planned;
    }
    double perRecord = (double) elapsed.toNanos() / read;
    return java.util.Optional.of(Duration.ofNanos((long) (Math.max(0, estimatedTotal.getAsLong() - read) * perRecord)));
  }
}
