package io.unisync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unisync.core.domain.Activity;
import io.unisync.core.domain.ActivityId;
import io.unisync.core.engine.ActivityOptions;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.port.ActivityOutbox;
import io.unisync.core.port.Destination;
import io.unisync.core.port.OutboxEntry;
import io.unisync.core.port.OutboxState;
import io.unisync.testkit.FaultPlan;
import io.unisync.testkit.InMemoryPersonSource;
import io.unisync.testkit.InMemoryPersonStore;
import io.unisync.testkit.InjectedFault;
import io.unisync.testkit.ManualClock;
import io.unisync.testkit.RecordingActivitySink;
import io.unisync.testkit.SampleActivities;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JDBC outbox with the engine and with host transactions, on H2 and PostgreSQL. */
abstract class JdbcOutboxScenarios {

  abstract JdbcDatabase database();

  final ManualClock clock = ManualClock.startingAtEpochOf2026();

  SyncEngine engine(ActivityOutbox outbox, RecordingActivitySink sink) {
    return SyncEngine.builder().personSource(new InMemoryPersonSource(clock)).personStore(new InMemoryPersonStore())
        .clock(clock).activityOutbox(outbox).activitySink(sink)
        .activityOptions(ActivityOptions.defaults().withLease(Duration.ofMinutes(1))).build();
  }

  @Test
  void anActivityRecordedInARolledBackHostTransactionIsNeverDelivered() throws Exception {
    JdbcActivityOutbox outbox = database().activityOutbox(TestDatabases.freshTenant());
    RecordingActivitySink sink = new RecordingActivitySink(Destination.MARKETO);
    SyncEngine engine = engine(outbox, sink);
    Activity rolledBack = SampleActivities.activity(1, 1, clock.instant());
    Activity committed = SampleActivities.activity(2, 2, clock.instant());

    try (Connection host = database().dataSource().getConnection()) {
      host.setAutoCommit(false);
      try (Statement s = host.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS host_notes (id VARCHAR(40) PRIMARY KEY)");
      }
      host.commit();
      try (Statement s = host.createStatement()) {
        s.execute("INSERT INTO host_notes VALUES ('" + rolledBack.id().value() + "-" + System.identityHashCode(host) + "')");
      }
      assertThat(engine.activities().orElseThrow().record(rolledBack, outbox.joining(host))).isEqualTo(1);
      host.rollback();

      engine.activities().orElseThrow().record(committed, outbox.joining(host));
      host.commit();
    }

    engine.activities().orElseThrow().deliver();
    assertThat(sink.delivered()).extracting(Activity::id).containsExactly(committed.id());
    assertThat(outbox.counts(Destination.MARKETO)).containsEntry(OutboxState.DELIVERED, 1L).containsEntry(OutboxState.PENDING, 0L);
  }

  @Test
  void aCrashBetweenClaimAndAcknowledgementRedeliversAfterTheLeaseExpires() {
    JdbcActivityOutbox outbox = database().activityOutbox(TestDatabases.freshTenant());
    FaultPlan faults = new FaultPlan();
    RecordingActivitySink sink = new RecordingActivitySink(Destination.MARKETO, 300, faults);
    SyncEngine engine = engine(outbox, sink);
    for (long n = 1; n <= 10; n++) {
      engine.activities().orElseThrow().record(SampleActivities.activity(n, n, clock.instant()));
    }
    // The crash: the dispatcher claims, then dies before the sink answers.
    faults.failNext(RecordingActivitySink.DELIVER, 1);
    List<OutboxEntry> orphaned = outbox.claim(Destination.MARKETO, 300, clock.instant(), Duration.ofMinutes(1));
    assertThatThrownBy(() -> sink.deliver(orphaned.stream().map(OutboxEntry::activity).toList())).isInstanceOf(InjectedFault.class);

    clock.advance(Duration.ofSeconds(30));
    assertThat(engine.activities().orElseThrow().deliver().delivered(Destination.MARKETO)).as("still leased").isZero();

    clock.advance(Duration.ofSeconds(31));
    assertThat(engine.activities().orElseThrow().deliver().delivered(Destination.MARKETO)).isEqualTo(10);
    assertThat(sink.delivered()).hasSize(10);
    assertThat(outbox.claim(Destination.MARKETO, 300, clock.instant().plus(Duration.ofHours(1)), Duration.ofMinutes(1))).isEmpty();
  }

  /**
   * Replicas need no tenant lease for delivery: claims skip each other's locked rows ({@code FOR UPDATE SKIP
   * LOCKED}), so none is sent twice. Run on PostgreSQL, the database replicas share; H2 is for one process.
   */
  void threeDispatchersOnThreeConnectionsDeliverEveryEntryExactlyOnce() throws Exception {
    Tenant tenant = TestDatabases.freshTenant();
    JdbcActivityOutbox recorder = database().activityOutbox(tenant);
    int activities = 900;
    for (long n = 1; n <= activities; n++) {
      recorder.enqueue(List.of(new io.unisync.core.port.OutboxDraft(Destination.MARKETO, SampleActivities.activity(n, n, clock.instant()),
          clock.instant())));
    }
    List<RecordingActivitySink> sinks = new java.util.ArrayList<>();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
    List<java.util.concurrent.Future<Integer>> runs = new java.util.ArrayList<>();
    for (int d = 0; d < 3; d++) {
      RecordingActivitySink sink = new RecordingActivitySink(Destination.MARKETO, 25, new FaultPlan());
      sinks.add(sink);
      SyncEngine dispatcher = engine(database().activityOutbox(tenant), sink); // its own outbox, its own connections
      runs.add(pool.submit(() -> {
        int passes = 0;
        while (recorder.counts(Destination.MARKETO).get(OutboxState.PENDING) > 0 && passes < 1_000) {
          dispatcher.activities().orElseThrow().deliver();
          passes++;
        }
        return passes;
      }));
    }
    for (java.util.concurrent.Future<Integer> run : runs) {
      run.get(2, java.util.concurrent.TimeUnit.MINUTES);
    }
    pool.shutdown();

    List<ActivityId> delivered = sinks.stream().flatMap(s -> s.delivered().stream()).map(Activity::id).toList();
    assertThat(delivered).as("every entry delivered").hasSize(activities).doesNotHaveDuplicates();
    assertThat(sinks).as("the work was shared").filteredOn(s -> !s.delivered().isEmpty()).hasSizeGreaterThan(1);
    assertThat(recorder.counts(Destination.MARKETO)).containsEntry(OutboxState.DELIVERED, (long) activities).containsEntry(OutboxState.PENDING, 0L);
  }
}
