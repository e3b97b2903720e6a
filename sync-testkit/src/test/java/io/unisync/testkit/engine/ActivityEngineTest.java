package io.unisync.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unisync.core.domain.Activity;
import io.unisync.core.domain.ActivityId;
import io.unisync.core.domain.ActivityKind;
import io.unisync.core.domain.PersonId;
import io.unisync.core.engine.ActivityOptions;
import io.unisync.core.engine.DeliveryReport;
import io.unisync.core.engine.GateDecision;
import io.unisync.core.engine.SalesforceLogging;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.error.ConfigurationException;
import io.unisync.core.port.DeliveryOutcome;
import io.unisync.core.port.Destination;
import io.unisync.core.port.MarketingActivity;
import io.unisync.core.port.OutboxEntry;
import io.unisync.core.port.OutboxState;
import io.unisync.core.port.Suppression;
import io.unisync.testkit.FaultPlan;
import io.unisync.testkit.InMemoryActivityHistory;
import io.unisync.testkit.InMemoryActivityOutbox;
import io.unisync.testkit.InMemoryPersonSource;
import io.unisync.testkit.InMemoryPersonStore;
import io.unisync.testkit.InMemorySuppressionStore;
import io.unisync.testkit.InMemoryUnsubscribeStatus;
import io.unisync.testkit.InjectedFault;
import io.unisync.testkit.ManualClock;
import io.unisync.testkit.RecordingActivitySink;
import io.unisync.testkit.SampleActivities;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ActivityEngineTest {

  final ManualClock clock = ManualClock.startingAtEpochOf2026();
  final FaultPlan faults = new FaultPlan();
  final InMemoryActivityOutbox outbox = new InMemoryActivityOutbox(faults);
  final RecordingActivitySink marketo = new RecordingActivitySink(Destination.MARKETO, 300, faults);
  final RecordingActivitySink salesforce = new RecordingActivitySink(Destination.SALESFORCE, 200, FaultPlan.none());
  final InMemoryUnsubscribeStatus unsubscribes = new InMemoryUnsubscribeStatus(faults);
  final InMemorySuppressionStore suppressions = new InMemorySuppressionStore();
  final InMemoryActivityHistory history = new InMemoryActivityHistory();
  ActivityOptions options = ActivityOptions.defaults().withBackoff(Duration.ofSeconds(10), Duration.ofMinutes(10)).withMaxAttempts(4);
  SyncEngine engine;

  @BeforeEach
  void setUp() {
    engine = build(options);
  }

  SyncEngine build(ActivityOptions activityOptions) {
    return SyncEngine.builder()
        .personSource(new InMemoryPersonSource(clock))
        .personStore(new InMemoryPersonStore())
        .clock(clock)
        .activityOutbox(outbox)
        .activitySink(marketo)
        .activitySink(salesforce)
        .activityOptions(activityOptions)
        .unsubscribeStatus(unsubscribes)
        .suppressionStore(suppressions)
        .activityHistory(history)
        .build();
  }

  Activity activity(long n, long person) {
    return SampleActivities.activity(n, person, clock.instant());
  }

  @Test
  void marketoGetsEveryKindAndSalesforceOnlyWhatItsAdminSettingEnables() {
    List<Activity> all = SampleActivities.oneOfEachKind(clock.instant());
    all.forEach(engine.activities().orElseThrow()::record);
    assertThat(engine.activities().orElseThrow().record(all.get(0))).as("recording again adds nothing").isZero();

    Map<Destination, Map<OutboxState, Long>> backlog = engine.activities().orElseThrow().backlog();
    assertThat(backlog.get(Destination.MARKETO)).containsEntry(OutboxState.PENDING, 8L);
    assertThat(backlog.get(Destination.SALESFORCE)).as("5 e-mail kinds + 1 call").containsEntry(OutboxState.PENDING, 6L);

    SyncEngine callsOnly = build(options.withSalesforce(new SalesforceLogging(false, true, false)));
    assertThat(callsOnly.activities().orElseThrow().destinationsFor(all.get(0))).containsExactly(Destination.MARKETO);
    Activity call = all.stream().filter(a -> a.kind() == ActivityKind.SALES_CALL_RECEIVED).findFirst().orElseThrow();
    assertThat(callsOnly.activities().orElseThrow().destinationsFor(call)).containsExactlyInAnyOrder(Destination.MARKETO, Destination.SALESFORCE);
  }

  @Test
  void deliveryEmptiesTheBacklogInBatchesOfTheSinksSize() {
    for (long n = 0; n < 700; n++) {
      engine.activities().orElseThrow().record(activity(n, n + 1));
    }

    DeliveryReport report = engine.activities().orElseThrow().deliver();

    assertThat(report.delivered(Destination.MARKETO)).isEqualTo(700);
    assertThat(marketo.calls()).extracting(List::size).containsExactly(300, 300, 100);
    assertThat(salesforce.calls()).allSatisfy(call -> assertThat(call.size()).isLessThanOrEqualTo(200));
    assertThat(report.delivered(Destination.SALESFORCE)).isEqualTo(salesforce.delivered().size()).isPositive();
    assertThat(engine.activities().orElseThrow().backlog().get(Destination.MARKETO)).containsEntry(OutboxState.DELIVERED, 700L);
  }

  @Test
  void aCrashBetweenDeliveryAndAcknowledgementRedeliversAfterTheLeaseWithoutDuplicates() {
    engine.activities().orElseThrow().record(activity(1, 1));
    faults.failNext(InMemoryActivityOutbox.COMPLETE, 1);

    assertThatThrownBy(() -> engine.activities().orElseThrow().deliver()).isInstanceOf(InjectedFault.class);
    assertThat(marketo.receipts(ActivityId.of("act-1"))).isEqualTo(1);

    clock.advance(options.lease().minusSeconds(1));
    assertThat(engine.activities().orElseThrow().deliver().delivered(Destination.MARKETO)).as("still leased to the crashed dispatcher").isZero();

    clock.advance(Duration.ofSeconds(2));
    assertThat(engine.activities().orElseThrow().deliver().delivered(Destination.MARKETO)).isEqualTo(1);
    assertThat(marketo.receipts(ActivityId.of("act-1"))).isEqualTo(2);
    assertThat(marketo.delivered()).hasSize(1);
  }

  @Test
  void aRejectedActivityIsDeadLetteredWithItsReasonAndCanBeReplayed() {
    engine.activities().orElseThrow().record(activity(1, 1));
    engine.activities().orElseThrow().record(activity(2, 2));
    marketo.reject(ActivityId.of("act-1"), "1004 Lead not found");

    DeliveryReport report = engine.activities().orElseThrow().deliver();

    assertThat(report.destinations().get(Destination.MARKETO).deadLettered()).isEqualTo(1);
    List<OutboxEntry> dead = engine.activities().orElseThrow().deadLetters(Destination.MARKETO, 0, 10);
    assertThat(dead).singleElement().satisfies(e -> assertThat(e.lastError()).contains("rejected by MARKETO", "1004 Lead not found"));

    marketo.accept(ActivityId.of("act-1"));
    assertThat(engine.activities().orElseThrow().replay(Destination.MARKETO, List.of(ActivityId.of("act-1")))).isEqualTo(1);
    engine.activities().orElseThrow().deliver();
    assertThat(marketo.delivered()).extracting(Activity::id).contains(ActivityId.of("act-1"));
    assertThat(engine.activities().orElseThrow().deadLetters(Destination.MARKETO, 0, 10)).isEmpty();
  }

  @Test
  void retriesBackOffExponentiallyWithJitterAndGiveUpAfterMaxAttempts() {
    engine.activities().orElseThrow().record(activity(1, 1));
    marketo.defer(ActivityId.of("act-1"), 100);
    List<Duration> waits = new ArrayList<>();

    for (int attempt = 1; attempt <= 4; attempt++) {
      Instant before = clock.instant();
      DeliveryReport report = engine.activities().orElseThrow().deliver();
      assertThat(report.destinations().get(Destination.MARKETO).claimed()).as("attempt " + attempt).isEqualTo(1);
      if (attempt < 4) {
        OutboxEntry pending = outbox.entries().stream().filter(e -> e.destination() == Destination.MARKETO).findFirst().orElseThrow();
        waits.add(Duration.between(before, pending.dueAt()));
        clock.set(pending.dueAt());
      }
    }

    // 10 s doubling: attempt n waits between half and all of 10 s * 2^(n-1)
    for (int i = 0; i < waits.size(); i++) {
      long full = 10_000L << i;
      assertThat(waits.get(i).toMillis()).as("wait after attempt " + (i + 1)).isBetween(full / 2, full);
    }
    assertThat(engine.activities().orElseThrow().deadLetters(Destination.MARKETO, 0, 10)).singleElement()
        .satisfies(e -> assertThat(e.lastError()).startsWith("gave up after 4 attempts"));
  }

  @Test
  void aFailingSinkCallRetriesTheWholeBatchAndReportsTheFailure() {
    engine.activities().orElseThrow().record(activity(1, 1));
    faults.failNext(RecordingActivitySink.DELIVER, 1);

    DeliveryReport report = engine.activities().orElseThrow().deliver();

    assertThat(report.destinations().get(Destination.MARKETO).retried()).isEqualTo(1);
    assertThat(report.destinations().get(Destination.MARKETO).failures()).singleElement().asString().contains("injected fault");
    clock.advance(Duration.ofMinutes(1));
    assertThat(engine.activities().orElseThrow().deliver().delivered(Destination.MARKETO)).isEqualTo(1);
  }

  @Test
  void orderPerPersonAndDestinationIsKeptAcrossRetries() {
    for (long n = 1; n <= 6; n++) {
      engine.activities().orElseThrow().record(activity(n, n % 2 == 0 ? 100 : 200));
    }
    marketo.defer(ActivityId.of("act-1"), 1); // person 200's first activity needs a retry

    for (int pass = 0; pass < 5; pass++) {
      engine.activities().orElseThrow().deliver();
      clock.advance(Duration.ofMinutes(5));
    }

    Map<Long, List<String>> arrival = marketo.delivered().stream()
        .collect(Collectors.groupingBy(a -> a.person().value(), Collectors.mapping(a -> a.id().value(), Collectors.toList())));
    assertThat(arrival.get(200L)).containsExactly("act-1", "act-3", "act-5");
    assertThat(arrival.get(100L)).containsExactly("act-2", "act-4", "act-6");
  }

  @Test
  void theSendGateBlocksUnsubscribedSuppressedAndUnknownPeople() {
    PersonId fine = PersonId.of(1);
    PersonId unsubscribed = PersonId.of(2);
    PersonId optedOutInCrm = PersonId.of(3);
    unsubscribes.unsubscribe(unsubscribed);
    suppressions.suppress(new Suppression(optedOutInCrm, Suppression.Origin.CRM, "HasOptedOutOfEmail", clock.instant()));

    assertThat(engine.emailGate().orElseThrow().check(fine)).isEqualTo(new GateDecision.Allowed());
    assertThat(engine.emailGate().orElseThrow().check(unsubscribed)).isEqualTo(new GateDecision.Blocked("unsubscribed in Marketo"));
    assertThat(engine.emailGate().orElseThrow().check(optedOutInCrm)).isEqualTo(new GateDecision.Blocked("opted out of e-mail in the CRM"));

    faults.failNext(InMemoryUnsubscribeStatus.CHECK, 1);
    assertThat(engine.emailGate().orElseThrow().check(fine)).isInstanceOfSatisfying(GateDecision.Blocked.class,
        b -> assertThat(b.reason()).startsWith("status unknown"));

    faults.failNext(InMemoryUnsubscribeStatus.CHECK, 1);
    assertThat(build(options.withBlockWhenStatusUnknown(false)).emailGate().orElseThrow().check(fine)).isEqualTo(new GateDecision.Allowed());
  }

  @Test
  void theSmartGridReadsLiveNewestFirstAndBounded() {
    PersonId person = PersonId.of(9);
    for (int i = 0; i < 5; i++) {
      history.add(person, new MarketingActivity("g" + i, "Visit Web Page", clock.instant().plusSeconds(i), "/pricing", Map.of()));
    }

    List<MarketingActivity> grid = engine.smartGrid().orElseThrow().recent(person, clock.instant().plusSeconds(1), 3);
    engine.smartGrid().orElseThrow().recent(person, clock.instant(), 10);

    assertThat(grid).extracting(MarketingActivity::id).containsExactly("g4", "g3", "g2");
    assertThat(history.reads()).as("every request reads the source").isEqualTo(2);
  }

  @Test
  void activityWiringProblemsAreListedAtBuildTime() {
    assertThatThrownBy(() -> SyncEngine.builder()
        .personSource(new InMemoryPersonSource(clock))
        .personStore(new InMemoryPersonStore())
        .activitySink(marketo)
        .activitySink(new RecordingActivitySink(Destination.MARKETO))
        .suppressionStore(suppressions)
        .activityOptions(ActivityOptions.defaults().withMaxAttempts(0))
        .build())
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).hasSize(4)
            .anySatisfy(p -> assertThat(p).contains("no activityOutbox"))
            .anySatisfy(p -> assertThat(p).contains("two activity sinks for MARKETO"))
            .anySatisfy(p -> assertThat(p).contains("maxAttempts"))
            .anySatisfy(p -> assertThat(p).contains("no unsubscribeStatus")));
  }

  @Test
  void everyVariantOfTheClosedActivityTypesIsKnown() {
    assertThat(Activity.class.getPermittedSubclasses()).hasSize(ActivityKind.values().length);
    assertThat(DeliveryOutcome.class.getPermittedSubclasses())
        .containsExactlyInAnyOrder(DeliveryOutcome.Delivered.class, DeliveryOutcome.Rejected.class, DeliveryOutcome.Retry.class);
    assertThat(GateDecision.class.getPermittedSubclasses()).hasSize(2);
  }

  @Test
  void aClaimMarginThatLeavesNoTimeToSendIsRefusedAtBuild() {
    assertThatThrownBy(() -> build(options.withLease(Duration.ofSeconds(30)).withClaimMargin(Duration.ofSeconds(30))))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("activityOptions.claimMargin");
  }

  @Test
  void aDispatcherThatStallsBetweenItsClaimAndTheSendSendsNothingAndStopsThePass() {
    for (long n = 0; n < 5; n++) {
      engine.activities().orElseThrow().record(activity(n, n + 1));
    }
    // the store answers the claim, then the process stands still until its claim has (nearly) run out
    io.unisync.core.port.ActivityOutbox stalling = new io.unisync.testkit.ForwardingActivityOutbox(outbox) {
      @Override
      public List<OutboxEntry> claim(Destination destination, int max, Instant now, Duration lease) {
        List<OutboxEntry> claimed = super.claim(destination, max, now, lease);
        clock.advance(lease.minus(options.claimMargin()));
        return claimed;
      }
    };
    SyncEngine stalled = SyncEngine.builder().personSource(new InMemoryPersonSource(clock)).personStore(new InMemoryPersonStore())
        .clock(clock).activityOutbox(stalling).activitySink(marketo).activityOptions(options).build();

    DeliveryReport report = stalled.activities().orElseThrow().deliver();

    assertThat(marketo.delivered()).as("nothing handed to the sink after the claim's send window closed").isEmpty();
    assertThat(report.destinations().get(Destination.MARKETO).failures()).singleElement().asString().contains("ran out before it was sent");
    clock.advance(Duration.ofSeconds(31)); // the claim lapses; the next dispatcher (here the same engine, unstalled) sends
    engine.activities().orElseThrow().deliver();
    assertThat(marketo.delivered()).hasSize(5);
  }

  @Test
  void aBatchWhoseSendWindowClosedIsDueAgainAtOnceWithoutBackoff() {
    for (long n = 0; n < 3; n++) {
      engine.activities().orElseThrow().record(activity(n, n + 1));
    }
    java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
    io.unisync.core.port.ActivitySink waitsPastItsWindow = new io.unisync.core.port.ActivitySink() {
      @Override
      public Destination destination() {
        return Destination.MARKETO;
      }

      @Override
      public int maxBatchSize() {
        return 300;
      }

      @Override
      public List<DeliveryOutcome> deliver(List<Activity> batch) {
        return marketo.deliver(batch);
      }

      @Override
      public List<DeliveryOutcome> deliver(List<Activity> batch, java.util.Set<ActivityId> inDoubt, Instant endBy) {
        if (first.getAndSet(false)) {
          clock.set(endBy); // a rate-limit wait used the whole window
          throw new io.unisync.core.error.RetryableAdapterException("no Marketo rate-limit slot before the call's deadline");
        }
        return marketo.deliver(batch, inDoubt);
      }
    };
    SyncEngine windowed = SyncEngine.builder().personSource(new InMemoryPersonSource(clock)).personStore(new InMemoryPersonStore())
        .clock(clock).activityOutbox(outbox).activitySink(waitsPastItsWindow).activityOptions(options).build();

    windowed.activities().orElseThrow().deliver();
    clock.advance(Duration.ofSeconds(1)); // not the 5 to 10 s of the first backoff
    windowed.activities().orElseThrow().deliver();

    assertThat(marketo.delivered()).as("delivered on the next pass, not after a 10 s backoff").hasSize(3);
    assertThat(outbox.deadLetters(Destination.MARKETO, 0, 10)).isEmpty();
  }
}
