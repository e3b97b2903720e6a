package io.unisync.marketo.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One Marketo instance's call budget in this process: at most {@code calls} starts in any sliding
 * {@code window} and at most {@code concurrent} calls at once. Interactive callers (send gate, Smart Grid)
 * go before background ones. A small safety margin keeps our window a little longer than the server's, so
 * transit-time jitter cannot make the server count 101 calls in its window. Thread-safe.
 */
public final class RateLimiter {

  /** Who is waiting: interactive reads jump the queue. */
  public enum Priority {
    INTERACTIVE,
    BACKGROUND
  }

  private final int calls;
  private final long windowNanos;
  private final int concurrent;
  private final ReentrantLock lock = new ReentrantLock(true);
  private final Condition changed = lock.newCondition();
  private final Deque<Long> starts = new ArrayDeque<>();
  private int inFlight;
  private int interactiveWaiting;

  public RateLimiter(int calls, Duration window, int concurrent) {
    this.calls = calls;
    long margin = Math.max(TimeUnit.MILLISECONDS.toNanos(50), window.toNanos() / 100);
    this.windowNanos = window.toNanos() + margin;
    this.concurrent = concurrent;
  }

  /** Waits for room, then counts one call as started and in flight. Pair with {@link #release()}. */
  public void acquire(Priority priority) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      if (priority == Priority.INTERACTIVE) {
        interactiveWaiting++;
      }
      try {
        while (true) {
          long now = System.nanoTime();
          while (!starts.isEmpty() && now - starts.peekFirst() >= windowNanos) {
            starts.pollFirst();
          }
          boolean yielding = priority == Priority.BACKGROUND && interactiveWaiting > 0;
          if (!yielding && inFlight < concurrent && starts.size() < calls) {
            starts.addLast(now);
            inFlight++;
            return;
          }
          long wait = starts.size() >= calls ? windowNanos - (now - starts.peekFirst()) : TimeUnit.MILLISECONDS.toNanos(50);
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

  /** A call finished. */
  public void release() {
    lock.lock();
    try {
      inFlight--;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
