package io.unisync.jdbc;

import io.unisync.core.port.CallBudget;
import io.unisync.core.port.CallLimits;
import io.unisync.jdbc.internal.CallTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link CallBudget} kept in the database ({@code unisync_call}, migration V7): every process that calls one
 * remote instance through it draws on the same sliding window, concurrency cap and daily quota, and a restarted
 * process sees the calls made before it. Each admission is one short transaction that locks the instance's row;
 * a caller with no room waits (polling, at most until its deadline). A call left open by a process that died stops
 * counting as in flight after {@link CallLimits#staleAfter()}.
 *
 * <p>Why not a library: the distributed rate limiters that keep state in PostgreSQL (Bucket4j's, for one) are
 * token buckets, which let a full bucket plus its refill through in one sliding window (200 calls in 20 s for a
 * limit of 100) and have no concurrency cap; Marketo counts both. Thread-safe.
 */
public final class JdbcCallBudget implements CallBudget {

  private static final Duration POLL = Duration.ofMillis(50);

  private final CallTable table;
  private final Clock clock;
  private final io.unisync.core.port.Sleeper sleeper;

  private JdbcCallBudget(CallTable table, Clock clock, io.unisync.core.port.Sleeper sleeper) {
    this.table = table;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * @param instance the remote instance's name, the same in every process (for example {@code marketo:284-RPR-133})
   * @param limits its limits ({@code MarketoSettings.callLimits()})
   * @param dataSource the database every process shares
   * @param clock judges the windows and the quota day
   * @return the shared budget
   */
  public static JdbcCallBudget create(DataSource dataSource, String instance, CallLimits limits, Clock clock) {
    return create(dataSource, instance, limits, clock, io.unisync.core.port.Sleeper.system());
  }

  /**
   * As above, waiting for room through {@code sleeper} (a test or a simulation skips the waits).
   *
   * @param dataSource the database every process shares
   * @param instance the remote instance's name, the same in every process
   * @param limits its limits
   * @param clock judges the windows and the quota day
   * @param sleeper waits for room
   * @return the shared budget
   */
  public static JdbcCallBudget create(DataSource dataSource, String instance, CallLimits limits, Clock clock,
      io.unisync.core.port.Sleeper sleeper) {
    return new JdbcCallBudget(new CallTable(dataSource, instance, limits, clock), clock, sleeper);
  }

  @Override
  public Admission acquire(boolean interactive, Duration maxWait) {
    Instant giveUp = clock.instant().plus(maxWait);
    while (true) {
      CallTable.Decision decision = table.tryTake(interactive);
      if (decision.admission() != null) {
        return decision.admission();
      }
      Duration left = Duration.between(clock.instant(), giveUp);
      if (left.isNegative() || left.isZero()) {
        return new Busy();
      }
      Duration wait = decision.retryIn().compareTo(POLL) < 0 ? POLL : decision.retryIn();
      try {
        sleeper.sleep(Duration.ofMillis(Math.max(1, Math.min(wait.toMillis(), left.toMillis()))));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Busy();
      }
    }
  }

  /** One read of the instance's row (no lock); empty only when the database cannot be read. */
  @Override
  public Optional<Usage> usage() {
    return table.usage();
  }

  @Override
  public String toString() {
    return "JdbcCallBudget[" + table + "]";
  }
}
