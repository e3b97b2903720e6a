package io.unisync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.domain.PersonField;
import io.unisync.core.port.ApplyResult;
import io.unisync.core.port.Checkpoint;
import io.unisync.core.port.Leases;
import io.unisync.core.port.PersonRemoval;
import io.unisync.core.port.PersonStore;
import io.unisync.core.port.PersonUpsert;
import io.unisync.core.port.SourcePosition;
import io.unisync.core.port.StoreBatch;
import io.unisync.testkit.ExpectedPeople;
import io.unisync.testkit.SamplePeople;
import io.unisync.testkit.contract.PersonStoreContract;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The person store contract on PostgreSQL's {@code COPY} path (every batch through the staging table and the
 * set-based upsert), and the two paths side by side on the same batches: the same rows and the same counts.
 */
class JdbcPersonStoreCopyPostgresTest extends PersonStoreContract {

  @Override
  protected PersonStore newStore() {
    return JdbcPersonStore.create(TestDatabases.postgres().dataSource(), TestDatabases.freshTenant(), Clock.systemUTC(), 1);
  }

  @Override
  protected FaultyStore newStoreWithCheckpointFault() {
    TestDatabases.FaultyDataSource faulty = TestDatabases.FaultyDataSource.failingCheckpointWrites(TestDatabases.postgres().dataSource());
    return new FaultyStore(JdbcPersonStore.create(faulty.dataSource(), TestDatabases.freshTenant(), Clock.systemUTC(), 1), faulty::arm);
  }

  @Override
  protected Leases leases() {
    return TestDatabases.postgres().leases();
  }

  @Test
  void bothPathsStoreTheSameRowsAndCountTheSameOnEveryKindOfUpsert() {
    PersonStore copying = newStore();
    PersonStore arrays = JdbcPersonStore.create(TestDatabases.postgres().dataSource(), TestDatabases.freshTenant(), Clock.systemUTC(),
        0); // 0: COPY off
    Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
    List<PersonUpsert> first = new ArrayList<>();
    for (long id = 1; id <= 1_200; id++) {
      first.add(PersonUpsert.of(SamplePeople.person(id), t0));
    }
    // then: 300 changed and newer, 300 unchanged, 300 changed but older (stale), 300 new; a removal and a stale removal
    List<PersonUpsert> second = new ArrayList<>();
    for (long id = 1; id <= 300; id++) {
      second.add(PersonUpsert.of(SamplePeople.person(id).with(PersonField.TITLE, "Back\\slash \\N, \"quoted\" ünïcødé 🚀 " + id), t0.plusSeconds(60)));
    }
    for (long id = 301; id <= 600; id++) {
      second.add(PersonUpsert.of(SamplePeople.person(id), t0.plusSeconds(60)));
    }
    for (long id = 601; id <= 900; id++) {
      second.add(PersonUpsert.of(SamplePeople.person(id).with(PersonField.COMPANY, "Older"), t0.minusSeconds(60)));
    }
    for (long id = 1_201; id <= 1_500; id++) {
      second.add(PersonUpsert.of(SamplePeople.person(id), t0.plusSeconds(60)));
    }
    List<PersonRemoval> removals = List.of(new PersonRemoval(io.unisync.core.domain.PersonId.of(1_000), PersonRemoval.Reason.GONE, t0.plusSeconds(60)),
        new PersonRemoval(io.unisync.core.domain.PersonId.of(1_100), PersonRemoval.Reason.GONE, t0.minusSeconds(60)));

    List<ApplyResult> results = new ArrayList<>();
    for (PersonStore store : List.of(copying, arrays)) {
      store.apply(new StoreBatch(first, List.of(), List.of(), Checkpoint.incremental(new SourcePosition("p1"))));
      results.add(store.apply(new StoreBatch(second, removals, List.of(), Checkpoint.incremental(new SourcePosition("p2")))));
    }

    assertThat(results.get(0)).isEqualTo(new ApplyResult(600, 300, 301, 1, 0));
    assertThat(results.get(0)).as("the same counts on both paths").isEqualTo(results.get(1));
    assertThat(ExpectedPeople.storedIn(copying)).as("the same people").isEqualTo(ExpectedPeople.storedIn(arrays));
    assertThat(copying.findById(io.unisync.core.domain.PersonId.of(7)).orElseThrow().person().title()).isEqualTo("Back\\slash \\N, \"quoted\" ünïcødé 🚀 7");
    assertThat(copying.checkpoint()).contains(Checkpoint.incremental(new SourcePosition("p2")));
  }
}
