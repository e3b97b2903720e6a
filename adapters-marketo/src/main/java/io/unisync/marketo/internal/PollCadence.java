package io.unisync.marketo.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * When to poll the export queue next: soon after one of this user's queued exports is expected to finish, judged by how
 * long the last completed exports took from queued to finished, but never more often than a fifth of the poll interval
 * nor less often than the interval. A pure function of the instants it is given; not thread-safe.
 */
final class PollCadence {

  /** Completed exports remembered: the shortest of their runs is the queue wait plus processing, without a slot wait. */
  static final int RUNS_KEPT = 20;

  private final ArrayDeque<Duration> recentRuns = new ArrayDeque<>();
  private final Map<String, Instant> queuedAt = new HashMap<>();

  /** Notes a completed export's queued-to-finished time, when both are known and in order. */
  void noteRun(@Nullable Instant queued, @Nullable Instant finished) {
    if (queued != null && finished != null && !finished.isBefore(queued)) {
      recentRuns.addLast(Duration.between(queued, finished));
      while (recentRuns.size() > RUNS_KEPT) {
        recentRuns.removeFirst();
      }
    }
  }

  /** The exports the last list showed open, with when each was queued (where readable); replaces what was noted. */
  void noteOpen(Map<String, Instant> queued) {
    queuedAt.clear();
    queuedAt.putAll(queued);
  }

  /**
   * How long to wait at {@code now} before the next poll: until the earliest moment an open export is expected to
   * finish (its queue time plus the shortest recent run; one already due is looked at again every fifth of
   * {@code interval} until it is an interval late), plus a second (Marketo's times are whole seconds), but at least a
   * fifth of the interval and at most all of it; with nothing to go by, the interval.
   */
  Duration next(Instant now, Duration interval) {
    Duration shortest = recentRuns.stream().min(Duration::compareTo).orElse(null);
    if (shortest == null || queuedAt.isEmpty()) {
      return interval;
    }
    Duration floor = interval.dividedBy(5);
    Instant earliest = null;
    for (Instant queued : queuedAt.values()) {
      Instant expected = queued.plus(shortest);
      if (!expected.isAfter(now)) {
        // due already: look again soon while it is less than an interval late, then at the interval's pace
        expected = now.isBefore(queued.plus(shortest).plus(interval)) ? now.plus(floor) : null;
      }
      if (expected != null && (earliest == null || expected.isBefore(earliest))) {
        earliest = expected;
      }
    }
    if (earliest == null) {
      return interval;
    }
    Duration wait = Duration.between(now, earliest).plusSeconds(1);
    return wait.compareTo(floor) < 0 ? floor : wait.compareTo(interval) > 0 ? interval : wait;
  }
}
