package io.unisync.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.SourceFields;
import io.unisync.core.domain.SourceRecord;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.engine.SyncRunner;
import io.unisync.core.error.ConfigurationException;
import io.unisync.core.error.RetryableAdapterException;
import io.unisync.core.port.ChangeBatch;
import io.unisync.core.port.PersonSource;
import io.unisync.core.port.SnapshotPage;
import io.unisync.core.port.SnapshotPosition;
import io.unisync.core.port.SourcePosition;
import io.unisync.testkit.InMemoryPersonStore;
import io.unisync.testkit.ManualClock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The runner survives whatever a pass throws, backs off what keeps failing, and ends loudly on an {@link Error}. */
class SyncRunnerTest {

  final ManualClock clock = ManualClock.startingAtEpochOf2026();

  /** A source whose every call throws what the test supplies, counting the calls. */
  static final class FailingSource implements PersonSource {
    final AtomicInteger calls = new AtomicInteger();
    final Supplier<Throwable> failure;

    FailingSource(Supplier<Throwable> failure) {
      this.failure = failure;
    }

    private RuntimeException fail() {
      calls.incrementAndGet();
      Throwable t = failure.get();
      if (t instanceof Error e) {
        throw e;
      }
      throw (RuntimeException) t;
    }

    @Override
    public SourceFields fields() {
      return SourceFields.standard();
    }

    @Override
    public SourcePosition currentPosition() {
      throw fail();
    }

    @Override
    public SnapshotPage readSnapshot(Optional<SnapshotPosition> after, int pageSize) {
      throw fail();
    }

    @Override
    public ChangeBatch readChanges(SourcePosition after, int maxChanges) {
      throw fail();
    }

    @Override
    public List<SourceRecord> readCurrent(Collection<PersonId> ids) {
      throw fail();
    }
  }

  private SyncRunner start(PersonSource source) {
    SyncEngine engine = SyncEngine.builder().clock(clock).personSource(source).personStore(new InMemoryPersonStore()).build();
    return SyncRunner.start(engine, SyncRunner.Schedule.builder().personSync(Duration.ofMillis(10)).gracePeriod(Duration.ofSeconds(2))
        .build(), Executors.newSingleThreadScheduledExecutor(), clock, health -> { });
  }

  @Test
  void aScheduledReconciliationStartsWhenAPeriodHasPassedOnTheClockAndRunsWithThePersonSync() throws Exception {
    io.unisync.testkit.InMemoryPersonSource source = new io.unisync.testkit.InMemoryPersonSource(clock);
    source.put(1, io.unisync.testkit.SamplePeople.sourceValues(1, source.fields(), "005000000000001AAA"));
    java.util.concurrent.BlockingQueue<io.unisync.core.engine.ReconcileReport> reports = new java.util.concurrent.LinkedBlockingQueue<>();
    SyncEngine engine = SyncEngine.builder().clock(clock).personSource(source).personStore(new InMemoryPersonStore())
        .listener(new io.unisync.core.engine.SyncListener() {
          @Override
          public void onReconciled(io.unisync.core.engine.ReconcileReport report) {
            reports.add(report);
          }
        }).build();
    SyncRunner.Schedule schedule = SyncRunner.Schedule.builder().personSync(Duration.ofMillis(10)).reconcile(Duration.ofMillis(50))
        .gracePeriod(Duration.ofSeconds(2)).build();
    try (SyncRunner runner = SyncRunner.start(engine, schedule, Executors.newScheduledThreadPool(2), clock, health -> { })) {
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
      while (runner.health().stream().noneMatch(h -> h.operation().equals("reconciliation schedule") && h.lastSuccess().isPresent())
          && System.nanoTime() < deadline) {
        Thread.sleep(5); // the schedule's first look: it only starts the count
      }
      assertThat(reports.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS)).as("not due: no time passed on the clock").isNull();
      clock.advance(Duration.ofMillis(60)); // a period after the schedule began counting
      io.unisync.core.engine.ReconcileReport report = reports.poll(10, java.util.concurrent.TimeUnit.SECONDS);

      assertThat(report).as("a reconciliation ran").isNotNull();
      assertThat(report.checked()).as("the stored person was checked").isPositive();
      assertThat(runner.health()).extracting(SyncRunner.Health::operation).contains("reconciliation schedule");
    }
  }

  @Test
  void anErrorEndsTheRunLoudlyInsteadOfSilentlyStoppingTheSchedule() throws Exception {
    FailingSource source = new FailingSource(() -> new OutOfMemoryError("Java heap space (simulated)"));
    try (SyncRunner runner = start(source)) {
      Optional<Error> fatal = runner.awaitStop(Duration.ofSeconds(10));

      assertThat(fatal).get().isInstanceOf(OutOfMemoryError.class);
      assertThat(runner.health()).singleElement().satisfies(h -> assertThat(h.lastError()).get().asString().contains("OutOfMemoryError"));
      Thread.sleep(100);
      assertThat(source.calls.get()).as("nothing runs after the error").isEqualTo(1);
    }
  }

  @Test
  void anIdleOutboxIsLookedAtOnlyEveryIdlePeriodAndOneWithWorkEveryPeriod() throws Exception {
    io.unisync.testkit.FaultPlan faults = new io.unisync.testkit.FaultPlan();
    io.unisync.testkit.InMemoryActivityOutbox outbox = new io.unisync.testkit.InMemoryActivityOutbox(faults);
    SyncEngine engine = SyncEngine.builder().clock(clock).personSource(new io.unisync.testkit.InMemoryPersonSource(clock))
        .personStore(new InMemoryPersonStore()).activityOutbox(outbox)
        .activitySink(new io.unisync.testkit.RecordingActivitySink(io.unisync.core.port.Destination.MARKETO)).build();
    SyncRunner.Schedule schedule = SyncRunner.Schedule.builder().delivery(Duration.ofMillis(10)).deliveryWhenIdle(Duration.ofSeconds(60))
        .gracePeriod(Duration.ofSeconds(2)).build();
    String claim = io.unisync.testkit.InMemoryActivityOutbox.CLAIM;
    try (SyncRunner runner = SyncRunner.start(engine, schedule, Executors.newSingleThreadScheduledExecutor(), clock, health -> { })) {
      await(() -> faults.calls(claim) >= 1);
      Thread.sleep(200); // twenty delivery periods
      assertThat(faults.calls(claim)).as("an empty outbox is not looked at again within the idle period").isEqualTo(1);
      assertThat(runner.health().get(0).notBefore()).get().isEqualTo(clock.instant().plusSeconds(60).minusMillis(5));

      engine.activities().orElseThrow().record(io.unisync.testkit.SampleActivities.activity(1, 1, clock.instant()));
      clock.advance(Duration.ofSeconds(60));
      // the pass that finds the activity claims twice (the activity, then nothing: the pass ends); it keeps the busy
      // cadence, so the next pass comes a period later with the clock unmoved, claims once, finds nothing
      await(() -> faults.calls(claim) >= 4);
      Thread.sleep(200);
      assertThat(faults.calls(claim)).as("then idle again").isEqualTo(4);
    }
    assertThatThrownBy(() -> SyncRunner.Schedule.builder().delivery(Duration.ofSeconds(10)).deliveryWhenIdle(Duration.ofSeconds(5)).build())
        .hasMessageContaining("deliveryWhenIdle must be at least the delivery period");
  }

  @Test
  void aQuietTenantIsReadOnlyEveryIdlePeriodAndOneWithChangesEveryPeriod() throws Exception {
    io.unisync.testkit.FaultPlan faults = new io.unisync.testkit.FaultPlan();
    io.unisync.testkit.InMemoryPersonSource source = new io.unisync.testkit.InMemoryPersonSource(clock, SourceFields.standard(), faults);
    InMemoryPersonStore store = new InMemoryPersonStore();
    SyncEngine engine = SyncEngine.builder().clock(clock).personSource(source).personStore(store).build();
    engine.initialSync();
    SyncRunner.Schedule schedule = SyncRunner.Schedule.builder().personSync(Duration.ofMillis(10))
        .personSyncWhenIdle(Duration.ofMinutes(5)).gracePeriod(Duration.ofSeconds(2)).build();
    String read = io.unisync.testkit.InMemoryPersonSource.READ_CHANGES;
    int before = faults.calls(read);
    try (SyncRunner runner = SyncRunner.start(engine, schedule, Executors.newSingleThreadScheduledExecutor(), clock, health -> { })) {
      await(() -> faults.calls(read) > before);
      Thread.sleep(200); // twenty periods
      int quiet = faults.calls(read);
      assertThat(quiet - before).as("a quiet pass: no second read within the idle period").isEqualTo(1);

      source.put(7, io.unisync.testkit.SamplePeople.sourceValues(7, SourceFields.standard(), "owner-1"));
      clock.advance(Duration.ofMinutes(5));
      await(() -> store.count() == 1);
      // the pass that found the change keeps the period: the next read comes with the clock unmoved, finds nothing
      await(() -> faults.calls(read) >= quiet + 2);
      Thread.sleep(200);
      assertThat(faults.calls(read)).as("then quiet again").isEqualTo(quiet + 2);
    }
    assertThatThrownBy(() -> SyncRunner.Schedule.builder().personSync(Duration.ofMinutes(1)).personSyncWhenIdle(Duration.ofSeconds(5)).build())
        .hasMessageContaining("personSyncWhenIdle must be at least the personSync period");
  }

  @Test
  void aFailingPassIsReportedAndBacksOffInsteadOfRunningEveryPeriod() throws Exception {
    FailingSource source = new FailingSource(() -> new RetryableAdapterException("Marketo is down"));
    try (SyncRunner runner = start(source)) {
      await(() -> source.calls.get() >= 2);
      Thread.sleep(200); // twenty periods
      int calls = source.calls.get();

      assertThat(calls).as("backing off after the second failure in a row").isEqualTo(2);
      SyncRunner.Health health = runner.health().get(0);
      assertThat(health.consecutiveFailures()).isEqualTo(2);
      assertThat(health.lastError()).get().asString().contains("Marketo is down");
      assertThat(health.notBefore()).get().isEqualTo(clock.instant().plus(Duration.ofMillis(20)));
      assertThat(runner.fatalError()).isEmpty();

      clock.advance(Duration.ofMillis(21));
      await(() -> source.calls.get() == 3);
      assertThat(runner.health().get(0).notBefore()).get().isEqualTo(clock.instant().plus(Duration.ofMillis(40)));
    }
  }

  @Test
  void refusedCredentialsBackOffToTheMaximumAtOnce() throws Exception {
    FailingSource source = new FailingSource(() -> new ConfigurationException("Marketo identity", List.of("the identity endpoint refused client id x")));
    try (SyncRunner runner = start(source)) {
      await(() -> source.calls.get() >= 1);
      Thread.sleep(100);

      assertThat(source.calls.get()).isEqualTo(1);
      assertThat(runner.health().get(0).notBefore()).get().isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
    }
  }

  @Test
  void aServersRetryHintLongerThanTheBackoffIsWaitedOutWithoutAsking() throws Exception {
    // Marketo's export allowance is spent until midnight in Chicago: asking again before then only spends calls
    FailingSource source = new FailingSource(() -> new RetryableAdapterException("Marketo bulk export daily quota exceeded (1029)",
        Duration.ofHours(7), null));
    try (SyncRunner runner = start(source)) {
      await(() -> source.calls.get() >= 1);
      Thread.sleep(100);

      assertThat(source.calls.get()).as("no second attempt before the hinted time").isEqualTo(1);
      assertThat(runner.health().get(0).notBefore()).get().isEqualTo(clock.instant().plus(Duration.ofHours(7)));
    }
  }

  @Test
  void aHintShorterThanTheBackoffOrAbsurdlyLongLeavesTheBackoffInCharge() throws Exception {
    FailingSource source = new FailingSource(() -> new RetryableAdapterException("try again in a century", Duration.ofDays(36_500), null));
    try (SyncRunner runner = start(source)) {
      await(() -> source.calls.get() >= 1);
      Thread.sleep(50);
      // the backoff decides (at most its 15-minute maximum), as for any other failure
      assertThat(runner.health().get(0).consecutiveFailures()).isPositive();
      assertThat(runner.health().get(0).notBefore().filter(t -> t.isAfter(clock.instant().plus(Duration.ofMinutes(15))))).isEmpty();
    }
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(5);
    }
  }
}
