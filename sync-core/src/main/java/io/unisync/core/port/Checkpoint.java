package io.unisync.core.port;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How far the person sync has come. Stores write it in the same transaction as the data it describes, so
 * it is never ahead of committed data.
 *
 * @param phase whether the initial snapshot is still being read
 * @param changePosition where the change feed continues; during the snapshot, the position recorded
 *     before the snapshot started
 * @param snapshotPosition during {@link Phase#SNAPSHOT}, how far the snapshot has been read (absent before
 *     the first page); always absent in {@link Phase#INCREMENTAL}
 */
public record Checkpoint(Phase phase, SourcePosition changePosition, @Nullable SnapshotPosition snapshotPosition) {

  /** The two phases of a person sync. */
  public enum Phase {
    /** The initial snapshot is being read. */
    SNAPSHOT,
    /** The snapshot is complete; the change feed is followed. */
    INCREMENTAL
  }

  /**
   * Checks the phase's positions: a snapshot position only in the snapshot phase.
   *
   * @param phase whether the initial snapshot is still being read
   * @param changePosition where the change feed continues; during the snapshot, the position recorded before the
   *     snapshot started
   * @param snapshotPosition during {@link Phase#SNAPSHOT}, how far the snapshot has been read (absent before the first
   *     page); always absent in {@link Phase#INCREMENTAL}
   */
  public Checkpoint {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(changePosition, "changePosition");
    if (phase == Phase.INCREMENTAL && snapshotPosition != null) {
      throw new IllegalArgumentException("an incremental checkpoint has no snapshot position");
    }
  }

  /**
   * The checkpoint of a snapshot about to start: the change position is recorded first.
   *
   * @param changePosition the change position recorded before the snapshot
   * @return the checkpoint
   */
  public static Checkpoint snapshotStarting(SourcePosition changePosition) {
    return new Checkpoint(Phase.SNAPSHOT, changePosition, null);
  }

  /**
   * A checkpoint inside the initial sync: the snapshot read up to {@code snapshotPosition}.
   *
   * @param changePosition the change position recorded before the snapshot
   * @param snapshotPosition where the snapshot was read to
   * @return the checkpoint
   */
  public static Checkpoint snapshot(SourcePosition changePosition, SnapshotPosition snapshotPosition) {
    return new Checkpoint(Phase.SNAPSHOT, changePosition, snapshotPosition);
  }

  /**
   * A checkpoint of the incremental sync: the changes read up to {@code changePosition}.
   *
   * @param changePosition where the changes were read to
   * @return the checkpoint
   */
  public static Checkpoint incremental(SourcePosition changePosition) {
    return new Checkpoint(Phase.INCREMENTAL, changePosition, null);
  }

  /** {@return the snapshot position as an optional} */
  public Optional<SnapshotPosition> snapshotResumePoint() {
    return Optional.ofNullable(snapshotPosition);
  }
}
