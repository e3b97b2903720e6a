package io.unisync.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unisync.core.domain.Person;
import io.unisync.core.domain.PersonField;
import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.SourceFields;
import io.unisync.core.domain.SourceRecord;
import io.unisync.core.engine.People;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.engine.SyncKind;
import io.unisync.core.engine.SyncListener;
import io.unisync.core.engine.SyncOptions;
import io.unisync.core.engine.SyncProgress;
import io.unisync.core.engine.SyncReport;
import io.unisync.core.error.ConfigurationException;
import io.unisync.core.port.Checkpoint;
import io.unisync.core.port.PersonChange;
import io.unisync.core.port.QuarantinedRecord;
import io.unisync.core.port.SourcePosition;
import io.unisync.core.port.StoreBatch;
import io.unisync.core.rule.MappingResult;
import io.unisync.testkit.ExpectedPeople;
import io.unisync.testkit.InMemoryPersonSource;
import io.unisync.testkit.InMemoryPersonStore;
import io.unisync.testkit.ManualClock;
import io.unisync.testkit.SamplePeople;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SyncEngineTest {

  static final String OWNER = "005000000000001AAA";

  final ManualClock clock = ManualClock.startingAtEpochOf2026();
  final SourceFields fields = SourceFields.standard();
  InMemoryPersonSource source;
  InMemoryPersonStore store;
  SyncEngine engine;

  @BeforeEach
  void setUp() {
    source = new InMemoryPersonSource(clock);
    store = new InMemoryPersonStore();
    engine = engine(SyncOptions.defaults().withSnapshotPageSize(4), SyncListener.NO_OP);
  }

  SyncEngine engine(SyncOptions options, SyncListener listener) {
    return SyncEngine.builder().personSource(source).personStore(store).clock(clock).options(options).listener(listener).build();
  }

  void create(long id, String owner) {
    clock.advance(Duration.ofSeconds(1));
    source.put(id, SamplePeople.sourceValues(id, fields, owner));
  }

  void edit(long id, String field, String value) {
    clock.advance(Duration.ofSeconds(1));
    source.update(id, field, value);
  }

  @Test
  void fencedByPutsTheFenceOnEveryStoreSoAStaleHolderWritesNothing() {
    io.unisync.testkit.InMemoryLeases leases = new io.unisync.testkit.InMemoryLeases(clock);
    InMemoryPersonStore people = new InMemoryPersonStore(leases);
    io.unisync.testkit.InMemoryWatermarkStore watermarks = new io.unisync.testkit.InMemoryWatermarkStore(leases);
    io.unisync.core.port.Lease first = leases.acquire("tenant:acme", "replica-a", Duration.ofSeconds(30)).orElseThrow();
    create(1, OWNER);
    SyncEngine fenced = SyncEngine.builder().personSource(source).personStore(people).clock(clock)
        .fencedBy(first.fence()).watermarkStore(watermarks) // stores given after the fence are fenced too
        .build();
    fenced.initialSync();
    assertThat(people.count()).as("written under the current fence").isEqualTo(1);

    clock.advance(Duration.ofSeconds(31)); // replica-a paused past its lease; replica-b takes the tenant
    leases.acquire("tenant:acme", "replica-b", Duration.ofSeconds(30)).orElseThrow();
    create(2, OWNER);

    assertThatThrownBy(fenced::syncChanges).isInstanceOf(io.unisync.core.error.LeaseLostException.class);
    assertThat(people.count()).as("nothing written by the stale holder").isEqualTo(1);
    assertThatThrownBy(() -> SyncEngine.builder().personSource(source).personStore(people).clock(clock).fencedBy(first.fence())
        .build().syncChanges()).as("a person store given before the fence is fenced as well").isInstanceOf(io.unisync.core.error.LeaseLostException.class);
  }

  @Test
  void initialSyncCopiesOnlyPeopleWithAnOwnerAndKeepsSharedEmailsAsTwoPeople() {
    create(1, OWNER);
    create(2, null);
    create(3, "   ");
    create(4, OWNER);
    create(5, OWNER);
    source.update(5, fields.nameOf(PersonField.EMAIL), "person4@example.com");

    SyncReport report = engine.initialSync();

    assertThat(report.complete()).isTrue();
    assertThat(report.read()).isEqualTo(5);
    assertThat(report.upserted()).isEqualTo(3);
    assertThat(report.ineligible()).isEqualTo(2);
    assertThat(report.rejected()).isZero();
    assertStoreMatchesSource();
    assertThat(engine.people().byEmail("PERSON4@example.com")).extracting(Person::id)
        .containsExactly(PersonId.of(4), PersonId.of(5));
    assertThat(store.checkpoint().orElseThrow().phase()).isEqualTo(Checkpoint.Phase.INCREMENTAL);
  }

  @Test
  void anEditToASyncedFieldUpdatesThePerson() {
    create(1, OWNER);
    engine.initialSync();

    edit(1, fields.nameOf(PersonField.TITLE), "VP Sales");
    SyncReport report = engine.syncChanges();

    assertThat(report.upserted()).isEqualTo(1);
    assertThat(engine.people().byId(PersonId.of(1)).orElseThrow().title()).isEqualTo("VP Sales");
    assertThat(report.complete()).isTrue();
  }

  @Test
  void anEditToAFieldNobodySyncsWritesNothing() {
    create(1, OWNER);
    engine.initialSync();
    Instant versionBefore = store.findById(PersonId.of(1)).orElseThrow().sourceUpdatedAt();

    edit(1, "leadScore", "42");
    SyncReport report = engine.syncChanges();

    assertThat(report.changesSeen()).isEqualTo(1);
    assertThat(report.changesIgnored()).isEqualTo(1);
    assertThat(report.read()).isZero();
    assertThat(report.upserted()).isZero();
    assertThat(store.findById(PersonId.of(1)).orElseThrow().sourceUpdatedAt()).isEqualTo(versionBefore);
  }

  @Test
  void anEditThatChangesNoValueIsReadButNotRewritten() {
    create(1, OWNER);
    engine.initialSync();

    edit(1, fields.nameOf(PersonField.TITLE), SamplePeople.person(1).title());
    SyncReport report = engine.syncChanges();

    assertThat(report.read()).isEqualTo(1);
    assertThat(report.unchanged()).isEqualTo(1);
    assertThat(report.upserted()).isZero();
  }

  @Test
  void aPersonWhoLosesTheOwnerIsRemovedAndComesBackWithANewOne() {
    create(1, OWNER);
    create(2, OWNER);
    engine.initialSync();

    edit(1, fields.ownerField(), "");
    SyncReport report = engine.syncChanges();
    assertThat(report.removed()).isEqualTo(1);
    assertThat(engine.people().byId(PersonId.of(1))).isEmpty();

    edit(1, fields.ownerField(), "005000000000002AAA");
    engine.syncChanges();
    assertThat(engine.people().byId(PersonId.of(1))).isPresent();
    assertStoreMatchesSource();
  }

  @Test
  void aDeletedPersonIsRemoved() {
    create(1, OWNER);
    create(2, OWNER);
    engine.initialSync();

    source.delete(2);
    SyncReport report = engine.syncChanges();

    assertThat(report.removed()).isEqualTo(1);
    assertThat(engine.people().count()).isEqualTo(1);
    assertStoreMatchesSource();
  }

  @Test
  void aMergeRemovesTheLoserAndUpdatesTheWinner() {
    create(1, OWNER);
    create(2, OWNER);
    edit(1, fields.nameOf(PersonField.PHONE), null);
    engine.initialSync();
    assertThat(engine.people().byId(PersonId.of(1)).orElseThrow().phone()).isNull();

    clock.advance(Duration.ofSeconds(1));
    source.merge(1, 2);
    SyncReport report = engine.syncChanges();

    assertThat(report.removed()).isEqualTo(1);
    assertThat(engine.people().byId(PersonId.of(2))).isEmpty();
    assertThat(engine.people().byId(PersonId.of(1)).orElseThrow().phone()).isEqualTo(SamplePeople.person(2).phone());
    assertStoreMatchesSource();
  }

  @Test
  void changesMadeDuringTheInitialSyncAreNotMissed() {
    for (long id = 10; id <= 30; id++) {
      create(id, OWNER);
    }
    List<Runnable> duringSnapshot = new ArrayList<>(List.of(
        () -> edit(10, fields.nameOf(PersonField.COMPANY), "Changed after it was read"),
        () -> create(5, OWNER), // sorts before the snapshot cursor: only the feed can bring it
        () -> source.delete(29),
        () -> edit(11, fields.ownerField(), ""),
        () -> {
          clock.advance(Duration.ofSeconds(1));
          source.merge(30, 12);
        }));
    SyncListener meddler = new SyncListener() {
      @Override
      public void onProgress(SyncProgress progress) {
        if (progress.kind() == SyncKind.INITIAL && !duringSnapshot.isEmpty()) {
          duringSnapshot.remove(0).run();
        }
      }
    };
    SyncEngine meddled = engine(SyncOptions.defaults().withSnapshotPageSize(3), meddler);

    meddled.initialSync();
    assertThat(duringSnapshot).as("every change happened during the snapshot").isEmpty();
    SyncReport changes = meddled.syncChanges();

    assertThat(changes.complete()).isTrue();
    assertStoreMatchesSource();
    assertThat(meddled.people().byId(PersonId.of(10)).orElseThrow().company()).isEqualTo("Changed after it was read");
    assertThat(meddled.people().byId(PersonId.of(5))).isPresent();
  }

  @Test
  void aBadRecordIsQuarantinedWithItsReasonAndTheOthersLand() {
    create(1, OWNER);
    create(3, OWNER);
    Map<String, String> good = SamplePeople.sourceValues(100, fields, OWNER);
    Map<String, String> noId = new HashMap<>(good);
    noId.remove(fields.nameOf(PersonField.MARKETO_ID));
    source.putRaw(new SourceRecord("", noId, clock.instant()));
    source.putRaw(new SourceRecord("abc", good, clock.instant()));
    source.putRaw(new SourceRecord("101", with(good, PersonField.FIRST_NAME, "Nul\u0000Name"), clock.instant()));
    source.putRaw(new SourceRecord("102", with(good, PersonField.COMPANY, "x".repeat(256)), clock.instant()));
    source.putRaw(new SourceRecord("103", with(good, PersonField.EMAIL, "not-an-address"), clock.instant()));
    source.putRaw(new SourceRecord("104", with(good, PersonField.LAST_NAME, "bad\uD800surrogate"), clock.instant()));
    source.putRaw(new SourceRecord("105", with(good, PersonField.SALESFORCE_LEAD_ID, "00Q-not-an-id"), clock.instant()));
    List<QuarantinedRecord> heard = new ArrayList<>();
    SyncEngine listening = engine(SyncOptions.defaults().withSnapshotPageSize(3), new SyncListener() {
      @Override
      public void onRejected(QuarantinedRecord record) {
        heard.add(record);
      }
    });

    SyncReport report = listening.initialSync();

    assertThat(report.rejected()).isEqualTo(7);
    assertThat(report.upserted()).isEqualTo(2);
    assertThat(listening.people().count()).isEqualTo(2);
    List<QuarantinedRecord> quarantined = store.quarantined(0, 100);
    assertThat(quarantined).hasSize(7).containsExactlyInAnyOrderElementsOf(heard);
    Map<String, String> reasons = quarantined.stream().collect(Collectors.toMap(QuarantinedRecord::sourceId, QuarantinedRecord::reason));
    assertThat(reasons.get("")).contains("without an id").contains("marketoId");
    assertThat(reasons.get("abc")).contains("record 'abc'").contains("marketoId").contains("not a whole number");
    assertThat(reasons.get("101")).contains("record '101'").contains("firstName").contains("NUL");
    assertThat(reasons.get("102")).contains("record '102'").contains("company").contains("at most 255");
    assertThat(reasons.get("103")).contains("record '103'").contains("email").doesNotContain("not-an-address");
    assertThat(reasons.get("104")).contains("record '104'").contains("lastName").contains("surrogate");
    assertThat(reasons.get("105")).contains("record '105'").contains("salesforceLeadId").contains("sfdcLeadId");
    assertThat(quarantined).filteredOn(q -> q.sourceId().equals("101")).singleElement()
        .satisfies(q -> assertThat(q.payload()).contains("Nul\\u0000Name").doesNotContain("\u0000"));
  }

  @Test
  void aRecordTheSourceCouldNotReadIsQuarantinedAndLeavesTheStoredPersonAsItWas() {
    create(7, OWNER);
    engine.initialSync();
    Person before = store.findById(PersonId.of(7)).orElseThrow().person();
    // The source saw person 7 again, but could not read it whole (its owner field held an object, say):
    // that is no evidence that 7 lost the owner, nor a new version of 7.
    source.putRaw(SourceRecord.unreadable("7", "lead 7: field 'sfdcLeadOwnerId' holds a JSON object, not a value",
        Map.of("id", "7")));
    store.apply(StoreBatch.checkpointOnly(Checkpoint.snapshotStarting(store.checkpoint().orElseThrow().changePosition())));

    SyncReport report = engine.initialSync();

    assertThat(store.findById(PersonId.of(7)).orElseThrow().person()).isEqualTo(before);
    assertThat(report.removed()).isZero();
    assertThat(store.quarantined(0, 10)).singleElement().satisfies(q -> {
      assertThat(q.sourceId()).isEqualTo("7");
      assertThat(q.reason()).contains("Unreadable record 7", "field 'sfdcLeadOwnerId'");
    });
  }

  @Test
  void reReadingAnOverlappingWindowChangesNothing() {
    create(1, OWNER);
    create(2, OWNER);
    engine.initialSync();
    SourcePosition before = store.checkpoint().orElseThrow().changePosition();
    edit(1, fields.nameOf(PersonField.TITLE), "Once");
    edit(2, fields.nameOf(PersonField.TITLE), "Twice");
    engine.syncChanges();

    store.apply(StoreBatch.checkpointOnly(Checkpoint.incremental(before)));
    SyncReport again = engine.syncChanges();

    assertThat(again.read()).isEqualTo(2);
    assertThat(again.upserted()).isZero();
    assertThat(again.unchanged()).isEqualTo(2);
    assertStoreMatchesSource();
  }

  @Test
  void anIncrementalPassIsBoundedAndTheNextOneContinues() {
    create(1, OWNER);
    engine.initialSync();
    for (int i = 0; i < 5; i++) {
      edit(1, fields.nameOf(PersonField.TITLE), "Title v" + i);
    }
    SyncEngine small = engine(SyncOptions.defaults().withChangeBatchSize(2).withMaxChangeBatchesPerPass(1), SyncListener.NO_OP);

    SyncReport first = small.syncChanges();
    assertThat(first.complete()).isFalse();
    assertThat(first.changesSeen()).isEqualTo(2);

    SyncReport second = small.syncChanges();
    SyncReport third = small.syncChanges();
    assertThat(second.complete()).isFalse();
    assertThat(third.complete()).isTrue();
    assertThat(small.people().byId(PersonId.of(1)).orElseThrow().title()).isEqualTo("Title v4");
  }

  @Test
  void oneInitialSyncCallCommitsAtMostItsPagesAndTheNextGoesOn() {
    for (long id = 1; id <= 10; id++) {
      create(id, OWNER);
    }
    SyncEngine bounded = engine(SyncOptions.defaults().withSnapshotPageSize(3).withMaxSnapshotPagesPerPass(2), SyncListener.NO_OP);

    SyncReport first = bounded.initialSync();
    assertThat(first.read()).isEqualTo(6);
    assertThat(first.complete()).isFalse();
    assertThat(store.count()).isEqualTo(6);
    SyncReport second = bounded.syncPersons();
    assertThat(second.kind()).isEqualTo(SyncKind.INITIAL);
    assertThat(second.read()).isEqualTo(4);
    assertThat(second.complete()).isTrue();
    assertStoreMatchesSource();
  }

  @Test
  void syncPersonsRunsTheInitialSyncFirstAndThenIncrementalPasses() {
    create(1, OWNER);
    assertThat(engine.syncPersons().kind()).isEqualTo(SyncKind.INITIAL);
    edit(1, fields.nameOf(PersonField.TITLE), "Next");
    assertThat(engine.syncPersons().kind()).isEqualTo(SyncKind.INCREMENTAL);
    assertThat(engine.initialSync().read()).as("a finished initial sync does nothing").isZero();
    assertStoreMatchesSource();
  }

  @Test
  void incrementalSyncBeforeTheInitialSyncIsRefused() {
    assertThatThrownBy(() -> engine.syncChanges())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("initialSync()");
  }

  @Test
  void buildListsEveryConfigurationProblemAtOnce() {
    assertThatThrownBy(() -> SyncEngine.builder().options(SyncOptions.defaults().withSnapshotPageSize(0).withChangeBatchSize(20_000).withMaxChangeBatchesPerPass(0).withMaxEmptyBatchesPerPass(0)).build())
        .isInstanceOfSatisfying(ConfigurationException.class, e -> {
          assertThat(e.problems()).hasSize(6);
          assertThat(e.getMessage()).contains("personSource", "personStore", "snapshotPageSize", "changeBatchSize",
              "maxChangeBatchesPerPass", "maxEmptyBatchesPerPass");
        });
  }

  @Test
  void theHostCanReadPeopleButNeverCreateOrEditThem() {
    Set<String> methods = Arrays.stream(People.class.getMethods()).map(Method::getName).collect(Collectors.toSet());
    assertThat(methods).containsExactlyInAnyOrder("byId", "byEmail", "page", "count");
    assertThat(java.util.stream.Stream.of(SyncEngine.class, io.unisync.core.engine.Activities.class, io.unisync.core.engine.EmailGate.class,
            io.unisync.core.engine.SmartGrid.class, io.unisync.core.engine.OptOuts.class, io.unisync.core.engine.Reminders.class)
        .flatMap(type -> Arrays.stream(type.getMethods()).map(m -> type.getSimpleName() + "." + m.getName()))
        .filter(name -> name.matches(".*\\.(create|update|save|put|edit|insert|delete).*")))
        .as("the only writes the host makes are its own reminders")
        .containsOnly("Reminders.save");
  }

  @Test
  void progressEventsFollowEveryCommitAndTheReportCountsMatch() {
    for (long id = 1; id <= 10; id++) {
      create(id, OWNER);
    }
    List<SyncProgress> events = new ArrayList<>();
    List<SyncReport> finished = new ArrayList<>();
    SyncEngine observed = engine(SyncOptions.defaults().withSnapshotPageSize(4), new SyncListener() {
      @Override
      public void onProgress(SyncProgress progress) {
        events.add(progress);
      }

      @Override
      public void onFinished(SyncReport report) {
        finished.add(report);
      }
    });

    SyncReport report = observed.initialSync();

    // one checkpoint-only commit before the snapshot (not reported as progress), then 3 pages
    assertThat(events).extracting(SyncProgress::read).containsExactly(4L, 8L, 10L);
    assertThat(events.get(0).estimatedTotal()).hasValue(10);
    assertThat(finished).containsExactly(report);
    assertThat(report.commits()).isEqualTo(3);
  }

  @Test
  void everyMappingResultVariantIsHandled() {
    // The engine consumes MappingResult with instanceof checks; a new variant must be added there too.
    assertThat(MappingResult.class.getPermittedSubclasses())
        .containsExactlyInAnyOrder(MappingResult.Mapped.class, MappingResult.Rejected.class);
    assertThat(PersonChange.class.getPermittedSubclasses())
        .containsExactlyInAnyOrder(PersonChange.Updated.class, PersonChange.Deleted.class, PersonChange.Merged.class);
  }

  // ---- helpers ---------------------------------------------------------------------------------------

  private Map<String, String> with(Map<String, String> values, PersonField field, String value) {
    Map<String, String> copy = new HashMap<>(values);
    copy.put(fields.nameOf(field), value);
    return copy;
  }

  void assertStoreMatchesSource() {
    assertThat(ExpectedPeople.storedIn(store)).isEqualTo(ExpectedPeople.eligibleIn(source, fields));
  }

  @Test
  void aChangeWhoseVersionWentBackwardsIsCountedAsStaleAndTheNewerValueStays() {
    create(1, OWNER);
    engine.initialSync();
    edit(1, "title", "CTO");
    engine.syncChanges();
    Instant stored = store.findById(PersonId.of(1)).orElseThrow().sourceUpdatedAt();
    // the source's clock went backwards: the next version of the lead is dated before the stored one
    Map<String, String> values = new HashMap<>(source.record(1).orElseThrow().values());
    values.put("title", "Intern");
    source.putRaw(new SourceRecord("1", values, stored.minusSeconds(3600)));
    source.appendChange(new PersonChange.Updated(PersonId.of(1), Set.of("title")));

    SyncReport report = engine.syncChanges();

    assertThat(report.stale()).as("counted and reported, not dropped silently").isEqualTo(1);
    assertThat(store.findById(PersonId.of(1)).orElseThrow().person().title()).isEqualTo("CTO");
  }
}
