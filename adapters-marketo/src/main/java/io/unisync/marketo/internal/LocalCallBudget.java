package io.unisync.marketo.internal;

import io.unisync.core.port.CallBudget;
import io.unisync.core.port.CallLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link CallBudget} of one process: the {@link RateLimiter} (sliding window, concurrency, interactive reserve)
 * and a daily count. The Marketo client's default; replicas that share a database share a {@code JdbcCallBudget}
 * instead. Thread-safe.
 */
public final class LocalCallBudget implements CallBudget {

  private final RateLimiter limiter;
  private final CallLimits limits;
  private final Clock clock;
  private long today;
  private @org.jspecify.annotations.Nullable LocalDate day;

  public LocalCallBudget(CallLimits limits, Clock clock) {
    this.limiter = new RateLimiter(limits, clock);
    this.limits = limits;
    this.clock = clock;
  }

  @Override
  public Admission acquire(boolean interactive, Duration maxWait) {
    synchronized (this) {
      LocalDate now = LocalDate.now(clock.withZone(limits.quotaZone()));
      if (!now.equals(day)) {
        day = now;
        today = 0;
      }
      if (today >= limits.dailyQuota()) {
        return new QuotaUsed(ZonedDateTime.now(clock.withZone(limits.quotaZone())).toLocalDate().plusDays(1)
            .atStartOfDay(limits.quotaZone()).toInstant());
      }
    }
    try {
      if (!limiter.acquire(interactive ? RateLimiter.Priority.INTERACTIVE : RateLimiter.Priority.BACKGROUND, maxWait)) {
        return new Busy();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Busy();
    }
    synchronized (this) {
      today++;
    }
    AtomicBoolean open = new AtomicBoolean(true);
    return new Granted(() -> {
      if (open.compareAndSet(true, false)) {
        limiter.release();
      }
    });
  }

  @Override
  public synchronized Optional<Usage> usage() {
    LocalDate now = LocalDate.now(clock.withZone(limits.quotaZone()));
    long used = now.equals(day) ? today : 0;
    return Optional.of(new Usage(used, limits.dailyQuota(), now.plusDays(1).atStartOfDay(limits.quotaZone()).toInstant()));
  }
}
