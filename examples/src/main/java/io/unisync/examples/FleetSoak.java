package io.unisync.examples;

import io.unisync.jdbc.JdbcDatabase;
import io.unisync.jdbc.JdbcSettings;
import io.unisync.testkit.sim.MarketoInstances;
import io.unisync.testkit.sim.MarketoSimulator;
import io.unisync.testkit.sim.SyntheticPeople;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The fleet run: a thousand tenants on one PostgreSQL, run by several {@code unisync run} JVMs (replicas, each with a
 * 512 MB heap), each tenant its own Marketo instance with Marketo's real limits, all served by one {@link
 * MarketoInstances} in this process. In phases:
 *
 * <ol>
 *   <li><b>first sync</b>: every tenant (a small population each) makes its initial sync; the time until all are
 *       incremental;
 *   <li><b>idle</b>: a window with every tenant idle (nothing changes in Marketo): PostgreSQL transactions, lease and
 *       budget rows written, replica CPU, person-sync passes (checkpoint writes) and Marketo calls, per tenant; each
 *       replica's heap after a full GC;
 *   <li><b>syncing</b>: a few tenants with large populations are added to the configuration file (the replicas read it
 *       again) and make their initial syncs while the others stay idle;
 *   <li><b>kill</b>: the replica holding the most tenants is killed with SIGKILL: until every one of its tenants is
 *       held again by another replica (a new lease epoch) and has committed a pass there (its checkpoint written);
 *   <li><b>join</b>: a new replica starts: until every replica holds its fair share, within one tenant.
 * </ol>
 *
 * {@code scripts/fleet.sh} runs it (the embedded PostgreSQL from Maven unless {@code UNISYNC_TEST_POSTGRES_URL} is set)
 * and prints the table that {@code docs/benchmarks.md} keeps. Linux: CPU is read from {@code /proc}, heaps with {@code
 * jcmd}.
 */
public final class FleetSoak {

  /** The people's creation times: a few 31-day export windows from {@link #SNAPSHOT_START}. */
  private static final Instant PEOPLE_FROM = Instant.parse("2026-10-01T00:00:00Z");
  private static final String SNAPSHOT_START = "2026-09-15T00:00:00Z";
  /** The suggested schedule ({@code SyncRunner.Schedule.suggested()}): what a fleet would run. */
  private static final int PERSON_SYNC_SECONDS = 60;
  private static final int DELIVERY_SECONDS = 10;
  /** A quiet tenant is read every 5 minutes ({@code schedule.personSyncIdleSeconds}), one with changes every minute. */
  private static final int PERSON_SYNC_IDLE_SECONDS = 300;
  /** An idle outbox is looked at once a minute ({@code schedule.deliveryIdleSeconds}). */
  private static final int DELIVERY_IDLE_SECONDS = 60;

  /**
   * @param tenants idle tenants
   * @param replicas replica JVMs at the start
   * @param idlePeople each idle tenant's population
   * @param syncing tenants added later with a large population
   * @param syncingPeople each of those tenants' population
   * @param idleWindow how long the idle window lasts
   * @param leaseSeconds the replicas' lease time to live
   * @param heapMb each replica's heap
   * @param jdbcUrl the PostgreSQL database
   * @param workDir where the configuration and the replicas' logs go
   * @param out where progress goes (null: nowhere)
   */
  public record Options(int tenants, int replicas, int idlePeople, int syncing, int syncingPeople, Duration idleWindow, int leaseSeconds,
      int heapMb, String jdbcUrl, Path workDir, @Nullable PrintStream out) {}

  /** What one phase's counters moved by. */
  record Counters(long transactions, long leaseRows, long budgetRows, long checkpointWrites, long cpuMillis, long marketoCalls) {
    Counters minus(Counters before) {
      return new Counters(transactions - before.transactions, leaseRows - before.leaseRows, budgetRows - before.budgetRows,
          checkpointWrites - before.checkpointWrites, cpuMillis - before.cpuMillis, marketoCalls - before.marketoCalls);
    }
  }

  /**
   * What the run measured.
   *
   * @param firstSync until every tenant's initial sync was done
   * @param idle the idle window's counters
   * @param idleSeconds the idle window's length
   * @param heapsMb each replica's heap in use after a full GC, at the end of the idle window
   * @param heldAtIdle how many tenants each replica held then
   * @param syncing until the added tenants' initial syncs were done
   * @param syncingPeople the people they stored
   * @param orphans the tenants the killed replica held
   * @param takenOver until the last of them was held again at a new epoch
   * @param runningAgain until the last of them had committed a pass on its new replica
   * @param fairAfterJoin until every replica held its fair share within one tenant after a new one joined
   * @param heldAtEnd how many tenants each replica held at the end
   */
  public record Result(Options options, Duration firstSync, Counters idle, double idleSeconds, List<Double> heapsMb,
      List<Integer> heldAtIdle, Duration syncing, long syncingPeople, int orphans, Duration takenOver, Duration runningAgain,
      Duration fairAfterJoin, List<Integer> heldAtEnd) {

    double perTenant(long value) {
      return value / (double) options.tenants() / idleSeconds;
    }

    /** The Markdown table, targets beside the figures. */
    public String table() {
      int t = options.tenants();
      double passes = idle.checkpointWrites() / (double) t;
      StringBuilder s = new StringBuilder("| measure | value | target |\n|---|---|---|\n");
      row(s, "tenants / replicas (JVMs, heap each)", t + " / " + options.replicas() + " (" + options.heapMb() + " MB)", "");
      row(s, "first sync of every tenant (" + options.idlePeople() + " people each)", seconds(firstSync), "");
      row(s, "idle window", String.format(Locale.ROOT, "%.0f s", idleSeconds), "");
      row(s, "PostgreSQL transactions per idle tenant per second", String.format(Locale.ROOT, "%.4f", perTenant(idle.transactions())),
          "≤ 0.1");
      row(s, "  of which lease rows written per second (all tenants)", String.format(Locale.ROOT, "%.2f", idle.leaseRows() / idleSeconds), "");
      row(s, "  budget rows written per second (all tenants)", String.format(Locale.ROOT, "%.2f", idle.budgetRows() / idleSeconds), "");
      row(s, "person-sync passes per tenant in the window (checkpoint writes)", String.format(Locale.ROOT, "%.2f", passes),
          String.format(Locale.ROOT, "%.2f when quiet (every %d s)", idleSeconds / PERSON_SYNC_IDLE_SECONDS, PERSON_SYNC_IDLE_SECONDS));
      row(s, "Marketo calls per person-sync pass", passes == 0 ? "no pass" : String.format(Locale.ROOT, "%.2f",
          idle.marketoCalls() / (double) idle.checkpointWrites()), "≤ 1");
      row(s, "Marketo calls per idle tenant per day", String.format(Locale.ROOT, "%,.0f", perTenant(idle.marketoCalls()) * 86_400),
          "(quota 50,000)");
      row(s, "replica CPU per pass", passes == 0 ? "no pass" : String.format(Locale.ROOT, "%.1f ms", idle.cpuMillis()
          / (double) idle.checkpointWrites()), "");
      row(s, "replica CPU per idle tenant", String.format(Locale.ROOT, "%.2f ms/s", idle.cpuMillis() / (double) t / idleSeconds), "");
      row(s, "replica heap in use after a full GC", heapsMb.stream().map(h -> String.format(Locale.ROOT, "%.0f MB", h)).toList()
          + " holding " + heldAtIdle, "≤ 512 MB each");
      row(s, options.syncing() + " tenants added with " + String.format(Locale.ROOT, "%,d", options.syncingPeople())
          + " people each: initial syncs done", seconds(syncing) + String.format(Locale.ROOT, " (%,d people stored)", syncingPeople), "");
      row(s, "kill -9 of the busiest replica: its tenants", Integer.toString(orphans), "");
      row(s, "  all held again elsewhere (new epoch)", seconds(takenOver), "");
      row(s, "  all running again (a pass committed)", seconds(runningAgain), "≤ lease TTL + 5 s = " + (options.leaseSeconds() + 5) + " s");
      row(s, "a replica joins: every replica within one tenant of its share", seconds(fairAfterJoin) + ", holding " + heldAtEnd, "±1");
      return s.toString();
    }

    private static String seconds(Duration d) {
      return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static void row(StringBuilder s, String name, String value, String target) {
      s.append("| ").append(name).append(" | ").append(value).append(" | ").append(target).append(" |\n");
    }
  }

  private FleetSoak() {}

  public static void main(String[] args) throws Exception {
    Map<String, Long> a = KillSoak.arguments(args, Map.of("tenants", 1_000L, "replicas", 3L, "people", 20L, "syncing", 5L,
        "syncing-people", 50_000L, "window", 300L, "lease", 6L, "heap", 512L));
    Options o = new Options(a.get("tenants").intValue(), a.get("replicas").intValue(), a.get("people").intValue(), a.get("syncing").intValue(),
        a.get("syncing-people").intValue(), Duration.ofSeconds(a.get("window")), a.get("lease").intValue(), a.get("heap").intValue(),
        KillSoak.postgresUrl(), Files.createTempDirectory("unisync-fleet"), System.out);
    Result result = run(o);
    System.out.println();
    System.out.print(result.table());
    System.exit(0);
  }

  public static Result run(Options o) throws Exception {
    Clock clock = Clock.systemUTC();
    String group = "fleet-" + Long.toHexString(System.nanoTime() & 0xffffff);
    List<Process> replicas = new ArrayList<>();
    try (MarketoInstances marketo = MarketoInstances.start(64);
        JdbcDatabase db = JdbcDatabase.pooled(JdbcSettings.of(o.jdbcUrl(), "", "").withMaxPoolSize(2));
        Connection sql = DriverManager.getConnection(o.jdbcUrl())) {
      db.migrate();
      List<String> tenants = new ArrayList<>();
      StringBuilder yaml = new StringBuilder(String.join("\n",
          "database:",
          "  url: \"" + o.jdbcUrl() + "\"",
          "schedule: { personSyncSeconds: " + PERSON_SYNC_SECONDS + ", deliverySeconds: " + DELIVERY_SECONDS + ", deliveryIdleSeconds: "
              + DELIVERY_IDLE_SECONDS + ", personSyncIdleSeconds: " + PERSON_SYNC_IDLE_SECONDS + ", twoWaySeconds: 300 }",
          "replica: { group: " + group + ", leaseSeconds: " + o.leaseSeconds() + ", maxTenants: " + (o.tenants() + o.syncing()) + " }",
          "tenants:",
          ""));
      for (int i = 0; i < o.tenants(); i++) {
        String id = group + "-t" + i;
        MarketoSimulator instance = marketo.add("t" + i, new SyntheticPeople(o.idlePeople(), i, PEOPLE_FROM, Duration.ofMinutes(1)),
            MarketoSimulator.Options.defaults(), clock);
        tenants.add(id);
        yaml.append(tenant(id, instance));
      }
      Path config = o.workDir().resolve("unisync.yaml");
      Files.writeString(config, yaml);
      long started = System.nanoTime();
      for (int r = 0; r < o.replicas(); r++) {
        replicas.add(start(config, o, "replica-" + r));
      }
      say(o, "%d replicas started with %d tenants; waiting for every initial sync", o.replicas(), o.tenants());
      Duration firstSync = awaitIncremental(sql, group, o.tenants(), Duration.ofMinutes(20), started, o);

      // idle: nothing changes in Marketo; let two person-sync periods pass first, so every tenant has found itself quiet
      Thread.sleep(TimeUnit.SECONDS.toMillis(2L * PERSON_SYNC_SECONDS));
      Counters before = counters(sql, replicas, marketo);
      Map<String, Long> tablesBefore = tableWrites(sql);
      long windowStart = System.nanoTime();
      Map<String, Integer> statements = new TreeMap<>();
      int samples = sampleStatements(sql, o.idleWindow(), statements);
      Counters idle = counters(sql, replicas, marketo).minus(before);
      idle = new Counters(idle.transactions() - samples - 5, idle.leaseRows(), idle.budgetRows(), idle.checkpointWrites(), idle.cpuMillis(),
          idle.marketoCalls()); // this process's own reads during the window are not the fleet's
      Map<String, Long> tableRows = new TreeMap<>();
      tableWrites(sql).forEach((table, rows) -> {
        long moved = rows - tablesBefore.getOrDefault(table, 0L);
        if (moved > 0) {
          tableRows.put(table, moved);
        }
      });
      double idleSeconds = (System.nanoTime() - windowStart) / 1e9;
      List<Double> heaps = new ArrayList<>();
      for (Process p : replicas) {
        heaps.add(heapAfterGc(p));
      }
      List<Integer> heldAtIdle = held(sql, group, replicas.size(), clock);
      say(o, "idle window done: %s; rows written per table: %s; identity calls so far %d, unrouted %d", idle, tableRows,
          marketo.instances().stream().mapToLong(MarketoSimulator::identityCalls).sum(), marketo.unrouted());
      statements.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(12)
          .forEach(e -> say(o, "  %5d x %s", e.getValue(), e.getKey()));

      // a few tenants with large populations join the configuration; the replicas read it again
      for (int i = 0; i < o.syncing(); i++) {
        String id = group + "-big" + i;
        MarketoSimulator instance = marketo.add("big" + i, new SyntheticPeople(o.syncingPeople(), 1_000 + i, PEOPLE_FROM,
            Duration.ofMillis(Math.max(1, 60_000L * 60 * 24 * 40 / o.syncingPeople()))), MarketoSimulator.Options.defaults(), clock);
        yaml.append(tenant(id, instance));
      }
      long syncStart = System.nanoTime();
      Files.writeString(config, yaml);
      Duration syncing = awaitIncremental(sql, group, o.tenants() + o.syncing(), Duration.ofMinutes(20), syncStart, o);
      long syncingPeople = count(sql, "SELECT count(*) FROM unisync_person WHERE tenant LIKE '" + group + "-big%'");

      // kill -9 the busiest replica
      int total = o.tenants() + o.syncing();
      Map<String, Lease> leases = leases(sql, group);
      int victim = busiest(leases, replicas.size());
      Map<String, Lease> orphans = new HashMap<>();
      leases.forEach((tenant, l) -> {
        if (l.replica() == victim) {
          orphans.put(tenant, l);
        }
      });
      Instant killedAt = clock.instant();
      long killed = System.nanoTime();
      replicas.get(victim).destroyForcibly();
      replicas.get(victim).waitFor(30, TimeUnit.SECONDS);
      say(o, "killed replica-%d holding %d tenants", victim, orphans.size());
      Duration takenOver = null;
      Duration runningAgain = null;
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (runningAgain == null && System.nanoTime() < deadline) {
        Map<String, Lease> now = leases(sql, group);
        Map<String, Instant> checkpoints = checkpoints(sql, group);
        boolean allHeld = true;
        boolean allRunning = true;
        for (Map.Entry<String, Lease> e : orphans.entrySet()) {
          Lease l = now.get(e.getKey());
          boolean heldAgain = l != null && l.epoch() > e.getValue().epoch() && l.replica() != victim && l.validAt(clock.instant());
          allHeld &= heldAgain;
          Instant written = checkpoints.get(e.getKey());
          allRunning &= heldAgain && written != null && written.isAfter(killedAt);
        }
        if (allHeld && takenOver == null) {
          takenOver = Duration.ofNanos(System.nanoTime() - killed);
        }
        if (allRunning) {
          runningAgain = Duration.ofNanos(System.nanoTime() - killed);
        }
        Thread.sleep(100);
      }
      if (runningAgain == null) {
        throw new IllegalStateException("the killed replica's tenants were not all running again within 3 minutes; see " + o.workDir());
      }

      // a new replica joins in the dead one's place
      long joined = System.nanoTime();
      replicas.set(victim, start(config, o, "replica-" + victim + "-joined"));
      Duration fair = null;
      List<Integer> heldAtEnd = List.of();
      deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (fair == null && System.nanoTime() < deadline) {
        heldAtEnd = held(sql, group, replicas.size(), clock);
        int min = heldAtEnd.stream().mapToInt(Integer::intValue).min().orElse(0);
        int max = heldAtEnd.stream().mapToInt(Integer::intValue).max().orElse(0);
        double share = total / (double) replicas.size();
        if (heldAtEnd.stream().mapToInt(Integer::intValue).sum() == total && max - share <= 1 && share - min <= 1) {
          fair = Duration.ofNanos(System.nanoTime() - joined);
        }
        Thread.sleep(100);
      }
      if (fair == null) {
        throw new IllegalStateException("the replicas did not reach fair shares within 3 minutes of a join (" + heldAtEnd + "); see "
            + o.workDir());
      }
      return new Result(o, firstSync, idle, idleSeconds, heaps, heldAtIdle, syncing, syncingPeople, orphans.size(),
          java.util.Objects.requireNonNull(takenOver), runningAgain, fair, heldAtEnd);
    } finally {
      for (Process p : replicas) {
        p.destroy();
      }
      for (Process p : replicas) {
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      }
    }
  }

  private static String tenant(String id, MarketoSimulator instance) {
    return "  - id: " + id + "\n    marketo: { baseUrl: \"" + instance.baseUrl() + "\", clientId: " + MarketoSimulator.CLIENT_ID
        + ", snapshotStart: " + SNAPSHOT_START + ", bulkPollSeconds: 0 }\n";
  }

  private static Process start(Path config, Options o, String id) throws IOException {
    return KillSoak.start(config, o.workDir().resolve(id + ".log"), Map.of("UNISYNC_REPLICA_ID", id), List.of("-Xmx" + o.heapMb() + "m"));
  }

  private static Duration awaitIncremental(Connection sql, String group, int tenants, Duration limit, long since, Options o)
      throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    long lastSaid = 0;
    while (System.nanoTime() < deadline) {
      long done = count(sql, "SELECT count(*) FROM unisync_checkpoint WHERE tenant LIKE '" + group + "-%' AND phase = 'INCREMENTAL'");
      if (done >= tenants) {
        return Duration.ofNanos(System.nanoTime() - since);
      }
      if (System.nanoTime() - lastSaid > TimeUnit.SECONDS.toNanos(15)) {
        say(o, "%d of %d tenants incremental", done, tenants);
        lastSaid = System.nanoTime();
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("not every tenant finished its initial sync within " + limit + "; see " + o.workDir());
  }

  /** A tenant's lease: the replica (index in the run's list) holding it, its epoch and end. */
  record Lease(int replica, long epoch, Instant expiresAt) {
    boolean validAt(Instant now) {
      return now.isBefore(expiresAt);
    }
  }

  private static final Pattern REPLICA = Pattern.compile("replica-(\\d+).*");

  private static Map<String, Lease> leases(Connection sql, String group) throws SQLException {
    Map<String, Lease> leases = new LinkedHashMap<>();
    try (Statement s = sql.createStatement();
        ResultSet rs = s.executeQuery("SELECT name, holder, epoch, expires_at FROM unisync_lease WHERE name LIKE 'tenant/" + group + "-%'")) {
      while (rs.next()) {
        Matcher m = REPLICA.matcher(rs.getString(2));
        leases.put(rs.getString(1).substring("tenant/".length()), new Lease(m.matches() ? Integer.parseInt(m.group(1)) : -1, rs.getLong(3),
            rs.getObject(4, java.time.OffsetDateTime.class).toInstant()));
      }
    }
    return leases;
  }

  private static List<Integer> held(Connection sql, String group, int replicas, Clock clock) throws SQLException {
    int[] held = new int[replicas];
    Instant now = clock.instant();
    for (Lease l : leases(sql, group).values()) {
      if (l.replica() >= 0 && l.replica() < replicas && l.validAt(now)) {
        held[l.replica()]++;
      }
    }
    return java.util.Arrays.stream(held).boxed().toList();
  }

  private static int busiest(Map<String, Lease> leases, int replicas) {
    int[] held = new int[replicas];
    leases.values().stream().filter(l -> l.replica() >= 0 && l.replica() < replicas).forEach(l -> held[l.replica()]++);
    int best = 0;
    for (int r = 1; r < replicas; r++) {
      best = held[r] > held[best] ? r : best;
    }
    return best;
  }

  private static Map<String, Instant> checkpoints(Connection sql, String group) throws SQLException {
    Map<String, Instant> written = new TreeMap<>();
    try (Statement s = sql.createStatement();
        ResultSet rs = s.executeQuery("SELECT tenant, updated_at FROM unisync_checkpoint WHERE tenant LIKE '" + group + "-%'")) {
      while (rs.next()) {
        written.put(rs.getString(1), rs.getObject(2, java.time.OffsetDateTime.class).toInstant());
      }
    }
    return written;
  }

  private static Counters counters(Connection sql, List<Process> replicas, MarketoInstances marketo) throws SQLException {
    long cpu = 0;
    for (Process p : replicas) {
      cpu += cpuMillis(p.pid());
    }
    long calls = marketo.instances().stream().mapToLong(MarketoSimulator::calls).sum();
    // a backend reports its statistics within a second while busy, within 10 s when idle (PostgreSQL 15): over a window
    // of minutes the figures are a few seconds' worth off at most
    return new Counters(
        count(sql, "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()"),
        count(sql, "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_user_tables WHERE relname = 'unisync_lease'"),
        count(sql, "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_user_tables"
            + " WHERE relname IN ('unisync_call', 'unisync_call_instance')"),
        count(sql, "SELECT coalesce(sum(n_tup_upd + n_tup_ins), 0) FROM pg_stat_user_tables WHERE relname = 'unisync_checkpoint'"),
        cpu, calls);
  }

  /**
   * Samples what the other sessions run, every 100 ms for {@code window}: each statement seen (by its text and start)
   * counted once, so the figures show which statements make the traffic. Returns how many reads this took.
   */
  private static int sampleStatements(Connection sql, Duration window, Map<String, Integer> statements) throws SQLException,
      InterruptedException {
    java.util.Set<String> seen = new java.util.HashSet<>();
    long end = System.nanoTime() + window.toNanos();
    int samples = 0;
    while (System.nanoTime() < end) {
      try (Statement s = sql.createStatement();
          ResultSet rs = s.executeQuery("SELECT pid, query_start, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) FROM pg_stat_activity"
              + " WHERE datname = current_database() AND pid <> pg_backend_pid() AND query_start IS NOT NULL")) {
        while (rs.next()) {
          if (seen.add(rs.getString(1) + "@" + rs.getString(2))) {
            statements.merge(rs.getString(3), 1, Integer::sum);
          }
        }
      }
      samples++;
      Thread.sleep(100);
    }
    return samples;
  }

  /** Rows inserted, updated and deleted so far, per table of Unisync's. */
  private static Map<String, Long> tableWrites(Connection sql) throws SQLException {
    Map<String, Long> rows = new TreeMap<>();
    try (Statement s = sql.createStatement();
        ResultSet rs = s.executeQuery("SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_user_tables WHERE relname LIKE 'unisync%'")) {
      while (rs.next()) {
        rows.put(rs.getString(1), rs.getLong(2));
      }
    }
    return rows;
  }

  private static long count(Connection sql, String query) throws SQLException {
    try (Statement s = sql.createStatement(); ResultSet rs = s.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** User and system CPU of a process so far, from {@code /proc/<pid>/stat} (clock ticks of 10 ms). */
  static long cpuMillis(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII);
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10; // utime, stime (fields 14 and 15)
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("could not read the CPU time of process " + pid + " from /proc (Linux only)", e);
    }
  }

  /** The heap in use after a full GC, from {@code jcmd <pid> GC.run} then {@code GC.heap_info}. */
  static double heapAfterGc(Process p) throws IOException, InterruptedException {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    run(jcmd, Long.toString(p.pid()), "GC.run");
    String info = run(jcmd, Long.toString(p.pid()), "GC.heap_info");
    // G1 prints one line for the heap; the serial and parallel collectors one per generation: their sum
    Matcher used = Pattern.compile("total \\d+K, used (\\d+)K").matcher(info);
    long kb = 0;
    boolean found = false;
    while (used.find()) {
      kb += Long.parseLong(used.group(1));
      found = true;
    }
    if (!found) {
      throw new IllegalStateException("jcmd GC.heap_info gave no heap figure: " + info);
    }
    return kb / 1024.0;
  }

  /** Runs a short command (jcmd) for at most 60 s; its output goes through a file, so a hung command cannot hold the run. */
  private static String run(String... command) throws IOException, InterruptedException {
    Path out = Files.createTempFile("unisync-fleet-cmd", ".txt");
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish within 60 s");
      }
      return Files.readString(out, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static void say(Options o, String format, Object... args) {
    if (o.out() != null) {
      o.out().println("[" + java.time.LocalTime.now().withNano(0) + "] " + String.format(Locale.ROOT, format, args));
    }
  }
}
