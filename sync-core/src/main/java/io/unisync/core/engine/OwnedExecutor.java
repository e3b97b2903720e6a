package io.unisync.core.engine;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one way a runner makes and ends a pool it owns: daemon threads, and a shutdown that waits out a grace period. */
final class OwnedExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(OwnedExecutor.class);
  /** How long interrupted work gets to end after the grace period, before whatever it writes to is closed. */
  private static final Duration AFTER_INTERRUPT = Duration.ofSeconds(5);

  private OwnedExecutor() {}

  /** A scheduled pool of {@code threads} daemon threads named {@code <name>-<n>}. */
  static ScheduledExecutorService create(String name, int threads) {
    AtomicInteger count = new AtomicInteger();
    return Executors.newScheduledThreadPool(threads, r -> {
      Thread t = new Thread(r, name + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Stops taking work, waits up to {@code grace} for the work in progress, then interrupts it and waits a little more
   * (so it ends before the pool or database it writes to is closed by the caller).
   *
   * @return whether everything ended within the grace period
   */
  static boolean shutdown(ExecutorService executor, Duration grace) {
    executor.shutdown();
    try {
      if (executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        return true;
      }
      LOG.warn("Runs still in progress after {}; interrupting them (their work resumes on the next start)", grace);
      executor.shutdownNow();
      executor.awaitTermination(AFTER_INTERRUPT.toMillis(), TimeUnit.MILLISECONDS);
      return false;
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
