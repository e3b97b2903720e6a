package io.unisync.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.domain.Person;
import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.SourceFields;
import io.unisync.core.domain.SourceRecord;
import io.unisync.core.engine.ReconcileReport;
import io.unisync.core.engine.Reconciliation;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.engine.SyncListener;
import io.unisync.core.engine.SyncOptions;
import io.unisync.core.port.FeedRetention;
import io.unisync.core.port.PersonSource;
import io.unisync.testkit.ExpectedPeople;
import io.unisync.testkit.FaultPlan;
import io.unisync.testkit.ForwardingPersonSource;
import io.unisync.testkit.InMemoryPersonSource;
import io.unisync.testkit.InMemoryPersonStore;
import io.unisync.testkit.InMemoryWatermarkStore;
import io.unisync.testkit.ManualClock;
import io.unisync.testkit.SamplePeople;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store stays a copy of the source's eligible people when the feed forgets (a pause longer than the source keeps
 * its feed) or loses entries: the reconciliation finds the drift and repairs it, removing only on evidence.
 */
class ReconciliationTest {

  static final String OWNER = "005000000000001AAA";
  /** Marketo's: deletions 14 days, field changes 90 days. */
  static final FeedRetention MARKETO = new FeedRetention(Duration.ofDays(14), Duration.ofDays(90));

  final ManualClock clock = ManualClock.startingAtEpochOf2026();
  final SourceFields fields = SourceFields.standard();
  final List<ReconcileReport> reports = new ArrayList<>();
  InMemoryPersonSource source;
  InMemoryPersonStore store;
  InMemoryWatermarkStore marks;
  SyncEngine engine;

  @BeforeEach
  void setUp() {
    source = new InMemoryPersonSource(clock, fields, FaultPlan.none()).withFeedRetention(MARKETO);
    store = new InMemoryPersonStore();
    marks = new InMemoryWatermarkStore();
    engine = engine();
    for (long id = 1; id <= 60; id++) {
      create(id, OWNER);
    }
    engine.syncPersons();
    engine.syncPersons();
    assertThat(ExpectedPeople.storedIn(store)).isEqualTo(ExpectedPeople.eligibleIn(source, fields));
  }

  SyncEngine engine() {
    return SyncEngine.builder().personSource(source).personStore(store).watermarkStore(marks).clock(clock)
        .options(SyncOptions.defaults().withSnapshotPageSize(7).withMaxChangeBatchesPerPass(3))
        .listener(new SyncListener() {
          @Override
          public void onReconciled(ReconcileReport report) {
            reports.add(report);
          }
        }).build();
  }

  void create(long id, String owner) {
    clock.advance(Duration.ofSeconds(1));
    source.put(id, SamplePeople.sourceValues(id, fields, owner));
  }

  /** Deletes 5, takes the owner of 5, edits 5 and adds 4 (2 with an owner): what a paused tenant misses. */
  void changeWhilePaused() {
    for (long id = 1; id <= 5; id++) {
      clock.advance(Duration.ofMinutes(1));
      source.delete(id);
    }
    for (long id = 6; id <= 10; id++) {
      clock.advance(Duration.ofMinutes(1));
      source.update(id, fields.ownerField(), null);
    }
    for (long id = 11; id <= 15; id++) {
      clock.advance(Duration.ofMinutes(1));
      source.update(id, "lastName", "Renamed-" + id);
    }
    create(101, OWNER);
    create(102, OWNER);
    create(103, "");
    create(104, "");
  }

  /** Syncs as the runner would until no reconciliation is owed and the feed is read to its end. */
  void syncUntilSettled() {
    for (int pass = 0; pass < 50 && (engine.reconciliation().owed().isPresent() || pass < 2); pass++) {
      engine.syncPersons();
    }
    assertThat(engine.reconciliation().owed()).as("the reconciliation finished").isEmpty();
  }

  @Test
  void aTwentyDayPauseWithDeletionsOwnerLossesAndEditsEndsWithTheStoreEqualToTheSource() {
    changeWhilePaused();
    clock.advance(Duration.ofDays(20)); // the deletions fall out of the feed; the edits are still in it

    syncUntilSettled();

    assertThat(ExpectedPeople.storedIn(store)).isEqualTo(ExpectedPeople.eligibleIn(source, fields));
    long extra = reports.stream().mapToLong(ReconcileReport::extra).sum();
    assertThat(extra).as("the 5 people deleted during the pause, whom no feed mentions any more").isGreaterThanOrEqualTo(5);
  }

  @Test
  void aLongBacklogAfterTheBreachIsReadWithoutReconcilingAgainAndAgain() {
    changeWhilePaused();
    for (int n = 0; n < 200; n++) { // a backlog the incremental sync needs many passes for (3 batches of 300 a pass)
      clock.advance(Duration.ofSeconds(1));
      source.update(20 + n % 30, "title", "Title " + n);
    }
    for (int n = 0; n < 2_000; n++) {
      source.appendChange(new io.unisync.core.port.PersonChange.Updated(PersonId.of(70), java.util.Set.of("leadScore")));
    }
    clock.advance(Duration.ofDays(20));

    for (int pass = 0; pass < 20; pass++) {
      engine.syncPersons();
    }

    assertThat(reports.stream().filter(ReconcileReport::complete).count()).as("one reconciliation, not one per pass").isEqualTo(1);
    assertThat(ExpectedPeople.storedIn(store)).isEqualTo(ExpectedPeople.eligibleIn(source, fields));
  }

  @Test
  void withoutAReconciliationTheTwentyDayPauseWouldKeepTheDeletedForEver() {
    // the same pause on an engine that never reconciles: what the feed forgot stays (this is what the test above fixes)
    changeWhilePaused();
    clock.advance(Duration.ofDays(20));

    for (int pass = 0; pass < 5; pass++) {
      SyncEngine.builder().personSource(source).personStore(store).clock(clock).build().syncChanges();
    }

    Map<PersonId, ?> stored = ExpectedPeople.storedIn(store);
    assertThat(stored).containsKeys(PersonId.of(1), PersonId.of(5));
    assertThat(stored).isNotEqualTo(ExpectedPeople.eligibleIn(source, fields));
  }

  @Test
  void aHundredDayPauseAlsoFindsWhoGainedAnOwnerAndTheEditsTheFeedForgot() {
    create(200, ""); // stored by no one: no owner yet
    engine.syncPersons();
    changeWhilePaused();
    clock.advance(Duration.ofMinutes(1));
    source.update(200, fields.ownerField(), OWNER); // gains an owner: only a census finds this after 90 days
    clock.advance(Duration.ofDays(100));

    syncUntilSettled();

    assertThat(ExpectedPeople.storedIn(store)).isEqualTo(ExpectedPeople.eligibleIn(source, fields)).containsKey(PersonId.of(200));
    assertThat(reports.stream().mapToLong(ReconcileReport::missing).sum()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void aFeedThatLosesFivePercentIsRepairedByOneReconciliation() {
    source.withLossyFeed(0.05, 7);
    for (int round = 0; round < 400; round++) {
      long id = 1 + (round * 7L) % 60;
      clock.advance(Duration.ofSeconds(5));
      if (round % 40 == 39 && source.record(id).isPresent()) {
        source.delete(id);
        create(1_000 + round, OWNER);
      } else if (source.record(id).isPresent()) {
        source.update(id, "lastName", "Round-" + round);
      }
      if (round % 25 == 0) {
        engine.syncPersons();
      }
    }
    for (int pass = 0; pass < 10; pass++) {
      engine.syncPersons();
    }
    assertThat(ExpectedPeople.storedIn(store)).as("the lost entries left drift").isNotEqualTo(ExpectedPeople.eligibleIn(source, fields));

    ReconcileReport dry = runToEnd(Reconciliation.Mode.DRY_RUN);
    assertThat(dry.drift()).as("a dry run sees the drift").isPositive();
    assertThat(ExpectedPeople.storedIn(store)).as("and writes nothing").isNotEqualTo(ExpectedPeople.eligibleIn(source, fields));

    engine.reconciliation().start("on demand", true);
    runToEnd(Reconciliation.Mode.REPAIR);

    assertThat(ExpectedPeople.storedIn(store)).isEqualTo(ExpectedPeople.eligibleIn(source, fields));
  }

  @Test
  void anAnswerHoldingARecordWhoseIdCannotBeReadIsNoEvidenceForTheIdsItLacks() {
    // an answer that lacks person 3 but holds a record without a readable id (it may be person 3): 3 stays
    PersonSource garbled = new Garbled(source, PersonId.of(3));
    SyncEngine onGarbled = SyncEngine.builder().personSource(garbled).personStore(store).watermarkStore(marks).clock(clock).build();
    onGarbled.reconciliation().start("on demand", false);
    ReconcileReport report = onGarbled.reconciliation().run(Reconciliation.Mode.REPAIR);

    assertThat(report.complete()).isTrue();
    assertThat(report.extra()).isZero();
    assertThat(report.removalsWithheld()).isPositive();
    assertThat(ExpectedPeople.storedIn(store)).containsKey(PersonId.of(3));
  }

  /** Answers without one id and with a record whose id cannot be read, in its place. */
  static final class Garbled extends ForwardingPersonSource {
    private final PersonId hidden;

    Garbled(PersonSource delegate, PersonId hidden) {
      super(delegate);
      this.hidden = hidden;
    }

    @Override
    public List<SourceRecord> readCurrent(Collection<PersonId> ids) {
      List<SourceRecord> answer = new ArrayList<>(delegate().readCurrent(ids.stream().filter(id -> !id.equals(hidden)).toList()));
      if (ids.contains(hidden)) {
        answer.add(SourceRecord.unreadable("", "id is not a number", Map.of("raw", "{\"id\":\"x\"}")));
      }
      return answer;
    }
  }

  @Test
  void aReconciliationSurvivesARestartFromItsStoredPosition() {
    source.withMaxReadBatch(10); // 3 batches of 10 a pass: the 66 stored people take 3 passes
    changeWhilePaused();
    clock.advance(Duration.ofDays(20));
    engine.syncPersons(); // one bounded pass: 3 batches of the verify step
    String position = marks.get("person.reconcile").orElseThrow();

    assertThat(engine.reconciliation().owed()).isPresent();
    engine = engine(); // a new process: the position is in the watermark store
    assertThat(engine.reconciliation().owed()).as("still owed after the restart").isPresent();
    assertThat(position).as("verified through the 30th stored person").contains("\u001f30\u001f");
    syncUntilSettled();

    assertThat(ExpectedPeople.storedIn(store)).isEqualTo(ExpectedPeople.eligibleIn(source, fields));
  }

  @Test
  void aCensusCutShortRemovesNoOneAndTheNextPassGoesOnWhereItStopped() {
    FaultPlan faults = FaultPlan.none();
    source = new InMemoryPersonSource(clock, fields, faults).withFeedRetention(MARKETO);
    store = new InMemoryPersonStore();
    marks = new InMemoryWatermarkStore();
    engine = engine();
    for (long id = 1; id <= 40; id++) {
      create(id, OWNER);
    }
    engine.syncPersons();
    engine.syncPersons();
    clock.advance(Duration.ofSeconds(1));
    // a person the feed never mentioned (as after a lost entry): only a census finds her
    source.putRaw(new SourceRecord("300", SamplePeople.sourceValues(300, fields, OWNER), clock.instant()));
    Map<PersonId, Person> before = ExpectedPeople.storedIn(store);
    faults.failOnCall(InMemoryPersonSource.READ_SNAPSHOT, 3); // the census's third page fails

    engine.reconciliation().start("on demand", true);
    try {
      runToEnd(Reconciliation.Mode.REPAIR);
    } catch (RuntimeException expected) {
      // the cut: nothing of the census removes anyone, and its position is kept
    }
    assertThat(ExpectedPeople.storedIn(store)).as("nobody removed by a census cut short").containsAllEntriesOf(before);
    assertThat(engine.reconciliation().owed()).as("still under way").isPresent();

    runToEnd(Reconciliation.Mode.REPAIR);

    assertThat(ExpectedPeople.storedIn(store)).isEqualTo(ExpectedPeople.eligibleIn(source, fields)).containsKey(PersonId.of(300));
  }

  @Test
  void changesMadeWhileAReconciliationRunsAreNeitherLostNorRolledBack() {
    source.withMaxReadBatch(5);
    engine.reconciliation().start("on demand", true);
    for (int pass = 0; pass < 60 && (engine.reconciliation().owed().isPresent() || pass < 3); pass++) {
      // 20 changes between passes: edits, owner changes, deletions and new people, as a busy instance makes them
      for (int n = 0; n < 20; n++) {
        long id = 1 + (pass * 20L + n) % 60;
        clock.advance(Duration.ofMillis(50));
        if (source.record(id).isEmpty()) {
          create(id, OWNER);
        } else if (n == 7) {
          source.delete(id);
        } else if (n == 11) {
          source.update(id, fields.ownerField(), pass % 2 == 0 ? null : OWNER);
        } else {
          source.update(id, "lastName", "Pass-" + pass + "-" + n);
        }
      }
      engine.syncPersons();
    }
    for (int pass = 0; pass < 5; pass++) {
      engine.syncPersons();
    }

    assertThat(engine.reconciliation().owed()).isEmpty();
    assertThat(ExpectedPeople.storedIn(store)).isEqualTo(ExpectedPeople.eligibleIn(source, fields));
  }

  @Test
  void aScheduleCountsFromTheLastReconciliationKeptWithTheStoreSoRestartsNeitherTriggerNorDelayIt() {
    Duration week = Duration.ofDays(7);
    assertThat(engine.reconciliation().startIfDue(week)).as("never reconciled: the count starts now").isFalse();
    clock.advance(Duration.ofDays(3));
    engine = engine(); // a redeploy
    assertThat(engine.reconciliation().startIfDue(week)).as("3 days are not a week, restart or not").isFalse();
    clock.advance(Duration.ofDays(5));
    engine = engine(); // another one
    assertThat(engine.reconciliation().startIfDue(week)).as("8 days since the count began").isTrue();
    assertThat(engine.reconciliation().startIfDue(week)).as("one under way already").isFalse();

    runToEnd(Reconciliation.Mode.REPAIR);
    clock.advance(Duration.ofDays(6));
    assertThat(engine.reconciliation().startIfDue(week)).as("6 days after the last one finished").isFalse();
    clock.advance(Duration.ofDays(1));
    assertThat(engine.reconciliation().startIfDue(week)).isTrue();
  }

  /** Passes until the reconciliation (or the dry run) is complete; the counts of every pass added up. */
  ReconcileReport runToEnd(Reconciliation.Mode mode) {
    long[] sums = new long[8];
    for (int pass = 0; pass < 100; pass++) {
      ReconcileReport r = engine.reconciliation().run(mode);
      long[] counts = {r.checked(), r.missing(), r.stale(), r.extra(), r.repaired(), r.removalsWithheld(), r.quarantined(), r.sourceCalls()};
      for (int i = 0; i < sums.length; i++) {
        sums[i] += counts[i];
      }
      if (r.complete()) {
        return new ReconcileReport(mode, sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], sums[6], sums[7], true, r.took(), r.progress());
      }
    }
    throw new AssertionError("the reconciliation did not finish in 100 passes");
  }

  @Test
  void eachPassReportsThePlanAndAnEtaAtItsPaceAndStatusReadsTheProgressFromTheStoredPosition() {
    source.withMaxReadBatch(10); // 3 batches of 10 a pass
    SyncEngine slow = SyncEngine.builder().personSource(new ForwardingPersonSource(source) {
          @Override
          public List<SourceRecord> readCurrent(Collection<PersonId> ids) {
            clock.advance(Duration.ofSeconds(2)); // each read takes 2 s on the clock
            return delegate().readCurrent(ids);
          }
        }).personStore(store).watermarkStore(marks).clock(clock)
        .options(SyncOptions.defaults().withSnapshotPageSize(7).withMaxChangeBatchesPerPass(3)).build();
    slow.reconciliation().start("on demand", false);

    ReconcileReport first = slow.reconciliation().run(Reconciliation.Mode.REPAIR);

    assertThat(first.complete()).isFalse();
    assertThat(first.progress().step()).isEqualTo("verify");
    assertThat(first.progress().verified()).isEqualTo(30);
    assertThat(first.progress().stored()).isEqualTo(60);
    assertThat(first.progress().eta()).as("30 people left at 30 people per 6 s").contains(Duration.ofSeconds(6));
    assertThat(first.progress().summary()).isEqualTo("verify: 30 of 60 stored people");
    assertThat(Reconciliation.progressIn(marks.get(Reconciliation.WATERMARK).orElseThrow()))
        .contains("verify step, 30 stored people checked");

    slow.reconciliation().start("weekly", true); // a census joins the one under way, and runs beside the verify step
    List<ReconcileReport> rest = new ArrayList<>();
    ReconcileReport last;
    do {
      last = slow.reconciliation().run(Reconciliation.Mode.REPAIR);
      rest.add(last);
    } while (!last.complete() && rest.size() < 30);

    ReconcileReport second = rest.get(0);
    assertThat(second.progress().censusAhead()).isTrue();
    assertThat(second.progress().eta()).as("a census whose pace is not known yet").isEmpty();
    assertThat(second.progress().summary()).startsWith("verify: ").endsWith("; a census follows");
    assertThat(rest).as("counted across passes from the stored position").anySatisfy(r -> assertThat(r.progress().verified()).isEqualTo(60));
    assertThat(last.complete()).isTrue();
    assertThat(last.progress().step()).isEqualTo("done");
    assertThat(last.progress().eta()).contains(Duration.ZERO);
  }

  @Test
  void theCensusRunsBesideTheVerifyStepTakingItsPagesWhenTheSourceHasThemReady() {
    source.withMaxReadBatch(10); // 3 batches of 10 a pass
    int[] asked = {0};
    SyncEngine engine = SyncEngine.builder().personSource(new ForwardingPersonSource(source) {
          @Override
          public java.util.Optional<io.unisync.core.port.SnapshotPage> readCensusIfReady(
              java.util.Optional<io.unisync.core.port.SnapshotPosition> after, int pageSize) {
            // like Marketo's exports: not ready the first two times it is asked
            return ++asked[0] <= 2 ? java.util.Optional.empty() : delegate().readCensusIfReady(after, pageSize);
          }
        }).personStore(store).watermarkStore(marks).clock(clock)
        .options(SyncOptions.defaults().withSnapshotPageSize(7).withMaxChangeBatchesPerPass(3)).build();
    engine.reconciliation().start("weekly", true);

    ReconcileReport first = engine.reconciliation().run(Reconciliation.Mode.REPAIR);

    assertThat(first.progress().verified()).as("the verify step went on while the census was not ready").isEqualTo(20);
    assertThat(Reconciliation.progressIn(marks.get(Reconciliation.WATERMARK).orElseThrow()))
        .contains("verify step, 20 stored people checked, the census under way beside it");
    for (int pass = 0; pass < 30 && engine.reconciliation().owed().isPresent(); pass++) {
      engine.reconciliation().run(Reconciliation.Mode.REPAIR);
    }
    assertThat(engine.reconciliation().owed()).isEmpty();
    assertThat(ExpectedPeople.storedIn(store)).isEqualTo(ExpectedPeople.eligibleIn(source, fields));
  }

  @Test
  void askedForWhileOneRunsAnotherFollowsItSoAChangeBehindItsVerifyStepIsRepairedToo() {
    source.withMaxReadBatch(10); // 3 batches of 10 a pass
    engine.reconciliation().start("weekly", false);
    engine.reconciliation().run(Reconciliation.Mode.REPAIR); // people 1 to 30 verified
    clock.advance(Duration.ofMinutes(1));
    source.update(5, "lastName", "Changed-5"); // behind the verify step; no incremental pass reads the feed here

    engine.reconciliation().start("on demand", false);
    for (int pass = 0; pass < 30 && engine.reconciliation().owed().isPresent(); pass++) {
      engine.reconciliation().run(Reconciliation.Mode.REPAIR);
    }

    assertThat(engine.reconciliation().owed()).isEmpty();
    assertThat(ExpectedPeople.storedIn(store).get(PersonId.of(5)).lastName()).as("repaired by the one that followed")
        .isEqualTo("Changed-5");
  }
}
