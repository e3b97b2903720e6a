package io.unisync.core.port;

/**
 * How far a snapshot has been read, opaque to everyone but the source that made it. Reading the snapshot
 * again after this position continues with the next page, also in a new process.
 *
 * @param value the source's encoding; non-blank, at most 4000 characters
 */
public record SnapshotPosition(String value) {

  /**
   * Checks the text: not blank, bounded, printable.
   *
   * @param value the source's encoding; non-blank, at most 4000 characters
   */
  public SnapshotPosition {
    PositionText.check("snapshot position", value);
  }
}
