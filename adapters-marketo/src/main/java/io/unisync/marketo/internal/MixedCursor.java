package io.unisync.marketo.internal;

import io.unisync.core.error.AdapterException;
import io.unisync.core.port.SnapshotPosition;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Where a mixed snapshot stands: the id the scan started below ({@code top}, absent until found), the lowest id it has
 * read ({@code floor}: ids {@code floor..top-1} are covered), the newest creation time in the lowest block that held
 * a lead ({@code lowCreated}), and the export side's own position (absent before its first export). Stored as
 * {@code mixed|<top or ->|<floor>|<lowCreated epoch s or ->|<s or e: whose turn>|<bulk position or ->}; the bulk position comes last and
 * keeps its own separators. Immutable; {@link #parse} and {@link #position()} round-trip.
 *
 * @param top the id the scan started below, or 0 before it is found
 * @param floor the lowest id the scan has read (top when nothing yet)
 * @param lowCreated the newest creation time among the leads of the lowest block read that held any
 * @param scanNext whether the scan has the next turn while both sides can go on (pages alternate)
 * @param exports the export side's cursor, absent before its first export
 */
public record MixedCursor(long top, long floor, @Nullable Instant lowCreated, boolean scanNext, @Nullable BulkCursor exports) {

  private static final String PREFIX = "mixed";

  public MixedCursor {
    if (top < 0 || floor < 0 || floor > top) {
      throw new IllegalArgumentException("a mixed cursor needs 0 <= floor <= top, was floor " + floor + ", top " + top);
    }
  }

  /** Nothing read yet. */
  public static MixedCursor start() {
    return new MixedCursor(0, 0, null, true, null);
  }

  /** Whether {@code position} is a mixed snapshot's. */
  public static boolean isMixed(SnapshotPosition position) {
    return position.value().startsWith(PREFIX + "|");
  }

  /**
   * Reads a stored position.
   *
   * @throws AdapterException naming the position when it is not one this class wrote
   */
  public static MixedCursor parse(SnapshotPosition position) {
    String[] parts = position.value().split("\\|", 6);
    if (parts.length != 6 || !parts[0].equals(PREFIX) || !(parts[4].equals("s") || parts[4].equals("e"))) {
      throw new AdapterException("not a Marketo mixed snapshot position: " + position.value());
    }
    try {
      long top = parts[1].equals("-") ? 0 : Long.parseLong(parts[1]);
      long floor = Long.parseLong(parts[2]);
      Instant low = parts[3].equals("-") ? null : Instant.ofEpochSecond(Long.parseLong(parts[3]));
      BulkCursor exports = parts[5].equals("-") ? null : BulkCursor.parse(new SnapshotPosition(parts[5]));
      return new MixedCursor(top, floor, low, parts[4].equals("s"), exports);
    } catch (RuntimeException e) {
      throw e instanceof AdapterException a ? a : new AdapterException("not a Marketo mixed snapshot position: " + position.value(), e);
    }
  }

  /** The position to store. */
  public SnapshotPosition position() {
    return new SnapshotPosition(PREFIX + "|" + (top == 0 ? "-" : Long.toString(top)) + "|" + floor + "|"
        + (lowCreated == null ? "-" : Long.toString(lowCreated.getEpochSecond())) + "|" + (scanNext ? "s" : "e") + "|" + (exports == null ? "-" : exports.position().value()));
  }

  /** Whether the scan's start is known. */
  public boolean topKnown() {
    return top > 0;
  }

  /** Whether the scan has read down to id 1. */
  public boolean scanDone() {
    return topKnown() && floor <= 1;
  }

  /** The export side's position, as {@link BulkSnapshot} reads it; absent before its first export. */
  public @Nullable SnapshotPosition bulk() {
    return exports == null ? null : exports.position();
  }

  /**
   * Where the completed export windows end: people created before it are the exports' (absent before the first
   * export: nobody is).
   */
  public @Nullable Instant exportFront() {
    return exports == null ? null : exports.windowStart();
  }

  /** Whether an export's rows are part applied: its window must be read to the end before the scan reads on. */
  public boolean exportUnderWay() {
    return exports != null && exports.exportRef() != null && exports.rowsRead() > 0;
  }

  /**
   * Whether the two sides have met: the scan read down to id 1, or the newest lead of its lowest block that held any was
   * created before the export front (leads are numbered in creation order, so every lead below it was too, and the
   * completed exports hold them).
   */
  public boolean met() {
    Instant front = exportFront();
    return scanDone() || (lowCreated != null && front != null && lowCreated.isBefore(front));
  }
}
