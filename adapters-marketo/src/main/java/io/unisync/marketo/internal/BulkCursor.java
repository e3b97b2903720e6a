package io.unisync.marketo.internal;

import io.unisync.core.error.AdapterException;
import io.unisync.core.port.SnapshotPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Where a bulk snapshot stands, as stored in the engine's checkpoint: the creation-date window being read, its export
 * (absent until created), how many of the export's rows are applied, and the exports of later windows already started
 * (by window start). Stored as {@code bulk|<window start, epoch s>|<export ref or ->|<rows>[|<start>=<ref>,...]}; an
 * export reference is Marketo's job id, prefixed {@code ids:} for an export of lead ids alone (the REST fallback).
 * Immutable; {@link #parse} and {@link #position()} round-trip.
 */
public record BulkCursor(Instant windowStart, @Nullable String exportRef, long rowsRead, NavigableMap<Instant, String> ahead) {

  private static final String PREFIX = "bulk";
  private static final String IDS_ONLY = "ids:";

  public BulkCursor {
    if (rowsRead < 0) {
      throw new IllegalArgumentException("rowsRead must not be negative");
    }
    ahead = Collections.unmodifiableNavigableMap(new TreeMap<>(ahead));
  }

  /** The first window, nothing exported yet. */
  public static BulkCursor start(Instant windowStart) {
    return new BulkCursor(windowStart, null, 0, new TreeMap<>());
  }

  /** Whether {@code position} is a bulk snapshot's (a REST paging position is not). */
  public static boolean isBulk(SnapshotPosition position) {
    return position.value().startsWith(PREFIX + "|");
  }

  /**
   * Reads a stored position.
   *
   * @throws AdapterException naming the position when it is not one this class wrote
   */
  public static BulkCursor parse(SnapshotPosition position) {
    String[] parts = position.value().split("\\|", -1);
    if ((parts.length != 4 && parts.length != 5) || !parts[0].equals(PREFIX)) {
      throw notABulkPosition(position, null);
    }
    try {
      NavigableMap<Instant, String> ahead = new TreeMap<>();
      if (parts.length == 5 && !parts[4].isEmpty()) {
        for (String entry : parts[4].split(",")) {
          String[] pair = entry.split("=", 2);
          if (pair.length != 2 || pair[1].isEmpty()) {
            throw notABulkPosition(position, null);
          }
          ahead.put(Instant.ofEpochSecond(Long.parseLong(pair[0])), pair[1]);
        }
      }
      String ref = parts[2].equals("-") ? null : parts[2];
      if (ref != null && ref.isEmpty()) {
        throw notABulkPosition(position, null);
      }
      return new BulkCursor(Instant.ofEpochSecond(Long.parseLong(parts[1])), ref, Long.parseLong(parts[3]), ahead);
    } catch (RuntimeException e) { // a number that is not one, a negative count, an instant out of range
      throw e instanceof AdapterException a ? a : notABulkPosition(position, e);
    }
  }

  private static AdapterException notABulkPosition(SnapshotPosition position, @Nullable RuntimeException cause) {
    return new AdapterException("not a Marketo bulk snapshot position: " + position.value(), cause);
  }

  /** The position to store. */
  public SnapshotPosition position() {
    StringBuilder value = new StringBuilder(PREFIX).append('|').append(windowStart.getEpochSecond()).append('|')
        .append(exportRef == null ? "-" : exportRef).append('|').append(rowsRead);
    if (!ahead.isEmpty()) {
      value.append('|').append(ahead.entrySet().stream().map(e -> e.getKey().getEpochSecond() + "=" + e.getValue())
          .collect(Collectors.joining(",")));
    }
    return new SnapshotPosition(value.toString());
  }

  /** The same window, at {@code rows} of export {@code ref} ({@code null}: none yet). */
  public BulkCursor at(@Nullable String ref, long rows) {
    return new BulkCursor(windowStart, ref, rows, ahead);
  }

  /** The next window, starting at {@code start}, nothing of it exported unless started ahead. */
  public BulkCursor nextWindow(Instant start) {
    return new BulkCursor(start, null, 0, ahead);
  }

  /** Whether an export reference names an export of lead ids alone. */
  public static boolean idsOnly(String ref) {
    return ref.startsWith(IDS_ONLY);
  }

  /** The reference of an export of lead ids alone, from Marketo's job id. */
  public static String idsOnlyRef(String jobId) {
    return IDS_ONLY + jobId;
  }

  /** Marketo's job id of an export reference. */
  public static String jobId(String ref) {
    return idsOnly(ref) ? ref.substring(IDS_ONLY.length()) : ref;
  }

  /** Windows from this one to {@code now}, this one included (0 once its start has reached now). */
  public int windowsLeft(Instant now, Duration window) {
    return windowsBetween(windowStart, now, window);
  }

  /** Windows of {@code window} from {@code from} to {@code now}, the one begun included (0 once {@code from} reached now). */
  public static int windowsBetween(Instant from, Instant now, Duration window) {
    return from.isBefore(now)
        ? (int) Math.min(Integer.MAX_VALUE, (Duration.between(from, now).toMillis() + window.toMillis() - 1) / window.toMillis())
        : 0;
  }

  /** One line for status pages: the window, how many are left at {@code now}, the export, the rows, the exports ahead. */
  public String describe(Instant now, Duration window) {
    return String.format(Locale.ROOT,
        "bulk export window from %s (%d days), %d window(s) left, export %s, %d row(s) of it applied, %d export(s) started ahead",
        windowStart.toString().substring(0, 10), window.toDays(), windowsLeft(now, window),
        exportRef == null ? "not created yet" : exportRef, rowsRead, ahead.size());
  }

  /** {@link #describe} of a stored position; empty for one that is not a bulk cursor. */
  public static Optional<String> describe(SnapshotPosition position, Instant now, Duration window) {
    if (!isBulk(position)) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse(position).describe(now, window));
    } catch (AdapterException e) {
      return Optional.empty();
    }
  }
}
