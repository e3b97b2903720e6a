package io.unisync.core.engine;

import io.unisync.core.error.ConfigurationException;
import io.unisync.core.error.RetryableAdapterException;
import io.unisync.core.error.LeaseLostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an engine's bounded operations on a schedule, on an executor the host supplies: the person sync,
 * activity delivery, and (when configured) the two-way syncs. An operation the engine lacks the
 * {@link SyncEngine#capabilities() capability} for is left out, so one schedule serves engines with and without a CRM.
 *
 * <h2>Failures</h2>
 * <ul>
 *   <li>An operation that throws an exception is reported (log and {@link #health()}) and runs again on its
 *       schedule, resuming from the stored checkpoint. After consecutive failures it backs off: it skips
 *       runs for {@code period × 2^(failures-1)}, at most {@link Schedule#maxBackoff()}, so a wrong secret or a
 *       down service is not hammered every period. A {@link ConfigurationException} (refused credentials)
 *       backs off at once to the maximum.
 *   <li>An {@link Error} (out of memory, stack overflow, ...) ends the whole run loudly: every schedule is
 *       cancelled, the error is logged and kept, and {@link #awaitStop(Duration)} returns it, so the host can
 *       exit instead of looking alive while nothing syncs. Nothing is lost: every step commits its own
 *       progress.
 * </ul>
 * {@link #close()} stops scheduling, lets the runs in progress finish (up to a grace period) and returns;
 * nothing is lost either way, since every step commits its own progress and an abandoned delivery is
 * redelivered after its lease. Thread-safe.
 */
public final class SyncRunner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SyncRunner.class);

  /**
   * How often each operation runs; an operation given no period does not run. Built with {@link #builder()}; {@link
   * Builder#build()} lists every problem at once.
   */
  public static final class Schedule {

    /** The person sync's period in {@link #suggested()}: changes reach the store within about a minute. */
    public static final Duration SUGGESTED_PERSON_SYNC = Duration.ofMinutes(1);
    /** Activity delivery's period in {@link #suggested()}. */
    public static final Duration SUGGESTED_DELIVERY = Duration.ofSeconds(10);
    /** The two-way syncs' (opt-outs, reminders) period in {@link #suggested()}. */
    public static final Duration SUGGESTED_TWO_WAY = Duration.ofMinutes(5);
    /** How often a full reconciliation starts in {@link #suggested()}: weekly. */
    public static final Duration SUGGESTED_RECONCILE = Duration.ofDays(7);
    /** How long {@link SyncRunner#close()} waits for runs in progress, unless set. */
    public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(30);
    /** The longest an operation that keeps failing waits between attempts, unless set. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(15);

    private final @Nullable Duration personSync;
    private final @Nullable Duration delivery;
    private final @Nullable Duration deliveryWhenIdle;
    private final @Nullable Duration personSyncWhenIdle;
    private final @Nullable Duration optOuts;
    private final @Nullable Duration reminders;
    private final @Nullable Duration reconcile;
    private final Duration gracePeriod;
    private final Duration maxBackoff;

    private Schedule(Builder b) {
      List<String> problems = new ArrayList<>();
      positive(problems, "personSync", b.personSync, true);
      positive(problems, "delivery", b.delivery, true);
      atLeast(problems, "deliveryWhenIdle", b.deliveryWhenIdle, "delivery", b.delivery);
      atLeast(problems, "personSyncWhenIdle", b.personSyncWhenIdle, "personSync", b.personSync);
      positive(problems, "optOuts", b.optOuts, true);
      positive(problems, "reminders", b.reminders, true);
      positive(problems, "reconcile", b.reconcile, true);
      positive(problems, "gracePeriod", b.gracePeriod, false);
      positive(problems, "maxBackoff", b.maxBackoff, false);
      if (!problems.isEmpty()) {
        throw new io.unisync.core.error.ConfigurationException("SyncRunner.Schedule", problems);
      }
      this.personSync = b.personSync;
      this.delivery = b.delivery;
      this.deliveryWhenIdle = b.deliveryWhenIdle;
      this.personSyncWhenIdle = b.personSyncWhenIdle;
      this.optOuts = b.optOuts;
      this.reminders = b.reminders;
      this.reconcile = b.reconcile;
      this.gracePeriod = java.util.Objects.requireNonNull(b.gracePeriod);
      this.maxBackoff = java.util.Objects.requireNonNull(b.maxBackoff);
    }

    /** An idle period is at least its operation's period (it is how long an idle pass waits instead). */
    private static void atLeast(List<String> problems, String name, @Nullable Duration idle, String periodName, @Nullable Duration period) {
      positive(problems, name, idle, true);
      if (idle != null && (period == null || idle.compareTo(period) < 0)) {
        problems.add(name + " must be at least the " + periodName + " period (it is how long an idle pass waits instead)");
      }
    }

    private static void positive(List<String> problems, String name, @Nullable Duration value, boolean optional) {
      if (value == null ? !optional : value.isNegative() || value.isZero()) {
        problems.add(name + " must be a positive duration" + (optional ? " when given" : ""));
      }
    }

    /** {@return nothing scheduled, a grace period of 30 s and a maximum backoff of 15 minutes} */
    public static Builder builder() {
      return new Builder();
    }

    /**
     * Every operation on the suggested periods ({@code SUGGESTED_*}: person sync every minute, delivery every 10 s, the
     * two-way syncs every 5 minutes, a full reconciliation weekly), which both front-ends (the CLI's file, the starter's
     * properties) start from.
     *
     * @return a builder holding the suggested periods
     */
    public static Builder suggested() {
      return new Builder().personSync(SUGGESTED_PERSON_SYNC).delivery(SUGGESTED_DELIVERY).optOuts(SUGGESTED_TWO_WAY)
          .reminders(SUGGESTED_TWO_WAY).reconcile(SUGGESTED_RECONCILE);
    }

    /** {@return a builder holding this schedule} */
    public Builder toBuilder() {
      Builder b = new Builder().gracePeriod(gracePeriod).maxBackoff(maxBackoff);
      b.personSync = personSync;
      b.delivery = delivery;
      b.deliveryWhenIdle = deliveryWhenIdle;
      b.personSyncWhenIdle = personSyncWhenIdle;
      b.optOuts = optOuts;
      b.reminders = reminders;
      b.reconcile = reconcile;
      return b;
    }

    /** {@return how often {@link SyncEngine#syncPersons()} runs; empty: it does not} */
    public Optional<Duration> personSync() {
      return Optional.ofNullable(personSync);
    }

    /** {@return how often {@link Activities#deliver()} runs; empty: it does not} */
    public Optional<Duration> delivery() {
      return Optional.ofNullable(delivery);
    }

    /**
     * How long delivery waits after a pass that found nothing to deliver, instead of {@link #delivery()}: an idle
     * tenant's outbox is then looked at this often, a busy one every delivery period. For a fleet of mostly idle
     * tenants (one transaction per look), at the price of that much delay for the first activity after a quiet spell.
     * Empty: the delivery period always.
     *
     * @return the idle period, or empty
     */
    public Optional<Duration> deliveryWhenIdle() {
      return Optional.ofNullable(deliveryWhenIdle);
    }

    /**
     * How long the person sync waits after an incremental pass that found no change (and no reconciliation owed),
     * instead of {@link #personSync()}: a quiet tenant is then read this often, one with changes every period. For a
     * fleet of mostly quiet tenants (a pass costs a Marketo call and a few transactions), at the price of that much
     * delay for the first change after a quiet spell. Empty: the person-sync period always.
     *
     * @return the idle period, or empty
     */
    public Optional<Duration> personSyncWhenIdle() {
      return Optional.ofNullable(personSyncWhenIdle);
    }

    /** {@return how often {@link OptOuts#sync()} runs; empty: it does not} */
    public Optional<Duration> optOuts() {
      return Optional.ofNullable(optOuts);
    }

    /** {@return how often {@link Reminders#sync()} runs; empty: it does not} */
    public Optional<Duration> reminders() {
      return Optional.ofNullable(reminders);
    }

    /**
     * How often a full reconciliation (with a census) is started: when the last one finished this long ago, by a time
     * kept with the store (see {@link Reconciliation#startIfDue}); its passes run with the person sync. Empty: only on
     * a retention breach or on demand.
     *
     * @return how often, or empty
     */
    public Optional<Duration> reconcile() {
      return Optional.ofNullable(reconcile);
    }

    /** {@return how long {@link #close()} waits for runs in progress} */
    public Duration gracePeriod() {
      return gracePeriod;
    }

    /** {@return the longest an operation that keeps failing waits between attempts} */
    public Duration maxBackoff() {
      return maxBackoff;
    }

    @Override
    public boolean equals(@Nullable Object other) {
      return other instanceof Schedule that && java.util.Objects.equals(personSync, that.personSync)
          && java.util.Objects.equals(delivery, that.delivery) && java.util.Objects.equals(deliveryWhenIdle, that.deliveryWhenIdle)
          && java.util.Objects.equals(personSyncWhenIdle, that.personSyncWhenIdle)
          && java.util.Objects.equals(optOuts, that.optOuts)
          && java.util.Objects.equals(reminders, that.reminders) && java.util.Objects.equals(reconcile, that.reconcile) && gracePeriod.equals(that.gracePeriod) && maxBackoff.equals(that.maxBackoff);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(personSync, delivery, deliveryWhenIdle, personSyncWhenIdle, optOuts, reminders, reconcile, gracePeriod, maxBackoff);
    }

    @Override
    public String toString() {
      return "Schedule[personSync=" + personSync + ", delivery=" + delivery + ", deliveryWhenIdle=" + deliveryWhenIdle + ", personSyncWhenIdle=" + personSyncWhenIdle + ", optOuts=" + optOuts + ", reminders=" + reminders
          + ", reconcile=" + reconcile + ", gracePeriod=" + gracePeriod + ", maxBackoff=" + maxBackoff + "]";
    }

    /** One setter per operation (not called: the operation does not run) and per knob. */
    public static final class Builder {
      private @Nullable Duration personSync;
      private @Nullable Duration delivery;
      private @Nullable Duration deliveryWhenIdle;
      private @Nullable Duration personSyncWhenIdle;
      private @Nullable Duration optOuts;
      private @Nullable Duration reminders;
      private @Nullable Duration reconcile;
      private @Nullable Duration gracePeriod = DEFAULT_GRACE_PERIOD;
      private @Nullable Duration maxBackoff = DEFAULT_MAX_BACKOFF;

      private Builder() {}

      /**
       * Runs the person sync every {@code every}; an operation given no period does not run.
       *
       * @param every the period
       * @return this builder
       */
      public Builder personSync(Duration every) {
        this.personSync = every;
        return this;
      }

      /**
       * Delivers recorded activities every {@code every}.
       *
       * @param every the period
       * @return this builder
       */
      public Builder delivery(Duration every) {
        this.delivery = every;
        return this;
      }

      /**
       * How long delivery waits after a pass that claimed nothing (at least the delivery period); see {@link
       * Schedule#deliveryWhenIdle()}.
       *
       * @param every the idle period
       * @return this builder
       */
      public Builder deliveryWhenIdle(Duration every) {
        this.deliveryWhenIdle = every;
        return this;
      }

      /**
       * How long the person sync waits after an incremental pass that found nothing (at least the person-sync period);
       * see {@link Schedule#personSyncWhenIdle()}.
       *
       * @param every the idle period
       * @return this builder
       */
      public Builder personSyncWhenIdle(Duration every) {
        this.personSyncWhenIdle = every;
        return this;
      }

      /**
       * Syncs e-mail opt-outs with the CRM every {@code every}.
       *
       * @param every the period
       * @return this builder
       */
      public Builder optOuts(Duration every) {
        this.optOuts = every;
        return this;
      }

      /**
       * Syncs reminder tasks with the CRM every {@code every}.
       *
       * @param every the period
       * @return this builder
       */
      public Builder reminders(Duration every) {
        this.reminders = every;
        return this;
      }

      /**
       * How often a full reconciliation starts ({@link Schedule#reconcile()}); weekly is a good start.
       *
       * @param every the period
       * @return this builder
       */
      public Builder reconcile(Duration every) {
        this.reconcile = every;
        return this;
      }

      /**
       * How long stopping waits for runs in progress before it interrupts them.
       *
       * @param value the grace period
       * @return this builder
       */
      public Builder gracePeriod(Duration value) {
        this.gracePeriod = value;
        return this;
      }

      /**
       * The longest an operation waits after failures before it is tried again.
       *
       * @param value the longest wait
       * @return this builder
       */
      public Builder maxBackoff(Duration value) {
        this.maxBackoff = value;
        return this;
      }

      /**
       * The schedule.
       *
       * @throws io.unisync.core.error.ConfigurationException listing every problem
       * @return the schedule
       */
      public Schedule build() {
        return new Schedule(this);
      }
    }
  }

  /**
   * How one scheduled operation is doing.
   *
   * @param operation its name ("person sync", "activity delivery", ...)
   * @param lastSuccess when it last ended without an exception
   * @param lastFailure when it last failed
   * @param lastError the last failure's message (the exception's type and message; never a secret)
   * @param consecutiveFailures failures since the last success
   * @param notBefore while backing off: the next run is skipped until then
   */
  public record Health(String operation, Optional<Instant> lastSuccess, Optional<Instant> lastFailure,
      Optional<String> lastError, int consecutiveFailures, Optional<Instant> notBefore) {}

  /** A server's retry hint longer than this is taken for a mistake (the backoff applies instead). */
  private static final Duration MAX_HINTED_WAIT = Duration.ofHours(25);

  private final ScheduledExecutorService executor;
  private final Clock clock;
  private final List<ScheduledFuture<?>> scheduled = new ArrayList<>(); // guarded by itself
  private final Map<String, Operation> operations = Collections.synchronizedMap(new LinkedHashMap<>());
  private final Duration gracePeriod;
  private final Duration maxBackoff;
  private final Consumer<Health> healthChanged;
  private final Runnable leaseLost;
  private final Consumer<Error> fatalError;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile @Nullable Error fatal;

  private SyncRunner(ScheduledExecutorService executor, Clock clock, Duration gracePeriod, Duration maxBackoff,
      Consumer<Health> healthChanged, Runnable leaseLost, Consumer<Error> fatalError) {
    this.executor = executor;
    this.healthChanged = healthChanged;
    this.leaseLost = leaseLost;
    this.fatalError = fatalError;
    this.clock = clock;
    this.gracePeriod = gracePeriod;
    this.maxBackoff = maxBackoff;
  }

  /**
   * Runs one engine's operations on {@code schedule}, each with a fixed delay after its previous run ended, on the
   * host's {@code executor} ({@link #close()} shuts it down). {@code healthChanged} is told whenever an operation first
   * succeeds, fails or recovers, on the thread that ran it: to keep the state where an operator's tools can see it (a
   * status command, a health endpoint); whatever it throws is logged and ignored. For many tenants, or replicas that
   * share them, use {@link TenantRunner#builder(TenantRunner.Settings)}.
   *
   * @param clock the clock of backoff and health
   * @param engine the engine
   * @param schedule the periods
   * @param executor the host's executor
   * @param healthChanged told of health changes
   * @return the running runner
   */
  public static SyncRunner start(SyncEngine engine, Schedule schedule, ScheduledExecutorService executor, Clock clock,
      Consumer<Health> healthChanged) {
    return start(engine, schedule, executor, clock, healthChanged, () -> { }, error -> { });
  }

  /**
   * As above; {@code leaseLost} runs once when an operation finds its lease taken over, {@code fatalError} when an
   * {@link Error} ended the run (either way the runner has stopped).
   */
  static SyncRunner start(SyncEngine engine, Schedule schedule, ScheduledExecutorService executor, Clock clock,
      Consumer<Health> healthChanged, Runnable leaseLost, Consumer<Error> fatalError) {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(healthChanged, "healthChanged");
    SyncRunner runner = new SyncRunner(executor, clock, schedule.gracePeriod(), schedule.maxBackoff(), healthChanged, leaseLost,
        fatalError);
    // an operation the engine was not built for is not scheduled (one schedule serves tenants with and without a CRM)
    schedule.personSync().ifPresent(every -> runner.every(every, "person sync", () -> {
      SyncReport report = engine.syncPersons();
      boolean quiet = report.kind() == SyncKind.INCREMENTAL && report.complete() && report.read() == 0 && report.changesSeen() == 0;
      // a reconciliation owed runs its passes with the person sync: not idle while one is (asked only when quiet)
      return !quiet || schedule.personSyncWhenIdle().isEmpty() || engine.reconciliation().owed().isPresent();
    }, schedule.personSyncWhenIdle().orElse(null)));
    engine.activities().ifPresent(activities -> schedule.delivery().ifPresent(every -> runner.every(every, "activity delivery", () -> {
      DeliveryReport report = activities.deliver();
      return report.destinations().values().stream().anyMatch(c -> c.claimed() > 0);
    }, schedule.deliveryWhenIdle().orElse(null))));
    engine.optOuts().ifPresent(optOuts -> schedule.optOuts().ifPresent(every -> runner.every(every, "opt-out sync", optOuts::sync)));
    engine.reminders().ifPresent(reminders -> schedule.reminders().ifPresent(every -> runner.every(every, "reminder sync", reminders::sync)));
    // looked at hourly (or every period, when shorter): a reconciliation starts when the last one finished a period ago,
    // a time kept with the store, so restarts neither trigger one nor put it off
    schedule.reconcile().ifPresent(every -> runner.every(min(every, Duration.ofHours(1)), "reconciliation schedule",
        () -> engine.reconciliation().startIfDue(every)));
    return runner;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private void every(Duration period, String name, Runnable operation) {
    every(period, name, () -> {
      operation.run();
      return true;
    }, null);
  }

  /**
   * {@code operation} answers whether it found work; when it found none and {@code whenIdle} is given, the runs until
   * {@code whenIdle} from now are skipped.
   */
  private void every(Duration period, String name, java.util.function.BooleanSupplier operation, @Nullable Duration whenIdle) {
    Operation op = new Operation(name, period, whenIdle);
    operations.put(name, op);
    synchronized (scheduled) {
      if (!isStopped()) { // an operation already started may have stopped the runner (a lost lease)
        scheduled.add(executor.scheduleWithFixedDelay(() -> runOnce(op, operation), 0, period.toMillis(), TimeUnit.MILLISECONDS));
      }
    }
  }

  /** Runs one scheduled operation; never lets anything escape into the executor, which would cancel it silently. */
  void runOnce(Operation op, java.util.function.BooleanSupplier operation) {
    if (fatal != null || isStopped() || op.skipNow(clock.instant())) {
      return;
    }
    try {
      boolean worked = operation.getAsBoolean();
      if (op.succeeded(clock.instant(), worked)) {
        report(op);
      }
    } catch (Error e) {
      fatal = e;
      LOG.error("{} failed with {}: the run ends now (every schedule is cancelled); restart the process once the cause"
          + " is fixed. Nothing is lost: every step committed its own progress", op.name, e.getClass().getName(), e);
      op.failed(clock.instant(), e, maxBackoff);
      stop();
      fatalError.accept(e);
    } catch (LeaseLostException e) {
      // Another replica holds this work now: nothing of ours committed, and nothing more may be tried.
      op.failed(clock.instant(), e, maxBackoff);
      LOG.warn("{} stopped: {}", op.name, e.getMessage());
      stop();
      report(op);
      leaseLost.run();
    } catch (Exception e) {
      Duration wait = op.failed(clock.instant(), e, maxBackoff);
      if (e instanceof ConfigurationException) {
        LOG.error("{} cannot run until its configuration is fixed (next attempt in {}): {}", op.name, wait, e.getMessage());
      } else {
        LOG.warn("{} failed ({} in a row); next attempt in at least {}. The next run resumes from the stored position: {}",
            op.name, op.health().consecutiveFailures(), wait, e.getMessage());
      }
      report(op);
    }
  }

  private void report(Operation op) {
    try {
      healthChanged.accept(op.health());
    } catch (RuntimeException e) {
      LOG.warn("The health listener failed for {}; ignoring it", op.name, e);
    }
  }

  /** {@return how each scheduled operation is doing, in schedule order} */
  public List<Health> health() {
    synchronized (operations) {
      return operations.values().stream().map(Operation::health).toList();
    }
  }

  /** {@return the error that ended the run, if one did} */
  public Optional<Error> fatalError() {
    return Optional.ofNullable(fatal);
  }

  /**
   * Waits until the run ends by an {@link Error} or {@link #close()}, at most {@code timeout}.
   *
   * @return the error that ended the run, if one did
   * @param timeout the longest wait
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public Optional<Error> awaitStop(Duration timeout) throws InterruptedException {
    stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return fatalError();
  }

  /**
   * Stops scheduling this runner's operations, leaving the executor to its owner (runs in progress finish on
   * their own). For runners that share one executor, as {@link TenantRunner}'s tenants do.
   */
  public void stop() {
    synchronized (scheduled) {
      scheduled.forEach(f -> f.cancel(false));
    }
    stopped.countDown();
  }

  /** {@return whether {@link #stop()} or {@link #close()} ran, or an {@link Error} or a lost lease ended the run} */
  public boolean isStopped() {
    return stopped.getCount() == 0;
  }

  /** Stops scheduling and waits up to the grace period for runs in progress; then shuts the executor down. */
  @Override
  public void close() {
    stop();
    try {
      OwnedExecutor.shutdown(executor, gracePeriod);
    } finally {
      stopped.countDown();
    }
  }

  /** One scheduled operation's state; guarded by its own monitor. */
  static final class Operation {
    final String name;
    final Duration period;
    /** How long to wait after a run that found no work, if that differs from the period. */
    final @Nullable Duration whenIdle;
    private @Nullable Instant lastSuccess;
    private @Nullable Instant lastFailure;
    private @Nullable String lastError;
    private int consecutiveFailures;
    private @Nullable Instant notBefore;

    Operation(String name, Duration period, @Nullable Duration whenIdle) {
      this.name = name;
      this.period = period;
      this.whenIdle = whenIdle;
    }

    synchronized boolean skipNow(Instant now) {
      return notBefore != null && now.isBefore(notBefore);
    }

    /** Records a success; true when that changes what an operator sees (the first success, or a recovery). */
    synchronized boolean succeeded(Instant now, boolean worked) {
      boolean changed = lastSuccess == null || consecutiveFailures > 0;
      lastSuccess = now;
      consecutiveFailures = 0;
      // idle: skip the runs until the idle period is over (half a period early, so the run due then is not skipped too)
      notBefore = worked || whenIdle == null ? null : now.plus(whenIdle).minus(period.dividedBy(2));
      return changed;
    }

    synchronized Duration failed(Instant now, Throwable failure, Duration maxBackoff) {
      lastFailure = now;
      lastError = failure.getClass().getSimpleName() + ": " + failure.getMessage();
      consecutiveFailures++;
      Duration wait;
      if (failure instanceof ConfigurationException) {
        wait = maxBackoff;
      } else {
        long factor = 1L << Math.min(20, consecutiveFailures - 1);
        long millis = period.toMillis() > maxBackoff.toMillis() / factor ? maxBackoff.toMillis() : period.toMillis() * factor;
        wait = Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
      }
      // The server's own word on when to come back (Marketo's daily quota or export allowance: its midnight in
      // Chicago) beats the backoff: asking before then only spends calls on being told no again.
      Duration hinted = failure instanceof RetryableAdapterException r ? r.retryAfter().orElse(null) : null;
      if (hinted != null && hinted.compareTo(wait) > 0 && hinted.compareTo(MAX_HINTED_WAIT) <= 0) {
        notBefore = now.plus(hinted);
        return hinted;
      }
      notBefore = consecutiveFailures > 1 || failure instanceof ConfigurationException ? now.plus(wait) : null;
      return consecutiveFailures > 1 || failure instanceof ConfigurationException ? wait : period;
    }

    synchronized Health health() {
      return new Health(name, Optional.ofNullable(lastSuccess), Optional.ofNullable(lastFailure), Optional.ofNullable(lastError),
          consecutiveFailures, Optional.ofNullable(notBefore));
    }
  }
}
