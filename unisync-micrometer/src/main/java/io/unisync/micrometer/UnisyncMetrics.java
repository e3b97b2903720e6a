package io.unisync.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.unisync.core.domain.ActivityId;
import io.unisync.core.engine.GateDecision;
import io.unisync.core.engine.OptOutReport;
import io.unisync.core.engine.ReminderReport;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.engine.SyncKind;
import io.unisync.core.engine.SyncListener;
import io.unisync.core.engine.SyncReport;
import io.unisync.core.port.CallBudget;
import io.unisync.core.port.Destination;
import io.unisync.core.port.Lease;
import io.unisync.core.port.OutboxState;
import io.unisync.core.port.Quarantine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unisync's metrics on a Micrometer {@link MeterRegistry}: a {@link SyncListener} for the events (give it to the
 * engine's builder) and gauges over the engine's state ({@link #watch(SyncEngine)}, {@link #watchBudget}). Every meter
 * carries the tag {@code tenant}; names are dotted and lower case, so each registry renders them in its own
 * convention ({@code unisync_activities_backlog} in Prometheus). The full list is in the README ("Metrics").
 *
 * <pre>{@code
 * UnisyncMetrics metrics = UnisyncMetrics.create(registry, "acme", clock);
 * SyncEngine engine = SyncEngine.builder() ... .listener(metrics).build();
 * metrics.watch(engine);                               // backlog, dead letters, stored, quarantined
 * metrics.watchBudget("marketo", marketo.callBudget()); // quota used and left
 * }</pre>
 *
 * <p>Gauges that need a database read (backlog, dead letters, people stored, quarantine, quota) read it at most once
 * per {@code refreshEvery} (default 15 s) however often the registry is scraped, and keep their last value when a read
 * fails. Thread-safe.
 */
public final class UnisyncMetrics implements SyncListener {

  private static final Logger LOG = LoggerFactory.getLogger(UnisyncMetrics.class);

  /** The tag every meter carries. */
  public static final String TENANT = "tenant";

  private final MeterRegistry registry;
  private final Tags tags;
  private final Clock clock;
  private final Duration refreshEvery;
  private volatile @Nullable Instant lastCurrent;
  private volatile @Nullable Instant lastSuccess;
  private volatile @Nullable Lease lease;

  private UnisyncMetrics(MeterRegistry registry, String tenant, Clock clock, Duration refreshEvery) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.tags = Tags.of(TENANT, Objects.requireNonNull(tenant, "tenant"));
    this.clock = Objects.requireNonNull(clock, "clock");
    this.refreshEvery = Objects.requireNonNull(refreshEvery, "refreshEvery");
    TimeGauge.builder("unisync.sync.lag", this, TimeUnit.SECONDS, m -> m.ageOf(m.lastCurrent))
        .description("Time since the store was last known current: the end of the last person sync that read the source up to now")
        .tags(tags).strongReference(true).register(registry);
    TimeGauge.builder("unisync.sync.last.success.age", this, TimeUnit.SECONDS, m -> m.ageOf(m.lastSuccess))
        .description("Time since the last person sync call that succeeded")
        .tags(tags).strongReference(true).register(registry);
    Gauge.builder("unisync.lease.held", this, m -> m.lease == null ? 0 : 1)
        .description("1 while this replica holds the tenant's lease (runs its sync), else 0")
        .tags(tags).strongReference(true).register(registry);
    Gauge.builder("unisync.lease.epoch", this, m -> m.lease == null ? Double.NaN : m.lease.epoch())
        .description("The fencing epoch of the lease this replica holds")
        .tags(tags).strongReference(true).register(registry);
  }

  /**
   * Metrics of one tenant, by the UTC system clock, gauges read at most every 15 s.
   *
   * @param registry the registry
   * @param tenant the value of the {@code tenant} tag
   * @return the metrics
   */
  public static UnisyncMetrics create(MeterRegistry registry, String tenant) {
    return create(registry, tenant, Clock.systemUTC(), Duration.ofSeconds(15));
  }

  /**
   * @param tenant the value of the {@code tenant} tag
   * @param clock for ages (lag)
   * @param refreshEvery how stale a gauge that reads the database may be
   * @param registry the registry
   * @return the metrics
   */
  public static UnisyncMetrics create(MeterRegistry registry, String tenant, Clock clock, Duration refreshEvery) {
    return new UnisyncMetrics(registry, tenant, clock, refreshEvery);
  }

  /**
   * Gauges over the engine's state: people stored and quarantined, and, when it has activities, the backlog per
   * destination and state ({@code pending}, {@code dead}).
   *
   * @param engine the engine
   * @return these metrics
   */
  public UnisyncMetrics watch(SyncEngine engine) {
    Cached<Long> stored = new Cached<>(() -> engine.people().count());
    gauge("unisync.people.stored", "People in the store", Tags.empty(), stored);
    engine.activities().ifPresent(activities -> {
      Cached<Map<Destination, Map<OutboxState, Long>>> backlog = new Cached<>(activities::backlog);
      for (Destination destination : Destination.values()) {
        for (OutboxState state : new OutboxState[] {OutboxState.PENDING, OutboxState.DEAD}) {
          Gauge.builder("unisync.activities.backlog", backlog, c -> c.get()
                  .map(b -> (double) b.getOrDefault(destination, Map.of()).getOrDefault(state, 0L)).orElse(Double.NaN))
              .description("Activities waiting for delivery (state=pending) or given up on (state=dead, the dead letters)")
              .tags(tags.and(destinationTag(destination), Tag.of("state", lower(state.name()))))
              .strongReference(true).register(registry);
        }
      }
    });
    return this;
  }

  /**
   * A gauge of the store's quarantine (records refused with a reason, waiting for someone to look).
   *
   * @param store the store
   * @return these metrics
   */
  public UnisyncMetrics watchQuarantine(Quarantine store) {
    gauge("unisync.people.quarantined", "Source records quarantined with a reason", Tags.empty(), new Cached<>(store::quarantineCount));
    return this;
  }

  /**
   * Gauges of a call budget's day: calls used and left of the quota ({@code instance} tag).
   *
   * @param instance the instance's tag
   * @param budget the budget
   * @return these metrics
   */
  public UnisyncMetrics watchBudget(String instance, CallBudget budget) {
    Cached<Optional<CallBudget.Usage>> usage = new Cached<>(budget::usage);
    Tags instanceTags = Tags.of("instance", instance);
    Gauge.builder("unisync.api.quota.used", usage, c -> c.get().flatMap(u -> u).map(u -> (double) u.callsToday()).orElse(Double.NaN))
        .description("API calls counted against the instance's daily quota today").tags(tags.and(instanceTags))
        .strongReference(true).register(registry);
    Gauge.builder("unisync.api.quota.remaining", usage, c -> c.get().flatMap(u -> u).map(u -> (double) u.remaining()).orElse(Double.NaN))
        .description("API calls left of the instance's daily quota today").tags(tags.and(instanceTags))
        .strongReference(true).register(registry);
    return this;
  }

  private void gauge(String name, String description, Tags extra, Cached<? extends Number> value) {
    Gauge.builder(name, value, c -> c.get().map(Number::doubleValue).orElse(Double.NaN))
        .description(description).tags(tags.and(extra)).strongReference(true).register(registry);
  }

  // ---- events ---------------------------------------------------------------------------------------------------

  @Override
  public void onFinished(SyncReport report) {
    Tags kind = tags.and("kind", kind(report.kind()));
    Timer.builder("unisync.sync.passes").description("Person sync calls that succeeded, and how long they took")
        .tags(kind).register(registry).record(report.elapsed());
    count("unisync.sync.records", kind, "result", Map.of("read", report.read(), "upserted", report.upserted(),
        "unchanged", report.unchanged(), "stale", report.stale(), "removed", report.removed(), "rejected", report.rejected(),
        "ineligible", report.ineligible()), "Source records by what the person sync did with them");
    Instant now = clock.instant();
    lastSuccess = now;
    if (report.complete() && report.kind() == SyncKind.INCREMENTAL) {
      lastCurrent = now;
    }
  }

  @Override
  public void onFailed(SyncKind kind, RuntimeException failure) {
    Counter.builder("unisync.sync.failures").description("Person sync calls that failed (the next resumes from the checkpoint)")
        .tags(tags.and("kind", kind(kind), "exception", failure.getClass().getSimpleName())).register(registry).increment();
  }

  @Override
  public void onBatchDelivered(Destination destination, int claimed, int delivered, Duration took) {
    Tags dest = tags.and(destinationTag(destination));
    Timer.builder("unisync.activities.batches").description("Batches handed to a destination, and how long it took to answer; outcome: how many of the batch were delivered (all, some, none)")
        .tags(dest.and("outcome", delivered == claimed ? "all" : delivered == 0 ? "none" : "some"))
        .register(registry).record(took);
    Counter.builder("unisync.activities.delivered").description("Activities delivered to a destination")
        .tags(dest).register(registry).increment(delivered);
  }

  @Override
  public void onRetryScheduled(Destination destination, ActivityId activity, int attempts, Instant due, String reason) {
    Counter.builder("unisync.activities.retries").description("Activity deliveries that failed for now and were rescheduled")
        .tags(tags.and(destinationTag(destination))).register(registry).increment();
  }

  @Override
  public void onDeadLettered(Destination destination, ActivityId activity, String reason) {
    Counter.builder("unisync.activities.dead.lettered").description("Activities given up on (rejected, or out of attempts)")
        .tags(tags.and(destinationTag(destination))).register(registry).increment();
  }

  @Override
  public void onGateDecision(GateDecision decision, boolean statusKnown, Duration took) {
    Timer.builder("unisync.gate.checks").description("E-mail send gate answers, and how long they took")
        .tags(tags.and("decision", decision.allowed() ? "allowed" : "blocked", "status", statusKnown ? "known" : "unknown"))
        .register(registry).record(took);
  }

  @Override
  public void onOptOutsSynced(OptOutReport report, Duration took) {
    Tags sync = tags.and("sync", "opt-outs");
    Timer.builder("unisync.twoway.passes").description("Two-way sync passes with the CRM that succeeded").tags(sync)
        .register(registry).record(took);
    count("unisync.twoway.changes", sync, "change", Map.of("pushed", (long) report.pushed(),
        "suppressed", (long) report.suppressedFromCrm(), "lifted", (long) report.liftedFromCrm(),
        "refused", (long) report.refused().size()), "Changes a two-way sync made (or the CRM refused for good)");
  }

  @Override
  public void onRemindersSynced(ReminderReport report, Duration took) {
    Tags sync = tags.and("sync", "reminders");
    Timer.builder("unisync.twoway.passes").description("Two-way sync passes with the CRM that succeeded").tags(sync)
        .register(registry).record(took);
    count("unisync.twoway.changes", sync, "change", Map.of("created", (long) report.created(),
        "updated", (long) report.updatedFromCrm(), "kept_local", (long) report.keptLocal(), "pushed", (long) report.pushed(),
        "deleted", (long) report.deletedFromCrm()), "Changes a two-way sync made (or the CRM refused for good)");
  }

  @Override
  public void onTwoWayFailed(String sync, RuntimeException failure) {
    Counter.builder("unisync.twoway.failures").description("Two-way sync passes that failed (the next resumes from the watermark)")
        .tags(tags.and("sync", sync, "exception", failure.getClass().getSimpleName())).register(registry).increment();
  }

  @Override
  public void onCallAdmission(String instance, boolean interactive, Duration waited, CallBudget.Admission admission) {
    String outcome = admission instanceof CallBudget.Granted ? "granted" : admission instanceof CallBudget.QuotaUsed ? "quota_used" : "busy";
    Timer.builder("unisync.api.admissions").description("Calls admitted or refused by the API budget, and how long they waited for room")
        .tags(tags.and("instance", instance, "priority", interactive ? "interactive" : "background", "outcome", outcome))
        .register(registry).record(waited);
  }

  @Override
  public void onLeaseAcquired(Lease lease) {
    this.lease = lease;
    Counter.builder("unisync.lease.changes").description("Leases of the tenant taken or given up by this replica")
        .tags(tags.and("change", "acquired")).register(registry).increment();
  }

  @Override
  public void onLeaseReleased(Lease released, String why) {
    Lease held = lease;
    if (held != null && held.epoch() == released.epoch()) {
      lease = null;
    }
    Counter.builder("unisync.lease.changes").description("Leases of the tenant taken or given up by this replica")
        .tags(tags.and("change", "released")).register(registry).increment();
  }

  private void count(String name, Tags base, String key, Map<String, Long> values, String description) {
    values.forEach((value, n) -> {
      Counter counter = Counter.builder(name).description(description).tags(base.and(key, value)).register(registry);
      if (n > 0) {
        counter.increment(n);
      }
    });
  }

  private double ageOf(@Nullable Instant at) {
    return at == null ? Double.NaN : Duration.between(at, clock.instant()).toMillis() / 1000.0;
  }

  private static Tag destinationTag(Destination destination) {
    return Tag.of("destination", lower(destination.name()));
  }

  private static String kind(SyncKind kind) {
    return lower(kind.name());
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** A value read at most once per {@code refreshEvery}; a failed read keeps the last value (empty before the first). */
  private final class Cached<T> {
    private final Supplier<T> read;
    private @Nullable T value;
    private @Nullable Instant readAt;

    Cached(Supplier<T> read) {
      this.read = read;
    }

    synchronized Optional<T> get() {
      Instant now = clock.instant();
      if (readAt == null || !now.isBefore(readAt.plus(refreshEvery))) {
        readAt = now;
        try {
          value = read.get();
        } catch (RuntimeException e) {
          LOG.warn("A Unisync gauge could not read its value; it keeps the last one ({})", e.getClass().getSimpleName());
        }
      }
      return Optional.ofNullable(value);
    }
  }

  @Override
  public String toString() {
    return "UnisyncMetrics" + tags.stream().map(Tag::getValue).toList();
  }
}
