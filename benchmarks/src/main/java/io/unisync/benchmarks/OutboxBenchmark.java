package io.unisync.benchmarks;

import io.unisync.core.domain.Activity;
import io.unisync.core.port.Destination;
import io.unisync.core.port.OutboxDraft;
import io.unisync.core.port.OutboxEntry;
import io.unisync.core.store.ActivityCodec;
import io.unisync.jdbc.JdbcActivityOutbox;
import io.unisync.jdbc.JdbcDatabase;
import io.unisync.jdbc.JdbcSettings;
import io.unisync.jdbc.Tenant;
import io.unisync.testkit.SampleActivities;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The PostgreSQL outbox alone, its limit when many tenants share one database: activities enqueued (batches of 500),
 * claimed (300 at a time) and completed into a sink that does nothing, for one tenant and for 100 tenants sharing the
 * table; beside the same three operations as plain set-based SQL on a table of the same shape (idempotent insert,
 * claim with {@code FOR UPDATE SKIP LOCKED}, complete), without the outbox's per-person order, leases by token and
 * checks. Prints activities per second through all three operations and the ratios.
 */
public final class OutboxBenchmark {

  private static final Instant AT = Instant.parse("2026-06-01T09:00:00Z");
  private static final Duration LEASE = Duration.ofMinutes(2);

  /**
   * Activities per second through enqueue, claim and complete.
   *
   * @param outboxOneCold the outbox, one tenant, on a table PostgreSQL has no statistics of yet (a fresh database before
   *     autovacuum's first {@code ANALYZE})
   * @param outboxOne the outbox, one tenant, with statistics
   * @param plainOne plain SQL, one tenant
   * @param outboxMany the outbox, 100 tenants sharing the table
   * @param plainMany plain SQL, 100 tenants
   */
  public record Figures(double outboxOneCold, double outboxOne, double plainOne, double outboxMany, double plainMany) {}

  private OutboxBenchmark() {}

  /**
   * Runs the benchmark from the command line.
   *
   * @param args the number of activities (default 50,000)
   */
  public static void main(String[] args) throws Exception {
    int activities = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    try (JdbcDatabase db = JdbcDatabase.pooled(JdbcSettings.of(io.unisync.testkit.TestPostgres.url(), "", "").withMaxPoolSize(4))) {
      db.migrate();
      measure(db, Math.min(10_000, activities), "warmup");
      Figures f = measure(db, activities, "bench-outbox");
      System.out.printf(Locale.ROOT, "%nOutbox on PostgreSQL: %,d activities enqueued, claimed and completed (%d cores)%n", activities,
          Runtime.getRuntime().availableProcessors());
      System.out.printf(Locale.ROOT, "| %-40s | %14s | %14s | %8s |%n", "", "outbox /s", "plain SQL /s", "ratio");
      System.out.printf(Locale.ROOT, "| %-40s | %,14.0f | %14s | %8s |%n", "1 tenant, no statistics yet", f.outboxOneCold(), "", "");
      System.out.printf(Locale.ROOT, "| %-40s | %,14.0f | %,14.0f | %8.2f |%n", "1 tenant", f.outboxOne(), f.plainOne(), f.plainOne() / f.outboxOne());
      System.out.printf(Locale.ROOT, "| %-40s | %,14.0f | %,14.0f | %8.2f |%n", "100 tenants sharing the table", f.outboxMany(), f.plainMany(),
          f.plainMany() / f.outboxMany());
    }
  }

  /**
   * Measures the four runs on fresh tenants (and a fresh baseline table).
   *
   * @param db the database
   * @param activities how many activities each run moves
   * @param prefix the tenants' prefix
   * @return the figures
   */
  public static Figures measure(JdbcDatabase db, int activities, String prefix) throws Exception {
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS bench_outbox");
      s.execute("CREATE TABLE bench_outbox (LIKE unisync_outbox INCLUDING ALL)");
    }
    String run = prefix + "-" + System.nanoTime();
    double cold = outbox(db, activities, 1, run + "-cold");
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("ANALYZE unisync_outbox"); // what autovacuum does within a minute of the first rows
    }
    return new Figures(cold, outbox(db, activities, 1, run + "-one"), plain(db, activities, 1, run + "-one"),
        outbox(db, activities, 100, run + "-many"), plain(db, activities, 100, run + "-many"));
  }

  private static List<List<Activity>> perTenant(int activities, int tenants) {
    List<List<Activity>> out = new ArrayList<>();
    for (int t = 0; t < tenants; t++) {
      out.add(new ArrayList<>());
    }
    for (int n = 1; n <= activities; n++) {
      out.get(n % tenants).add(SampleActivities.activity(n, 1 + n % 20_000, AT));
    }
    return out;
  }

  private static double outbox(JdbcDatabase db, int activities, int tenants, String prefix) {
    List<List<Activity>> work = perTenant(activities, tenants);
    List<JdbcActivityOutbox> outboxes = new ArrayList<>();
    for (int t = 0; t < tenants; t++) {
      outboxes.add(db.activityOutbox(Tenant.of(prefix + "-" + t)));
    }
    long start = System.nanoTime();
    for (int t = 0; t < tenants; t++) {
      List<OutboxDraft> drafts = new ArrayList<>(500);
      for (Activity activity : work.get(t)) {
        drafts.add(new OutboxDraft(Destination.MARKETO, activity, AT));
        if (drafts.size() == 500) {
          outboxes.get(t).enqueue(drafts);
          drafts.clear();
        }
      }
      if (!drafts.isEmpty()) {
        outboxes.get(t).enqueue(drafts);
      }
    }
    long done = 0;
    boolean any = true;
    while (any) {
      any = false;
      for (JdbcActivityOutbox outbox : outboxes) {
        List<OutboxEntry> claimed = outbox.claim(Destination.MARKETO, 300, AT, LEASE);
        if (!claimed.isEmpty()) {
          done += outbox.complete(claimed, AT); // a sink that does nothing: every entry delivered
          any = true;
        }
      }
    }
    double rate = activities / ((System.nanoTime() - start) / 1e9);
    if (done != activities) {
      throw new IllegalStateException("completed " + done + " of " + activities);
    }
    return rate;
  }

  private static double plain(JdbcDatabase db, int activities, int tenants, String prefix) throws Exception {
    List<List<Activity>> work = perTenant(activities, tenants);
    long done = 0;
    long start = System.nanoTime();
    try (Connection c = db.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO bench_outbox (tenant, destination, activity_id, person_id, "
              + "activity, state, attempts, due_at, created_at, updated_at) SELECT ?, 'MARKETO', d.id, d.person, d.activity, 'PENDING', 0, "
              + "?, ?, ? FROM unnest(?::text[], ?::bigint[], ?::text[]) AS d(id, person, activity) "
              + "ON CONFLICT (tenant, destination, activity_id) DO NOTHING");
          PreparedStatement claim = c.prepareStatement("WITH c AS (SELECT seq FROM bench_outbox WHERE tenant = ? AND destination = 'MARKETO' "
              + "AND state = 'PENDING' AND due_at <= ? ORDER BY seq LIMIT 300 FOR UPDATE SKIP LOCKED) UPDATE bench_outbox u "
              + "SET lease_owner = 'b', lease_until = ?, attempts = u.attempts + 1 FROM c WHERE u.tenant = ? AND u.seq = c.seq "
              + "RETURNING u.seq, u.activity");
          PreparedStatement complete = c.prepareStatement("UPDATE bench_outbox SET state = 'DELIVERED', lease_owner = NULL, "
              + "lease_until = NULL WHERE tenant = ? AND seq = ANY(?)")) {
        Timestamp at = Timestamp.from(AT);
        for (int t = 0; t < tenants; t++) {
          List<Activity> list = work.get(t);
          for (int from = 0; from < list.size(); from += 500) {
            List<Activity> chunk = list.subList(from, Math.min(list.size(), from + 500));
            insert.setString(1, prefix + "-" + t);
            insert.setTimestamp(2, at);
            insert.setTimestamp(3, at);
            insert.setTimestamp(4, at);
            insert.setArray(5, c.createArrayOf("text", chunk.stream().map(a -> a.id().value()).toArray()));
            insert.setArray(6, c.createArrayOf("bigint", chunk.stream().map(a -> a.person().value()).toArray()));
            insert.setArray(7, c.createArrayOf("text", chunk.stream().map(ActivityCodec::encode).toArray()));
            insert.executeUpdate();
            c.commit();
          }
        }
        boolean any = true;
        while (any) {
          any = false;
          for (int t = 0; t < tenants; t++) {
            String tenant = prefix + "-" + t;
            claim.setString(1, tenant);
            claim.setTimestamp(2, at);
            claim.setTimestamp(3, Timestamp.from(AT.plus(LEASE)));
            claim.setString(4, tenant);
            List<Long> seqs = new ArrayList<>();
            try (ResultSet rs = claim.executeQuery()) {
              while (rs.next()) {
                seqs.add(rs.getLong(1));
                ActivityCodec.decode(rs.getString(2)); // what the outbox hands a sink
              }
            }
            c.commit();
            if (!seqs.isEmpty()) {
              complete.setString(1, tenant);
              Array array = c.createArrayOf("bigint", seqs.toArray());
              complete.setArray(2, array);
              done += complete.executeUpdate();
              c.commit();
              any = true;
            }
          }
        }
      }
    }
    double rate = activities / ((System.nanoTime() - start) / 1e9);
    if (done != activities) {
      throw new IllegalStateException("plain SQL completed " + done + " of " + activities);
    }
    return rate;
  }
}
