package io.unisync.core.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an engine's bounded operations on a schedule, on an executor the host supplies: the person sync,
 * activity delivery, and (when configured) the two-way syncs. A failing run is logged and the next one
 * resumes from the stored checkpoint. {@link #close()} stops scheduling, lets the runs in progress finish
 * (up to a grace period) and returns; nothing is lost either way, since every step commits its own
 * progress and an abandoned delivery is redelivered after its lease.
 */
public final class SyncRunner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SyncRunner.class);

  /**
   * How often each operation runs; a null period leaves it out.
   *
   * @param personSync {@link SyncEngine#syncPersons()}
   * @param delivery {@link SyncEngine#deliverActivities()}
   * @param optOuts {@link SyncEngine#syncOptOuts()}
   * @param reminders {@link SyncEngine#syncReminders()}
   * @param gracePeriod how long {@link #close()} waits for runs in progress
   */
  public record Schedule(@Nullable Duration personSync, @Nullable Duration delivery, @Nullable Duration optOuts,
      @Nullable Duration reminders, Duration gracePeriod) {}

  private final ScheduledExecutorService executor;
  private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();
  private final Duration gracePeriod;

  private SyncRunner(ScheduledExecutorService executor, Duration gracePeriod) {
    this.executor = executor;
    this.gracePeriod = gracePeriod;
  }

  /** Starts scheduling; each operation runs with a fixed delay after the previous run ended. */
  public static SyncRunner start(SyncEngine engine, Schedule schedule, ScheduledExecutorService executor) {
    Objects.requireNonNull(engine, "engine");
    SyncRunner runner = new SyncRunner(executor, schedule.gracePeriod());
    runner.every(schedule.personSync(), "person sync", engine::syncPersons);
    runner.every(schedule.delivery(), "activity delivery", engine::deliverActivities);
    runner.every(schedule.optOuts(), "opt-out sync", engine::syncOptOuts);
    runner.every(schedule.reminders(), "reminder sync", engine::syncReminders);
    return runner;
  }

  private void every(@Nullable Duration period, String name, Runnable operation) {
    if (period == null) {
      return;
    }
    scheduled.add(executor.scheduleWithFixedDelay(() -> {
      try {
        operation.run();
      } catch (RuntimeException e) {
        LOG.warn("{} failed; the next run resumes from the stored position: {}", name, e.getMessage());
      }
    }, 0, period.toMillis(), TimeUnit.MILLISECONDS));
  }

  /** Stops scheduling and waits up to the grace period for runs in progress; then shuts the executor down. */
  @Override
  public void close() {
    scheduled.forEach(f -> f.cancel(false));
    executor.shutdown();
    try {
      if (!executor.awaitTermination(gracePeriod.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("Runs still in progress after {}; abandoning them (their work resumes on the next start)", gracePeriod);
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
