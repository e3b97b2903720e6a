package io.unisync.marketo.internal;

import io.unisync.core.port.CallLimits;
import io.unisync.core.wire.Ticker;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One Marketo instance's call budget in this process: at most {@code calls} in any sliding
 * {@code window} and at most {@code concurrent} at once. Interactive callers (send gate, Smart Grid) go
 * before background ones.
 *
 * <p>A call occupies its window slot from the moment it starts until {@code window} after it
 * <em>finished</em>. Marketo counts a call when it arrives, which is somewhere between the two, so
 * however long the network or a pause delays a request, the server never sees more than {@code calls}
 * arrivals in one of its windows. A few slots (5% of the calls, one concurrent) are kept for interactive
 * calls, so a seller's request is never queued behind a window that background sync used up. Thread-safe.
 */
public final class RateLimiter {

  /** Who is waiting: interactive reads jump the queue. */
  public enum Priority {
    INTERACTIVE,
    BACKGROUND
  }

  private static final long MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(10); // clock granularity

  private final int calls;
  private final long windowNanos;
  private final int concurrent;
  private final int backgroundCalls;
  private final int backgroundConcurrent;
  private final ReentrantLock lock = new ReentrantLock(true);
  private final Condition changed = lock.newCondition();
  private final Deque<Long> finished = new ArrayDeque<>();
  private int inFlight;
  private int interactiveWaiting;

  private final java.time.Clock clock;
  private final Ticker ticker;
  private final long startNanos;
  private final java.time.Instant startInstant;
  /** How far the clock has run ahead of real time (a simulation that skips its waits); never falls. */
  private long aheadNanos;

  /**
   * The limits, with the interactive reserve as {@link CallLimits} defines it. Windows are timed by real time, and by
   * {@code clock} where it runs ahead of real time (a simulation that skips its waits), never backwards: a wall clock
   * set back cannot hold a slot longer than its window.
   */
  public RateLimiter(CallLimits limits, java.time.Clock clock) {
    this(limits, clock, Ticker.system());
  }

  /** As {@link #RateLimiter(CallLimits, java.time.Clock)}, with real time read from {@code ticker}. */
  public RateLimiter(CallLimits limits, java.time.Clock clock, Ticker ticker) {
    this.clock = clock;
    this.ticker = ticker;
    this.startNanos = ticker.nanos();
    this.startInstant = clock.instant();
    this.calls = limits.calls();
    this.windowNanos = limits.window().toNanos() + MARGIN_NANOS;
    this.concurrent = limits.concurrent();
    this.backgroundCalls = limits.backgroundCalls();
    this.backgroundConcurrent = limits.backgroundConcurrent();
  }

  /**
   * Waits for room, at most {@code maxWait}, then counts one call as in flight. Pair a {@code true} answer with
   * {@link #release()}.
   *
   * @return false when no room came within {@code maxWait} (nothing to release then)
   */
  public boolean acquire(Priority priority, Duration maxWait) throws InterruptedException {
    long giveUpAt = ticker.nanos() + Math.max(0, maxWait.toNanos()); // the caller's wait is real time
    lock.lockInterruptibly();
    try {
      if (priority == Priority.INTERACTIVE) {
        interactiveWaiting++;
      }
      try {
        while (true) {
          long now = now();
          long realNow = ticker.nanos();
          while (!finished.isEmpty() && now - finished.peekFirst() >= windowNanos) {
            finished.pollFirst();
          }
          boolean background = priority == Priority.BACKGROUND;
          boolean yielding = background && interactiveWaiting > 0;
          int callLimit = background ? backgroundCalls : calls;
          int concurrencyLimit = background ? backgroundConcurrent : concurrent;
          if (!yielding && inFlight < concurrencyLimit && inFlight + finished.size() < callLimit) {
            inFlight++;
            return true;
          }
          if (realNow - giveUpAt >= 0) {
            return false;
          }
          long wait = !finished.isEmpty() && inFlight + finished.size() >= callLimit
              ? windowNanos - (now - finished.peekFirst())
              : TimeUnit.MILLISECONDS.toNanos(50); // woken earlier by a release
          changed.awaitNanos(Math.min(giveUpAt - realNow, Math.max(wait, TimeUnit.MICROSECONDS.toNanos(100))));
        }
      } finally {
        if (priority == Priority.INTERACTIVE) {
          interactiveWaiting--;
          changed.signalAll();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** A call finished: its slot frees one window from now. */
  public void release() {
    lock.lock();
    try {
      inFlight--;
      finished.addLast(now());
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Window time: real time, moved on by as much as the clock ran ahead of it. Called holding the lock. */
  private long now() {
    long real = ticker.nanos() - startNanos;
    long byClock = java.time.Duration.between(startInstant, clock.instant()).toNanos();
    aheadNanos = Math.max(aheadNanos, byClock - real);
    return startNanos + real + aheadNanos;
  }
}
