package io.unisync.marketo.internal;

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
 * arrivals in one of its windows. Thread-safe.
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
  private final ReentrantLock lock = new ReentrantLock(true);
  private final Condition changed = lock.newCondition();
  private final Deque<Long> finished = new ArrayDeque<>();
  private int inFlight;
  private int interactiveWaiting;

  public RateLimiter(int calls, Duration window, int concurrent) {
    this.calls = calls;
    this.windowNanos = window.toNanos() + MARGIN_NANOS;
    this.concurrent = concurrent;
  }

  /** Waits for room, then counts one call as in flight. Pair with {@link #release()}. */
  public void acquire(Priority priority) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      if (priority == Priority.INTERACTIVE) {
        interactiveWaiting++;
      }
      try {
        while (true) {
          long now = System.nanoTime();
          while (!finished.isEmpty() && now - finished.peekFirst() >= windowNanos) {
            finished.pollFirst();
          }
          boolean yielding = priority == Priority.BACKGROUND && interactiveWaiting > 0;
          if (!yielding && inFlight < concurrent && inFlight + finished.size() < calls) {
            inFlight++;
            return;
          }
          long wait = !finished.isEmpty() && inFlight + finished.size() >= calls
              ? windowNanos - (now - finished.peekFirst())
              : TimeUnit.MILLISECONDS.toNanos(50); // woken earlier by a release
          changed.awaitNanos(Math.max(wait, TimeUnit.MICROSECONDS.toNanos(100)));
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
      finished.addLast(System.nanoTime());
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
