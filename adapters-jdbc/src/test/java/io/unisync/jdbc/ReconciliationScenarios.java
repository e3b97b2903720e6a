package io.unisync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.domain.SourceFields;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.engine.SyncOptions;
import io.unisync.core.port.FeedRetention;
import io.unisync.testkit.ExpectedPeople;
import io.unisync.testkit.FaultPlan;
import io.unisync.testkit.InMemoryPersonSource;
import io.unisync.testkit.ManualClock;
import io.unisync.testkit.SamplePeople;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The reconciliation on the real stores: its position lives in the tenant's watermark table, survives a new engine (a
 * restart), and the repaired store equals the source's eligible people. Run on H2 and on PostgreSQL.
 */
abstract class ReconciliationScenarios {

  static final String OWNER = "005000000000001AAA";

  abstract JdbcDatabase db();

  final ManualClock clock = ManualClock.startingAtEpochOf2026();
  final SourceFields fields = SourceFields.standard();

  SyncEngine engine(InMemoryPersonSource source, Tenant tenant) {
    JdbcTenantStores stores = db().stores(tenant);
    return SyncEngine.builder().personSource(source).personStore(stores.people()).watermarkStore(stores.watermarks()).clock(clock)
        .options(SyncOptions.defaults().withMaxChangeBatchesPerPass(2)).build();
  }

  @Test
  void aTwentyDayPauseIsRepairedAcrossARestartFromThePositionInTheWatermarkTable() {
    Tenant tenant = TestDatabases.freshTenant();
    InMemoryPersonSource source = new InMemoryPersonSource(clock, fields, FaultPlan.none())
        .withFeedRetention(new FeedRetention(Duration.ofDays(14), Duration.ofDays(90))).withMaxReadBatch(10);
    for (long id = 1; id <= 50; id++) {
      clock.advance(Duration.ofSeconds(1));
      source.put(id, SamplePeople.sourceValues(id, fields, OWNER));
    }
    SyncEngine engine = engine(source, tenant);
    engine.syncPersons();
    engine.syncPersons();
    for (long id = 1; id <= 4; id++) {
      clock.advance(Duration.ofMinutes(1));
      source.delete(id * 10);
      source.update(id * 10 + 1, "lastName", "Renamed");
    }
    clock.advance(Duration.ofDays(20));

    engine.syncPersons(); // the breach is found, and the first pass verifies 2 batches of 10
    assertThat(db().watermarkStore(tenant).get("person.reconcile")).as("its position is in the watermark table")
        .hasValueSatisfying(v -> assertThat(v).contains("retention breach"));
    engine = engine(source, tenant); // a restart
    for (int pass = 0; pass < 10 && engine.reconciliation().owed().isPresent(); pass++) {
      engine.syncPersons();
    }

    assertThat(engine.reconciliation().owed()).isEmpty();
    assertThat(ExpectedPeople.storedIn(db().personStore(tenant))).isEqualTo(ExpectedPeople.eligibleIn(source, fields));
  }
}
