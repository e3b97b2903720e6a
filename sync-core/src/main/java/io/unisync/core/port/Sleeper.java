package io.unisync.core.port;

import java.time.Duration;

/**
 * Waiting, made replaceable: adapters wait through a {@code Sleeper} (between export polls, before a retry) so a test
 * or a time-true simulation can skip the wait with a clock that moves on by what was skipped
 * ({@code SkippingClock} in {@code unisync-testkit}). {@link #system()} really sleeps.
 */
@FunctionalInterface
public interface Sleeper {

  /**
   * Waits {@code duration} (nothing for zero or less).
   *
   * @throws InterruptedException when the thread is interrupted while waiting
   * @param duration how long
   */
  void sleep(Duration duration) throws InterruptedException;

  /** {@return {@link Thread#sleep}} */
  static Sleeper system() {
    return duration -> {
      long millis = duration.toMillis();
      if (millis > 0) {
        Thread.sleep(millis);
      }
    };
  }
}
