package io.unisync.core.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Admission for calls to one remote instance (a Marketo instance) under its limits ({@link CallLimits}): at most
 * {@code calls} started in any sliding window (a call holds its slot until a window after it finished), at most
 * {@code concurrent} in flight, at most {@code dailyQuota} a day. A few slots (5% of the calls, at least one, and
 * one concurrent slot) are kept for interactive callers, so a seller's request never queues behind background
 * sync.
 *
 * <p>The in-process budget is the Marketo client's default. {@code JdbcCallBudget} keeps the state in the database:
 * every process (replica) that calls the instance draws on the same budget, and a restarted process sees the calls
 * its predecessor made in the current window. {@code CallBudgetContract} in {@code unisync-testkit} checks both.
 * Thread-safe.
 */
public interface CallBudget {

  /** What asking for one call gave. */
  sealed interface Admission permits Granted, Busy, QuotaUsed {}

  /** Go ahead; close the permit when the call has finished. */
  record Granted(CallPermit permit) implements Admission {}

  /** No room came within the wait. */
  record Busy() implements Admission {}

  /** The day's quota is used up until {@code resetsAt}. */
  record QuotaUsed(Instant resetsAt) implements Admission {}

  /** One admitted call. Closing it (once; later closes do nothing) ends the call: its window slot frees a window later. */
  interface CallPermit extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Asks for one call, waiting up to {@code maxWait} for room.
   *
   * @param interactive a seller-facing call, which may use the reserved slots
   * @param maxWait the longest wait for room
   * @return the admission, to be closed when the call ends
   */
  Admission acquire(boolean interactive, Duration maxWait);

  /**
   * The day's quota as this budget knows it.
   *
   * @param callsToday calls admitted since the quota's day began (by every process, for a shared budget)
   * @param dailyQuota the day's quota
   * @param resetsAt when the count starts again
   */
  record Usage(long callsToday, long dailyQuota, Instant resetsAt) {

    /** {@return calls left today (never negative)} */
    public long remaining() {
      return Math.max(0, dailyQuota - callsToday);
    }
  }

  /** {@return the day's quota used and left, when this budget counts one (for gauges; a read, it admits nothing)} */
  default Optional<Usage> usage() {
    return Optional.empty();
  }
}
