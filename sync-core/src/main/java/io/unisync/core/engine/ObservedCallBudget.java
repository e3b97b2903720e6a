package io.unisync.core.engine;

import io.unisync.core.engine.internal.SafeListener;
import io.unisync.core.port.CallBudget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link CallBudget} that tells a {@link SyncListener} about every admission (how long the call waited for room,
 * and whether it got any) and passes everything else through. Wrap the budget you give the Marketo client:
 *
 * <pre>{@code
 * CallBudget budget = ObservedCallBudget.of(JdbcCallBudget.create(...), "marketo", metrics, clock);
 * }</pre>
 *
 * Thread-safe when the budget is.
 */
public final class ObservedCallBudget implements CallBudget {

  private final CallBudget budget;
  private final String instance;
  private final SyncListener listener;
  private final Clock clock;

  private ObservedCallBudget(CallBudget budget, String instance, SyncListener listener, Clock clock) {
    this.budget = Objects.requireNonNull(budget, "budget");
    this.instance = Objects.requireNonNull(instance, "instance");
    this.listener = SafeListener.wrap(Objects.requireNonNull(listener, "listener"));
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * @param instance the name events carry (for example {@code marketo}); a metric tag, so keep it low in cardinality
   * @param clock measures the waits
   * @param budget the budget observed
   * @param listener hears every wait and refusal
   * @return the observed budget
   */
  public static CallBudget of(CallBudget budget, String instance, SyncListener listener, Clock clock) {
    return new ObservedCallBudget(budget, instance, listener, clock);
  }

  @Override
  public Admission acquire(boolean interactive, Duration maxWait) {
    Instant start = clock.instant();
    Admission admission = budget.acquire(interactive, maxWait);
    listener.onCallAdmission(instance, interactive, Duration.between(start, clock.instant()), admission);
    return admission;
  }

  @Override
  public Optional<Usage> usage() {
    return budget.usage();
  }

  /** {@return the budget this one observes} */
  public CallBudget observed() {
    return budget;
  }

  @Override
  public String toString() {
    return "ObservedCallBudget[" + instance + ": " + budget + "]";
  }
}
