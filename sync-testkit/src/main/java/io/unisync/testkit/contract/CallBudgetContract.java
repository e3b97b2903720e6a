package io.unisync.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.port.CallBudget;
import io.unisync.core.port.CallBudget.Busy;
import io.unisync.core.port.CallBudget.Granted;
import io.unisync.core.port.CallLimits;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of every {@link CallBudget}: a sliding window in which a call holds its slot until a window after it
 * finished, a concurrency cap, a reserve for interactive callers, a daily quota, and one budget for every handle on
 * the same instance. Real time, short windows.
 */
public abstract class CallBudgetContract {

  /** The rate window the tests use. */
  protected static final Duration WINDOW = Duration.ofMillis(400);

  /**
   * A budget for a fresh instance with these limits, on the system clock.
   *
   * @param limits the limits
   * @return the budget
   */
  protected abstract CallBudget newBudget(CallLimits limits);

  /**
   * Another handle on the instance of the last {@link #newBudget}, as another process (or a restarted one) would have;
   * an in-process budget returns itself.
   *
   * @return the other handle
   */
  protected abstract CallBudget sameInstanceElsewhere();

  /**
   * Limits with the test window.
   *
   * @param calls calls per window
   * @param concurrent calls at once
   * @param dailyQuota calls per day
   * @return the limits
   */
  protected static CallLimits limits(int calls, int concurrent, long dailyQuota) {
    return new CallLimits(calls, WINDOW, concurrent, dailyQuota, ZoneId.of("America/Chicago"), Duration.ofMinutes(5));
  }

  private static CallBudget.CallPermit granted(CallBudget budget, boolean interactive) {
    CallBudget.Admission admission = budget.acquire(interactive, Duration.ZERO);
    assertThat(admission).isInstanceOf(Granted.class);
    return ((Granted) admission).permit();
  }

  @Test
  void backgroundCallsStopShortOfTheReserveWhichInteractiveCallsUse() {
    CallBudget budget = newBudget(limits(5, 10, 1_000));
    for (int i = 0; i < 4; i++) {
      granted(budget, false).close();
    }

    assertThat(budget.acquire(false, Duration.ZERO)).as("the fifth slot is kept for interactive calls").isInstanceOf(Busy.class);
    granted(budget, true).close();
    assertThat(budget.acquire(true, Duration.ZERO)).as("five in the window").isInstanceOf(Busy.class);
  }

  @Test
  void aSlotFreesAWindowAfterItsCallFinishedNotAfterItStarted() throws Exception {
    CallBudget budget = newBudget(limits(2, 10, 1_000)); // one background slot
    CallBudget.CallPermit call = granted(budget, false);
    Thread.sleep(WINDOW.toMillis() + 100); // a long call: longer than the window
    call.close();

    assertThat(budget.acquire(false, Duration.ZERO)).as("finished just now").isInstanceOf(Busy.class);
    Thread.sleep(WINDOW.toMillis() + 100);
    granted(budget, false).close();
  }

  @Test
  void concurrencyIsCappedWithOneSlotKeptForInteractiveCalls() {
    CallBudget budget = newBudget(limits(100, 3, 1_000));
    CallBudget.CallPermit first = granted(budget, false);
    CallBudget.CallPermit second = granted(budget, false);

    assertThat(budget.acquire(false, Duration.ZERO)).isInstanceOf(Busy.class);
    CallBudget.CallPermit interactive = granted(budget, true);
    assertThat(budget.acquire(true, Duration.ZERO)).as("three in flight").isInstanceOf(Busy.class);
    interactive.close();
    first.close();
    first.close(); // a second close changes nothing
    CallBudget.CallPermit third = granted(budget, false);
    assertThat(budget.acquire(false, Duration.ZERO)).as("second and third in flight: closing first twice freed one slot only")
        .isInstanceOf(Busy.class);
    third.close();
    second.close();
  }

  @Test
  void theDailyQuotaEndsTheDayUntilMidnightInItsZone() {
    CallBudget budget = newBudget(limits(100, 10, 3));
    for (int i = 0; i < 3; i++) {
      granted(budget, i % 2 == 0).close();
    }

    CallBudget.Admission fourth = budget.acquire(true, Duration.ZERO);

    assertThat(fourth).isInstanceOfSatisfying(CallBudget.QuotaUsed.class, q -> {
      assertThat(q.resetsAt()).isAfter(java.time.Clock.systemUTC().instant());
      assertThat(q.resetsAt().atZone(ZoneId.of("America/Chicago")).toLocalTime().toSecondOfDay()).isZero();
    });
  }

  @Test
  void everyHandleOnTheInstanceDrawsOnOneBudgetARestartedProcessToo() {
    CallBudget first = newBudget(limits(5, 10, 1_000));
    List<CallBudget.CallPermit> permits = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      permits.add(granted(first, false));
    }

    CallBudget second = sameInstanceElsewhere();

    assertThat(second.acquire(false, Duration.ZERO)).isInstanceOf(Busy.class);
    permits.forEach(CallBudget.CallPermit::close);
  }

  @Test
  void aWaitingCallerIsAdmittedWhenASlotFrees() {
    CallBudget budget = newBudget(limits(2, 10, 1_000));
    granted(budget, false).close();
    long start = System.nanoTime();

    CallBudget.Admission later = budget.acquire(false, Duration.ofSeconds(3));

    assertThat(later).isInstanceOf(Granted.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waited for the window").isGreaterThan(WINDOW.minusMillis(50));
    ((Granted) later).permit().close();
  }
}
