package io.unisync.jdbc.internal;

import io.unisync.core.port.CallBudget;
import io.unisync.core.port.CallLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The call rows of one remote instance, and the admission decision over them. Thread-safe. */
public final class CallTable {

  private static final Logger LOG = LoggerFactory.getLogger(CallTable.class);
  /** Clock granularity between processes: a slot is held this much longer than the window. */
  private static final Duration MARGIN = Duration.ofMillis(10);

  /** An admission, or none yet and how long until there may be room. */
  public record Decision(CallBudget.@Nullable Admission admission, Duration retryIn) {}

  private final ReadCommitted transactions;
  private final Jdbi jdbi;
  private final String instance;
  private final CallLimits limits;
  private final Clock clock;

  public CallTable(DataSource dataSource, String instance, CallLimits limits, Clock clock) {
    this.jdbi = Jdbi.create(dataSource);
    this.transactions = ReadCommitted.on(dataSource, jdbi);
    this.instance = instance;
    this.limits = limits;
    this.clock = clock;
  }

  public Decision tryTake(boolean interactive) {
    try {
      return transactions.inTransaction(h -> decide(h, interactive));
    } catch (RuntimeException e) {
      if (SqlFailures.isUniqueViolation(e)) { // two processes created the instance row at once: decide again
        return transactions.inTransaction(h -> decide(h, interactive));
      }
      throw SqlFailures.translate("call budget of " + instance, e);
    }
  }

  /** The day's count as the instance's row says; empty when the database cannot be read (logged). */
  public Optional<CallBudget.Usage> usage() {
    LocalDate today = LocalDate.ofInstant(clock.instant(), limits.quotaZone());
    try {
      long used = jdbi.withHandle(h -> readDay(h, false)).filter(d -> today.equals(d.day())).map(Day::calls).orElse(0L);
      return Optional.of(new CallBudget.Usage(used, limits.dailyQuota(), today.plusDays(1).atStartOfDay(limits.quotaZone()).toInstant()));
    } catch (RuntimeException e) {
      LOG.warn("Could not read the call count of {} ({})", instance, e.getClass().getSimpleName());
      return Optional.empty();
    }
  }

  /** The instance row, locked: which day its count is for, the count, and the limits stored with it (and when). */
  private record Day(@Nullable LocalDate day, long calls, Optional<Stored> limits) {}

  /** Limits stored with the instance's budget by the strictest caller, and when a caller last held them. */
  private record Stored(int calls, long windowMillis, int concurrent, long daily, Instant at) {}

  /** How long stored limits hold without a caller that holds them: a day, so a loosened configuration takes over then. */
  static final Duration LIMITS_HELD_FOR = Duration.ofDays(1);
  /** How often a caller holding the stored limits stamps them again (well within {@link #LIMITS_HELD_FOR}). */
  private static final Duration LIMITS_REASSERTED_EVERY = Duration.ofHours(1);

  /**
   * The limits this decision obeys: the strictest of this caller's and those stored with the instance's budget (while a
   * caller held them within {@link #LIMITS_HELD_FOR}); written back when they changed, and stamped again hourly by a
   * caller that holds them. A
   * caller configured with looser limits than another process's cannot take more than that process's window allows.
   */
  private CallLimits keep(Handle h, Optional<Stored> stored, Instant now) {
    Optional<Stored> live = stored.filter(s -> s.at().plus(LIMITS_HELD_FOR).isAfter(now));
    int calls = live.map(s -> Math.min(s.calls(), this.limits.calls())).orElse(this.limits.calls());
    long windowMillis = live.map(s -> Math.max(s.windowMillis(), this.limits.window().toMillis())).orElse(this.limits.window().toMillis());
    int concurrent = live.map(s -> Math.min(s.concurrent(), this.limits.concurrent())).orElse(this.limits.concurrent());
    long daily = live.map(s -> Math.min(s.daily(), this.limits.dailyQuota())).orElse(this.limits.dailyQuota());
    boolean mine = calls == this.limits.calls() && windowMillis == this.limits.window().toMillis()
        && concurrent == this.limits.concurrent() && daily == this.limits.dailyQuota();
    boolean changed = live.isEmpty() || live.get().calls() != calls || live.get().windowMillis() != windowMillis
        || live.get().concurrent() != concurrent || live.get().daily() != daily;
    // written when they change, and re-asserted by a caller that holds them once an hour, not on every call: the
    // instance row is every call's lock, and the day's limits need no fresher stamp than that
    boolean reassert = mine && live.isPresent() && !live.get().at().plus(LIMITS_REASSERTED_EVERY).isAfter(now);
    if (changed || reassert) {
      h.createUpdate("UPDATE unisync_call_instance SET limit_calls = :calls, limit_window_ms = :window, limit_concurrent = :concurrent, "
              + "limit_daily = :daily, limits_at = :at WHERE instance = :i")
          .bind("calls", calls).bind("window", windowMillis).bind("concurrent", concurrent).bind("daily", daily)
          .bind("at", utc(mine || live.isEmpty() ? now : live.get().at())).bind("i", instance).execute();
    }
    if (!mine && warnedLooser.compareAndSet(false, true)) {
      LOG.warn("The call budget of {} keeps the stricter limits another process holds ({} calls per {} ms, {} at once, {} a day);"
          + " this process is configured with {}", instance, calls, windowMillis, concurrent, daily, this.limits);
    }
    return mine ? this.limits : new CallLimits(calls, Duration.ofMillis(windowMillis), concurrent, daily, this.limits.quotaZone(),
        this.limits.staleAfter());
  }

  private final java.util.concurrent.atomic.AtomicBoolean warnedLooser = new java.util.concurrent.atomic.AtomicBoolean();

  private Decision decide(Handle h, boolean interactive) {
    Optional<Day> stored = lockInstance(h);
    Instant now = clock.instant(); // after the lock
    LocalDate today = LocalDate.ofInstant(now, this.limits.quotaZone());
    if (stored.isEmpty()) {
      h.createUpdate("INSERT INTO unisync_call_instance (instance, quota_day, day_calls) VALUES (:i, :day, 0)")
          .bind("i", instance).bind("day", today).execute();
      stored = lockInstance(h);
    }
    CallLimits limits = keep(h, stored.flatMap(Day::limits), now);
    long used = stored.filter(d -> today.equals(d.day())).map(Day::calls).orElse(0L);
    if (used >= limits.dailyQuota()) {
      return new Decision(new CallBudget.QuotaUsed(today.plusDays(1).atStartOfDay(limits.quotaZone()).toInstant()), Duration.ZERO);
    }
    h.createUpdate("DELETE FROM unisync_call WHERE instance = :i AND ((finished_at IS NOT NULL AND finished_at <= :freed) "
            + "OR (finished_at IS NULL AND started_at <= :stale))")
        .bind("i", instance).bind("freed", utc(now.minus(limits.window()).minus(MARGIN)))
        .bind("stale", utc(now.minus(limits.staleAfter()))).execute();
    long[] counts = h.createQuery("SELECT COUNT(*), SUM(CASE WHEN finished_at IS NULL THEN 1 ELSE 0 END), MIN(finished_at) "
            + "FROM unisync_call WHERE instance = :i")
        .bind("i", instance)
        .map((rs, ctx) -> {
          OffsetDateTime first = rs.getObject(3, OffsetDateTime.class);
          return new long[] {rs.getLong(1), rs.getLong(2), first == null ? -1 : first.toInstant().toEpochMilli()};
        })
        .one();
    int callLimit = interactive ? limits.calls() : limits.backgroundCalls();
    int concurrencyLimit = interactive ? limits.concurrent() : limits.backgroundConcurrent();
    if (counts[1] < concurrencyLimit && counts[0] < callLimit) {
      String id = UUID.randomUUID().toString();
      h.createUpdate("INSERT INTO unisync_call (instance, id, interactive, started_at) VALUES (:i, :id, :interactive, :now)")
          .bind("i", instance).bind("id", id).bind("interactive", interactive).bind("now", utc(now)).execute();
      h.createUpdate("UPDATE unisync_call_instance SET quota_day = :day, day_calls = :used WHERE instance = :i")
          .bind("day", today).bind("used", used + 1).bind("i", instance).execute();
      return new Decision(new CallBudget.Granted(permit(id)), Duration.ZERO);
    }
    Duration retryIn = counts[0] >= callLimit && counts[2] >= 0
        ? Duration.ofMillis(counts[2]).plus(limits.window()).plus(MARGIN).minusMillis(now.toEpochMilli())
        : Duration.ZERO;
    return new Decision(null, retryIn.isNegative() ? Duration.ZERO : retryIn);
  }

  private Optional<Day> lockInstance(Handle h) {
    return readDay(h, true);
  }

  /** The instance's row: which day its count is for, and the count; locked for the transaction when {@code lock}. */
  private Optional<Day> readDay(Handle h, boolean lock) {
    return h.createQuery("SELECT quota_day, day_calls, limit_calls, limit_window_ms, limit_concurrent, limit_daily, limits_at "
            + "FROM unisync_call_instance WHERE instance = :i" + (lock ? " FOR UPDATE" : ""))
        .bind("i", instance).map((rs, ctx) -> {
          OffsetDateTime at = rs.getObject(7, OffsetDateTime.class);
          Optional<Stored> limits = at == null || rs.getObject(3) == null ? Optional.empty()
              : Optional.of(new Stored(rs.getInt(3), rs.getLong(4), rs.getInt(5), rs.getLong(6), at.toInstant()));
          return new Day(rs.getObject(1, LocalDate.class), rs.getLong(2), limits);
        }).findOne();
  }

  private CallBudget.CallPermit permit(String id) {
    AtomicBoolean open = new AtomicBoolean(true);
    return () -> {
      if (open.compareAndSet(true, false)) {
        try {
          jdbi.useHandle(h -> h.createUpdate("UPDATE unisync_call SET finished_at = :now WHERE instance = :i AND id = :id AND finished_at IS NULL")
              .bind("now", utc(clock.instant())).bind("i", instance).bind("id", id).execute());
        } catch (RuntimeException e) {
          LOG.warn("Could not mark call {} of {} finished; its slot frees when it turns stale ({})", id, instance, e.getClass().getSimpleName());
        }
      }
    };
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  @Override
  public String toString() {
    return instance;
  }
}
