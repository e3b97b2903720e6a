package io.unisync.benchmarks;

import io.unisync.core.engine.ActivityOptions;
import io.unisync.core.engine.DeliveryReport;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.port.Destination;
import io.unisync.core.port.OutboxDraft;
import io.unisync.jdbc.JdbcActivityOutbox;
import io.unisync.jdbc.JdbcDatabase;
import io.unisync.jdbc.JdbcSettings;
import io.unisync.jdbc.Tenant;
import io.unisync.testkit.InMemoryPersonSource;
import io.unisync.testkit.InMemoryPersonStore;
import io.unisync.testkit.RecordingActivitySink;
import io.unisync.testkit.SampleActivities;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Activities per second through the JDBC outbox on PostgreSQL: recorded (one {@code record} call per
 * activity, as a host does, and in batches), then delivered by the engine to recording sinks for Marketo
 * (300 per call) and Salesforce (200 per call). Run with {@code scripts/bench-jdbc.sh}; prints a table.
 */
public final class DeliveryBenchmark {

  public static void main(String[] args) {
    int activities = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    String url = io.unisync.testkit.TestPostgres.url(); // UNISYNC_TEST_POSTGRES_URL, or a throwaway embedded server
    try (JdbcDatabase db = JdbcDatabase.pooled(JdbcSettings.of(url, "", "").withMaxPoolSize(4))) {
      db.migrate();
      run(db, Tenant.of("warmup"), Math.min(activities, 10_000));
      double[] result = run(db, Tenant.of("bench-delivery"), activities);
      System.out.printf(Locale.ROOT, "%nActivity outbox on PostgreSQL, %,d activities to Marketo and Salesforce recording sinks (%d cores)%n",
          activities, Runtime.getRuntime().availableProcessors());
      System.out.printf(Locale.ROOT, "| %-58s | %12s |%n", "operation", "per second");
      System.out.printf(Locale.ROOT, "|%s|%s|%n", "-".repeat(60), "-".repeat(14));
      System.out.printf(Locale.ROOT, "| %-58s | %,12.0f |%n", "record(activity), one call each (first " + (activities / 10) + ")", result[0]);
      System.out.printf(Locale.ROOT, "| %-58s | %,12.0f |%n", "enqueue in batches of 500 (the rest)", result[1]);
      System.out.printf(Locale.ROOT, "| %-58s | %,12.0f |%n", "delivered, Marketo + Salesforce entries together", result[2]);
      System.out.printf(Locale.ROOT, "| %-58s | %,12.0f |%n", "delivered activities (Marketo entries)", result[3]);
    }
  }

  /** Returns {record/s, batched enqueue/s, delivered entries/s, delivered Marketo entries/s}. */
  private static double[] run(JdbcDatabase db, Tenant tenant, int activities) {
    JdbcActivityOutbox outbox = db.activityOutbox(tenant);
    RecordingActivitySink marketo = new RecordingActivitySink(Destination.MARKETO);
    RecordingActivitySink salesforce = new RecordingActivitySink(Destination.SALESFORCE);
    Clock clock = Clock.systemUTC();
    SyncEngine engine = SyncEngine.builder().personSource(new InMemoryPersonSource(clock)).personStore(new InMemoryPersonStore())
        .clock(clock).activityOutbox(outbox).activitySink(marketo).activitySink(salesforce)
        .activityOptions(ActivityOptions.defaults().withMaxBatchesPerPass(1_000)).build();
    Instant at = clock.instant();

    int single = activities / 10;
    long start = System.nanoTime();
    for (int n = 1; n <= single; n++) {
      engine.activities().orElseThrow().record(SampleActivities.activity(n, 1 + n % 20_000, at));
    }
    double recordRate = single / seconds(start);

    start = System.nanoTime();
    List<OutboxDraft> drafts = new ArrayList<>(1_000);
    int entries = 0;
    for (int n = single + 1; n <= activities; n++) {
      var activity = SampleActivities.activity(n, 1 + n % 20_000, at);
      for (Destination d : engine.activities().orElseThrow().destinationsFor(activity)) {
        drafts.add(new OutboxDraft(d, activity, at));
      }
      if (drafts.size() >= 500 || n == activities) {
        entries += outbox.enqueue(drafts);
        drafts.clear();
      }
    }
    double enqueueRate = entries / seconds(start);

    start = System.nanoTime();
    long delivered = 0;
    long deliveredMarketo = 0;
    DeliveryReport report;
    do {
      report = engine.activities().orElseThrow().deliver();
      delivered += report.delivered(Destination.MARKETO) + report.delivered(Destination.SALESFORCE);
      deliveredMarketo += report.delivered(Destination.MARKETO);
    } while (report.delivered(Destination.MARKETO) + report.delivered(Destination.SALESFORCE) > 0);
    double elapsed = seconds(start);
    if (deliveredMarketo != activities) {
      throw new IllegalStateException("delivered " + deliveredMarketo + " of " + activities + " to Marketo");
    }
    return new double[] {recordRate, enqueueRate, delivered / elapsed, deliveredMarketo / elapsed};
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
