package io.unisync.marketo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.port.CallLimits;
import io.unisync.testkit.SkippingClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * The rate limiter's windows follow a clock that runs ahead of real time (a time-true simulation skipping its waits),
 * so a simulated minute frees the window as a real one would; and a wall clock set back never holds a slot.
 */
class RateLimiterClockTest {

  static final CallLimits TEN_PER_20_S = new CallLimits(10, Duration.ofSeconds(20), 10, 1_000_000, ZoneId.of("UTC"), Duration.ofMinutes(5));

  @Test
  void aWindowSkippedOnTheClockIsFreeAtOnce() throws InterruptedException {
    SkippingClock clock = new SkippingClock(Instant.parse("2026-11-30T12:00:00Z"));
    RateLimiter limiter = new RateLimiter(TEN_PER_20_S, clock);
    fill(limiter, RateLimiter.Priority.INTERACTIVE, 10);
    assertThat(limiter.acquire(RateLimiter.Priority.INTERACTIVE, Duration.ZERO)).as("the window is full").isFalse();

    clock.sleeper().sleep(Duration.ofSeconds(21)); // skipped: no real time passes

    assertThat(limiter.acquire(RateLimiter.Priority.INTERACTIVE, Duration.ZERO)).as("a window later on the clock").isTrue();
  }

  @Test
  void aClockSetBackDoesNotHoldTheWindow() throws InterruptedException {
    MovableClock clock = new MovableClock(Instant.parse("2026-11-30T12:00:00Z"));
    RateLimiter limiter = new RateLimiter(new CallLimits(10, Duration.ofMillis(300), 10, 1_000_000, ZoneId.of("UTC"), Duration.ofMinutes(5)), clock);
    fill(limiter, RateLimiter.Priority.INTERACTIVE, 10);
    clock.now = clock.now.minus(Duration.ofHours(1));

    assertThat(limiter.acquire(RateLimiter.Priority.INTERACTIVE, Duration.ofSeconds(2))).as("free after the window in real time").isTrue();
  }

  @Test
  void aSlotFreesOneWindowAfterItsCallFinishedOnTheMonotonicTicker() throws InterruptedException {
    java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong(5_000);
    MovableClock wall = new MovableClock(Instant.parse("2026-11-30T12:00:00Z"));
    RateLimiter limiter = new RateLimiter(TEN_PER_20_S, wall, nanos::get);
    fill(limiter, RateLimiter.Priority.INTERACTIVE, 10);

    nanos.addAndGet(Duration.ofSeconds(19).toNanos());
    wall.now = wall.now.minus(Duration.ofHours(1)); // a wall clock set back changes nothing
    assertThat(limiter.acquire(RateLimiter.Priority.INTERACTIVE, Duration.ZERO)).as("19 s after: still full").isFalse();

    nanos.addAndGet(Duration.ofMillis(1_011).toNanos()); // the window and the limiter's 10 ms margin
    assertThat(limiter.acquire(RateLimiter.Priority.INTERACTIVE, Duration.ZERO)).as("one window after the calls finished").isTrue();
  }

  @Test
  void aWaitGivesUpWhenTheTickerPassesItsLimit() throws InterruptedException {
    java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
    // every reading moves the ticker on by 1 s: a wait of 3 s gives up after a few readings, never waits a real window
    RateLimiter limiter = new RateLimiter(new CallLimits(1, Duration.ofHours(1), 10, 1_000_000, ZoneId.of("UTC"), Duration.ofMinutes(5)),
        new MovableClock(Instant.parse("2026-11-30T12:00:00Z")), () -> nanos.getAndAdd(1_000_000_000L));
    fill(limiter, RateLimiter.Priority.INTERACTIVE, 1);

    assertThat(limiter.acquire(RateLimiter.Priority.INTERACTIVE, Duration.ofSeconds(3))).isFalse();
  }

  private static void fill(RateLimiter limiter, RateLimiter.Priority priority, int calls) throws InterruptedException {
    for (int i = 0; i < calls; i++) {
      assertThat(limiter.acquire(priority, Duration.ZERO)).isTrue();
      limiter.release();
    }
  }

  /** A wall clock a test can set back. */
  static final class MovableClock extends java.time.Clock {
    volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public java.time.Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
