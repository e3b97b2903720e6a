package io.unisync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unisync.core.domain.Person;
import io.unisync.core.domain.PersonField;
import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.SourceFields;
import io.unisync.core.domain.SourceRecord;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.engine.SyncOptions;
import io.unisync.core.engine.SyncReport;
import io.unisync.core.port.ApplyResult;
import io.unisync.core.port.Checkpoint;
import io.unisync.core.port.PersonRemoval;
import io.unisync.core.port.PersonUpsert;
import io.unisync.core.port.QuarantinedRecord;
import io.unisync.core.port.SourcePosition;
import io.unisync.core.port.StoreBatch;
import io.unisync.testkit.ExpectedPeople;
import io.unisync.testkit.FaultPlan;
import io.unisync.testkit.InMemoryPersonSource;
import io.unisync.testkit.InjectedFault;
import io.unisync.testkit.ManualClock;
import io.unisync.testkit.SamplePeople;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Database-level scenarios beyond the port contract, run on H2 and on PostgreSQL. */
abstract class JdbcStoreScenarios {

  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  abstract JdbcDatabase database();

  @Test
  void tenantsNeverSeeEachOthersData() {
    JdbcPersonStore a = database().personStore(TestDatabases.freshTenant());
    JdbcPersonStore b = database().personStore(TestDatabases.freshTenant());
    Person inA = SamplePeople.person(1).with(PersonField.TITLE, "Tenant A");
    Person inB = SamplePeople.person(1).with(PersonField.TITLE, "Tenant B");
    a.apply(new StoreBatch(List.of(PersonUpsert.of(inA, T0), PersonUpsert.of(SamplePeople.person(2), T0)), List.of(),
        List.of(new QuarantinedRecord("9", "bad in A", "{}", T0)), Checkpoint.incremental(new SourcePosition("a-1"))));
    b.apply(new StoreBatch(List.of(PersonUpsert.of(inB, T0.minusSeconds(60))), List.of(), List.of(),
        Checkpoint.incremental(new SourcePosition("b-1"))));

    assertThat(a.findById(PersonId.of(1)).orElseThrow().person().title()).isEqualTo("Tenant A");
    assertThat(b.findById(PersonId.of(1)).orElseThrow().person().title())
        .as("an older version in tenant B is not stale against tenant A's row").isEqualTo("Tenant B");
    assertThat(a.count()).isEqualTo(2);
    assertThat(b.count()).isEqualTo(1);
    assertThat(b.findById(PersonId.of(2))).isEmpty();
    assertThat(b.findByEmail(SamplePeople.person(2).email())).isEmpty();
    assertThat(b.page(null, 10)).extracting(p -> p.person().id()).containsExactly(PersonId.of(1));
    assertThat(a.checkpoint()).contains(Checkpoint.incremental(new SourcePosition("a-1")));
    assertThat(b.checkpoint()).contains(Checkpoint.incremental(new SourcePosition("b-1")));
    assertThat(a.quarantineCount()).isEqualTo(1);
    assertThat(b.quarantineCount()).isZero();

    ApplyResult removed = a.apply(new StoreBatch(List.of(), List.of(new PersonRemoval(PersonId.of(1), PersonRemoval.Reason.GONE, null)),
        List.of(), Checkpoint.incremental(new SourcePosition("a-2"))));
    assertThat(removed.removed()).isEqualTo(1);
    assertThat(b.findById(PersonId.of(1))).as("a removal in A leaves B alone").isPresent();
  }

  @Test
  void unstorableQuarantineTextIsCleanedAlikeAndTheRestOfThePageCommits() {
    JdbcPersonStore store = database().personStore(TestDatabases.freshTenant());
    String huge = "x".repeat(100_000);
    QuarantinedRecord nasty = new QuarantinedRecord("a\u0000b\uD800", "reason with NUL \u0000 and lone \uDC00", huge, T0);

    ApplyResult result = store.apply(new StoreBatch(List.of(PersonUpsert.of(SamplePeople.person(5), T0)), List.of(), List.of(nasty),
        Checkpoint.incremental(new SourcePosition("p"))));

    assertThat(result.quarantined()).isEqualTo(1);
    assertThat(store.findById(PersonId.of(5))).isPresent();
    QuarantinedRecord stored = store.quarantined(0, 1).get(0);
    assertThat(stored.sourceId()).isEqualTo("a\uFFFDb\uFFFD");
    assertThat(stored.reason()).isEqualTo("reason with NUL \uFFFD and lone \uFFFD");
    assertThat(stored.payload()).hasSizeLessThanOrEqualTo(65_536).startsWith("xxxx").endsWith("[truncated 100000 chars]");
    assertThat(stored.rejectedAt()).isEqualTo(T0);
  }

  @Test
  void migratingAgainDoesNothing() {
    assertThat(database().migrate()).isZero();
  }

  @Test
  void theEngineSyncsIntoTheDatabaseAndRecoversFromCrashes() {
    ManualClock clock = ManualClock.startingAtEpochOf2026();
    FaultPlan faults = new FaultPlan();
    SourceFields fields = SourceFields.standard();
    InMemoryPersonSource source = new InMemoryPersonSource(clock, fields, faults);
    for (long id = 1; id <= 1_000; id++) {
      source.put(id, SamplePeople.sourceValues(id, fields, id % 5 == 0 ? null : "005000000000001AAA"));
    }
    Map<String, String> bad = new HashMap<>(SamplePeople.sourceValues(2_000, fields, "005000000000001AAA"));
    bad.put(fields.nameOf(PersonField.FIRST_NAME), "NUL\u0000inside");
    source.putRaw(new SourceRecord("2000", bad, clock.instant()));
    JdbcPersonStore store = JdbcPersonStore.create(database().dataSource(), TestDatabases.freshTenant(), clock);
    SyncEngine engine = SyncEngine.builder().personSource(source).personStore(store).clock(clock)
        .options(SyncOptions.defaults().withSnapshotPageSize(300)).build();

    faults.failOnCall(InMemoryPersonSource.READ_SNAPSHOT, 3);
    assertThatThrownBy(engine::initialSync).isInstanceOf(InjectedFault.class);
    assertThat(store.count()).as("two pages committed before the crash").isEqualTo(480);

    SyncReport resumed = engine.initialSync();
    assertThat(resumed.read()).isEqualTo(401);
    assertThat(store.quarantineCount()).isEqualTo(1);
    assertThat(store.quarantined(0, 1).get(0).reason()).contains("record '2000'", "firstName", "NUL");

    clock.advance(Duration.ofMinutes(1));
    source.update(1, fields.nameOf(PersonField.TITLE), "Head of Ops");
    source.update(2, fields.ownerField(), "");
    source.delete(3);
    source.merge(4, 6);
    source.update(5, fields.ownerField(), "005000000000002AAA");
    SyncReport changes = engine.syncChanges();

    assertThat(changes.complete()).isTrue();
    assertThat(ExpectedPeople.storedIn(store)).isEqualTo(ExpectedPeople.eligibleIn(source, fields));
  }

  @Test
  void aStoreOfOneTenantRefusesAFenceOfAnotherTenantsLease() {
    Tenant a = TestDatabases.freshTenant();
    Tenant b = TestDatabases.freshTenant();
    io.unisync.core.port.Fence fenceOfA = database().leases()
        .acquire(io.unisync.core.engine.TenantRunner.leaseName(a.id()), "replica-a", java.time.Duration.ofSeconds(30)).orElseThrow().fence();

    assertThatThrownBy(() -> database().personStore(b).fencedBy(fenceOfA)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tenant " + a.id(), "tenant " + b.id());
    assertThatThrownBy(() -> database().watermarkStore(b).fencedBy(fenceOfA)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> database().suppressionStore(b).fencedBy(fenceOfA)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> database().reminderStore(b).fencedBy(fenceOfA)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> database().crmLinkStore(b).fencedBy(fenceOfA)).isInstanceOf(IllegalArgumentException.class);
    database().personStore(a).fencedBy(fenceOfA).apply(new StoreBatch(List.of(PersonUpsert.of(SamplePeople.person(1), T0)), List.of(),
        List.of(), Checkpoint.incremental(new SourcePosition("a-1")))); // its own tenant's store takes it
    assertThat(database().personStore(a).count()).isEqualTo(1);
  }
}
