package io.unisync.core.retry;

import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Exponential backoff with "equal jitter": the wait after attempt {@code n} is half of
 * {@code initial × 2^(n-1)} (capped at {@code max}) plus a random part up to the other half. Shared by the
 * engine's delivery retries and the adapters' HTTP retries, so they all back off alike.
 *
 * @param initial the wait after the first attempt (before jitter)
 * @param max the cap
 */
public record Backoff(Duration initial, Duration max) {

  /** Seeds handed out in this process, so two jitter sources made at the same instant still differ. */
  private static final AtomicLong SEEDS = new AtomicLong();

  /**
   * Checks 0 &lt;= initial &lt;= max.
   *
   * @param initial the wait after the first attempt (before jitter)
   * @param max the cap
   */
  public Backoff {
    if (initial.isNegative() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("backoff must satisfy 0 <= initial <= max");
    }
  }

  /**
   * The wait after attempt {@code attempts} (1 = the first).
   *
   * @param attempts the attempts made
   * @param random the jitter's source
   * @return the wait
   */
  public Duration delay(int attempts, SplittableRandom random) {
    long cap = max.toMillis();
    long exponential = attempts >= 40 ? cap : Math.min(cap, initial.toMillis() << Math.max(0, attempts - 1));
    long half = exponential / 2;
    return Duration.ofMillis(half + (half > 0 ? random.nextLong(half + 1) : 0));
  }

  /**
   * A source of jitter for {@link #delay}, seeded from {@code clock} (so a manual clock replays the same waits) and a
   * per-process counter (so two retrying components never draw in step).
   *
   * @param clock seeds the jitter
   * @return the jitter's source
   */
  public static SplittableRandom jitter(Clock clock) {
    return new SplittableRandom(clock.millis() * 1_000_003L + SEEDS.incrementAndGet());
  }
}
