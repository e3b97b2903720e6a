package io.unisync.core.port;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The limits of one remote instance, as a {@link CallBudget} enforces them.
 *
 * @param calls calls that may start in any sliding {@code window}
 * @param window the sliding window
 * @param concurrent calls in flight at once
 * @param dailyQuota calls a day, counted from midnight in {@code quotaZone}
 * @param quotaZone where the quota's day begins (Marketo: America/Chicago)
 * @param staleAfter a call still open after this long is taken for abandoned (its process died) and stops counting
 *     as in flight
 */
public record CallLimits(int calls, Duration window, int concurrent, long dailyQuota, ZoneId quotaZone, Duration staleAfter) {

  /**
   * Checks the limits: counts at least 1, a window, a quota zone and a staleness bound present.
   *
   * @param calls calls that may start in any sliding {@code window}
   * @param window the sliding window
   * @param concurrent calls in flight at once
   * @param dailyQuota calls a day, counted from midnight in {@code quotaZone}
   * @param quotaZone where the quota's day begins (Marketo: America/Chicago)
   * @param staleAfter a call still open after this long is taken for abandoned (its process died) and stops counting as
   *     in flight
   */
  public CallLimits {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(quotaZone, "quotaZone");
    Objects.requireNonNull(staleAfter, "staleAfter");
    if (calls < 1 || concurrent < 1 || dailyQuota < 1) {
      throw new IllegalArgumentException("calls, concurrent and dailyQuota must be at least 1");
    }
    if (window.isNegative() || window.isZero() || staleAfter.isNegative() || staleAfter.isZero()) {
      throw new IllegalArgumentException("window and staleAfter must be positive");
    }
  }

  /** {@return calls a background caller may use: all but the interactive reserve (5%, at least one, when there are two or more)} */
  public int backgroundCalls() {
    return calls >= 2 ? calls - Math.max(1, calls / 20) : calls;
  }

  /** {@return concurrent calls a background caller may use: all but one, when there are two or more} */
  public int backgroundConcurrent() {
    return concurrent >= 2 ? concurrent - 1 : concurrent;
  }
}
