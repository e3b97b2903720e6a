package io.unisync.examples;

import io.unisync.core.domain.Activity;
import io.unisync.core.domain.Person;
import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.SourceFields;
import io.unisync.core.engine.TenantRunner;
import io.unisync.core.port.Lease;
import io.unisync.jdbc.JdbcActivityOutbox;
import io.unisync.jdbc.JdbcDatabase;
import io.unisync.jdbc.JdbcPersonStore;
import io.unisync.jdbc.JdbcSettings;
import io.unisync.jdbc.JdbcWatermarkStore;
import io.unisync.jdbc.Tenant;
import io.unisync.testkit.ExpectedPeople;
import io.unisync.testkit.sim.MarketoSimulator;
import io.unisync.testkit.sim.SalesforceSimulator;
import io.unisync.testkit.sim.SyntheticPeople;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The replica soak: several {@code unisync run} JVMs (replicas) with one configuration of many tenants, one PostgreSQL,
 * one Marketo simulator per tenant enforcing Marketo's real limits (100 calls in 20 s, 10 at once, the daily quota) and
 * one Salesforce simulator. While Marketo changes and the host records activities for every tenant, a random replica
 * is killed with SIGKILL again and again and replaced by a new one. The oracle at the end, per tenant: the store
 * equals Marketo's eligible people, every recorded activity reached Marketo and Salesforce (Salesforce exactly once;
 * Marketo duplicates counted), nothing dead-lettered or pending; and over all: no simulator answered 606 or 615.
 * Measured on the way: how long after a kill the dead replica's tenants were taken over (their lease at a new epoch)
 * and first committed by the new holder, and how many stale writes fencing refused.
 *
 * <p>{@code scripts/soak-replicas.sh N} runs it with N kills and prints the table; {@code ReplicaSoakTest} runs a short
 * one in the test suite. Seeded.
 */
public final class ReplicaSoak {

  /** Where the people are created: recent, so an initial sync takes a few 31-day export windows. */
  private static final Instant PEOPLE_FROM = Instant.parse("2026-10-01T00:00:00Z");
  private static final String SNAPSHOT_START = "2026-09-15T00:00:00Z";
  /** How long a killed replica's leases live on: what a take-over waits for at least. */
  static final int LEASE_SECONDS = 3;

  /**
   * @param replicas processes running at once
   * @param tenants tenants in the configuration, one Marketo simulator each
   * @param kills how many times a replica is killed (and replaced)
   * @param people each tenant's synthetic population
   * @param activitiesPerRound activities recorded per tenant between two kills
   * @param jdbcUrl the PostgreSQL database
   * @param seed for the victims, the pauses and the changes
   * @param workDir where the configuration and the process logs go
   * @param minBetweenKills the shortest pause between kills
   * @param maxBetweenKills the longest
   * @param out where progress goes (null: nowhere)
   */
  public record Options(int replicas, int tenants, int kills, int people, int activitiesPerRound, String jdbcUrl, long seed,
      Path workDir, Duration minBetweenKills, Duration maxBetweenKills, @Nullable PrintStream out) {}

  /**
   * What the soak found.
   *
   * @param takeOvers per killed replica's tenant: from the kill to its lease held at a new epoch by another replica
   * @param firstCommits per killed replica's tenant: from the kill to the new holder's first committed pass
   * @param staleWritesRefused writes of a replica whose lease had been taken over, refused by fencing (from the logs)
   * @param tenantsPerReplica how many tenants each live replica held at the end
   */
  public record Result(int replicas, int tenants, int kills, int killsHoldingTenants, List<Duration> takeOvers,
      List<Duration> firstCommits, int unmeasured, int staleWritesRefused, long rateLimitErrors, long concurrencyErrors,
      long marketoCalls, int marketoChanges, Map<String, KillSoak.Outcome> outcomes, List<Integer> tenantsPerReplica, Duration elapsed) {

    /** Every tenant clean, no 606 or 615, and every take-over measured. */
    public boolean clean() {
      return outcomes.values().stream().allMatch(KillSoak.Outcome::clean) && rateLimitErrors == 0 && concurrencyErrors == 0
          && unmeasured == 0;
    }

    private int sum(java.util.function.ToIntFunction<KillSoak.Outcome> f) {
      return outcomes.values().stream().mapToInt(f).sum();
    }

    private long sumLong(java.util.function.ToLongFunction<KillSoak.Outcome> f) {
      return outcomes.values().stream().mapToLong(f).sum();
    }

    /** The summary table (Markdown). */
    public String table() {
      StringBuilder t = new StringBuilder("| measure | value |\n|---|---|\n");
      row(t, "replicas (JVMs) / tenants", replicas + " / " + tenants);
      row(t, "kill -9 of a replica (each replaced at once)", kills);
      row(t, "  of which the victim held tenants", killsHoldingTenants);
      row(t, "take-over after a kill, p50 / p99 / max", percentiles(takeOvers));
      row(t, "first commit by the new holder, p50 / p99 / max", percentiles(firstCommits));
      row(t, "take-overs not seen within 120 s", unmeasured);
      row(t, "stale writes refused by fencing", staleWritesRefused);
      row(t, "tenants per replica at the end", tenantsPerReplica.toString());
      row(t, "changes made in Marketo during the soak", marketoChanges);
      row(t, "Marketo calls / 606 / 615 answered", String.format(Locale.ROOT, "%,d / %d / %d", marketoCalls, rateLimitErrors, concurrencyErrors));
      row(t, "people eligible in Marketo at the end (all tenants)", sum(KillSoak.Outcome::expected));
      row(t, "people missing / extra / different", sum(KillSoak.Outcome::missing) + " / " + sum(KillSoak.Outcome::extra) + " / "
          + sum(KillSoak.Outcome::different));
      row(t, "activities recorded", sum(KillSoak.Outcome::activities));
      row(t, "Marketo: missing / duplicated", sum(KillSoak.Outcome::marketoMissing) + " / " + sum(KillSoak.Outcome::marketoDuplicates));
      row(t, "Salesforce Tasks: due / missing / duplicated", sum(KillSoak.Outcome::salesforceExpected) + " / "
          + sum(KillSoak.Outcome::salesforceMissing) + " / " + sum(KillSoak.Outcome::salesforceDuplicates));
      row(t, "dead letters / still pending", sumLong(KillSoak.Outcome::deadLetters) + " / " + sumLong(KillSoak.Outcome::pending));
      row(t, "wall time", String.format(Locale.ROOT, "%.0f s", elapsed.toMillis() / 1000.0));
      row(t, "verdict", clean() ? "nothing lost, no Salesforce duplicate, no 606/615" : "FAILED");
      return t.toString();
    }

    private static String percentiles(List<Duration> values) {
      if (values.isEmpty()) {
        return "none measured";
      }
      List<Long> ms = values.stream().map(Duration::toMillis).sorted().toList();
      return String.format(Locale.ROOT, "%.1f s / %.1f s / %.1f s (n=%d)", at(ms, 0.50) / 1000.0, at(ms, 0.99) / 1000.0,
          ms.get(ms.size() - 1) / 1000.0, ms.size());
    }

    private static long at(List<Long> sorted, double q) {
      return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    private static void row(StringBuilder t, String name, Object value) {
      t.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }
  }

  /** One tenant's simulator, stores and what the host recorded for it. */
  private static final class TenantState {
    final Tenant tenant;
    final MarketoSimulator marketo;
    final JdbcPersonStore store;
    final JdbcActivityOutbox outbox;
    final JdbcWatermarkStore run;
    final List<Activity> recorded = new ArrayList<>();
    final Set<Long> withActivities = new HashSet<>();
    final Set<Long> disturbed = new HashSet<>();
    long nextActivity;

    TenantState(Tenant tenant, MarketoSimulator marketo, JdbcDatabase db) {
      this.tenant = tenant;
      this.marketo = marketo;
      this.store = db.personStore(tenant);
      this.outbox = db.activityOutbox(tenant);
      this.run = db.watermarkStore(tenant);
    }

    /** The health entries a new holder writes after its first successful pass. */
    Map<String, Optional<String>> health() {
      Map<String, Optional<String>> h = new HashMap<>();
      for (String operation : List.of("person sync", "activity delivery")) {
        h.put(operation, run.get(Runner.HEALTH_PREFIX + operation));
      }
      return h;
    }
  }

  /** A running replica. */
  private record Replica(String id, Process process) {}

  private ReplicaSoak() {}

  public static void main(String[] args) throws Exception {
    Map<String, Long> a = KillSoak.arguments(args, Map.of("kills", 200L, "people", 5_000L, "tenants", 6L, "seed", 21L));
    String jdbcUrl = KillSoak.postgresUrl();
    Result result = run(new Options(3, a.get("tenants").intValue(), a.get("kills").intValue(), a.get("people").intValue(), 10, jdbcUrl,
        a.get("seed"), Files.createTempDirectory("unisync-replica-soak"), Duration.ofMillis(2_000), Duration.ofMillis(8_000), System.out));
    System.out.println();
    System.out.print(result.table());
    System.exit(result.clean() ? 0 : 1);
  }

  public static Result run(Options o) throws Exception {
    long started = System.nanoTime();
    SplittableRandom random = new SplittableRandom(o.seed());
    Clock clock = Clock.systemUTC();
    String prefix = "rs" + o.seed() + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
    List<MarketoSimulator> simulators = new ArrayList<>();
    ExecutorService watchers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "soak-watch");
      t.setDaemon(true);
      return t;
    });
    List<Replica> replicas = new ArrayList<>();
    try (SalesforceSimulator salesforce = SalesforceSimulator.start(clock, null, 100_000_000, Duration.ofHours(2));
        JdbcDatabase db = JdbcDatabase.pooled(JdbcSettings.of(o.jdbcUrl(), "", "").withMaxPoolSize(4))) {
      db.migrate();
      List<TenantState> tenants = new ArrayList<>();
      for (int i = 0; i < o.tenants(); i++) {
        MarketoSimulator marketo = MarketoSimulator.start(new SyntheticPeople(o.people(), o.seed() + i, PEOPLE_FROM, Duration.ofMinutes(1)),
            MarketoSimulator.Options.defaults(), clock); // Marketo's real limits, enforced
        simulators.add(marketo);
        tenants.add(new TenantState(Tenant.of(prefix + "-t" + i), marketo, db));
      }
      Path config = o.workDir().resolve("unisync.yaml");
      Files.writeString(config, configuration(o, prefix, tenants, salesforce));
      int generation = 0;
      for (int n = 0; n < o.replicas(); n++) {
        replicas.add(start(config, o.workDir(), "replica-" + n + "-g" + generation++));
      }
      ConcurrentLinkedQueue<Duration> takeOvers = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<Duration> firstCommits = new ConcurrentLinkedQueue<>();
      List<java.util.concurrent.Future<Integer>> watches = new ArrayList<>();
      int changes = 0;
      int killsHolding = 0;
      for (int kill = 1; kill <= o.kills(); kill++) {
        for (TenantState t : tenants) {
          changes += KillSoak.change(t.marketo, random, t.withActivities, t.disturbed);
          t.nextActivity = KillSoak.record(t.store, t.outbox, salesforce, t.recorded, t.nextActivity, o.activitiesPerRound(), random,
              o.people(), clock, t.withActivities, t.disturbed);
        }
        long pause = o.minBetweenKills().toMillis()
            + random.nextLong(Math.max(1, o.maxBetweenKills().toMillis() - o.minBetweenKills().toMillis()));
        Thread.sleep(pause);
        int victim = victim(db, tenants, replicas, random, clock);
        Replica dead = replicas.get(victim);
        Map<TenantState, Lease> held = heldBy(db, tenants, dead.id(), clock);
        Map<TenantState, Map<String, Optional<String>>> healthBefore = new HashMap<>();
        held.keySet().forEach(t -> healthBefore.put(t, t.health()));
        dead.process().destroyForcibly(); // SIGKILL
        long killedAt = System.nanoTime();
        dead.process().waitFor(30, TimeUnit.SECONDS);
        replicas.set(victim, start(config, o.workDir(), "replica-" + victim + "-g" + generation++));
        if (!held.isEmpty()) {
          killsHolding++;
          watches.add(watchers.submit(() -> watch(db, held, healthBefore, killedAt, takeOvers, firstCommits)));
        }
        if (o.out() != null && (kill % 10 == 0 || kill == o.kills())) {
          o.out().printf(Locale.ROOT, "kill %d/%d (%s held %d tenants): %,d people stored in all, %,d activities recorded%n", kill, o.kills(),
              dead.id(), held.size(), tenants.stream().mapToLong(t -> t.store.count()).sum(),
              tenants.stream().mapToInt(t -> t.recorded.size()).sum());
        }
      }
      for (TenantState t : tenants) {
        changes += KillSoak.change(t.marketo, random, t.withActivities, t.disturbed);
      }
      int unmeasured = 0;
      for (java.util.concurrent.Future<Integer> w : watches) {
        unmeasured += w.get(5, TimeUnit.MINUTES);
      }
      Map<String, KillSoak.Outcome> outcomes = converge(tenants, salesforce, replicas, o, random, clock);
      Map<String, Integer> perReplica = new TreeMap<>();
      replicas.forEach(r -> perReplica.put(r.id(), 0));
      for (TenantState t : tenants) {
        db.leases().current(TenantRunner.leaseName(t.tenant.id())).filter(l -> l.isValidAt(clock.instant()))
            .ifPresent(l -> perReplica.merge(replicaOf(l.holder()), 1, Integer::sum));
      }
      return new Result(o.replicas(), o.tenants(), o.kills(), killsHolding, List.copyOf(takeOvers), List.copyOf(firstCommits), unmeasured,
          staleWritesRefused(o.workDir()), simulators.stream().mapToLong(MarketoSimulator::rateLimitErrors).sum(),
          simulators.stream().mapToLong(MarketoSimulator::concurrencyErrors).sum(), simulators.stream().mapToLong(MarketoSimulator::calls).sum(),
          changes, outcomes, List.copyOf(perReplica.values()), Duration.ofNanos(System.nanoTime() - started));
    } finally {
      for (Replica r : replicas) {
        r.process().destroy(); // SIGTERM: the survivors stop gracefully
      }
      for (Replica r : replicas) {
        if (!r.process().waitFor(60, TimeUnit.SECONDS)) {
          r.process().destroyForcibly();
        }
      }
      watchers.shutdownNow();
      simulators.forEach(MarketoSimulator::close);
    }
  }

  private static String configuration(Options o, String prefix, List<TenantState> tenants, SalesforceSimulator salesforce) {
    StringBuilder yaml = new StringBuilder(String.join("\n",
        "database:",
        "  url: \"" + o.jdbcUrl() + "\"",
        "schedule: { personSyncSeconds: 1, deliverySeconds: 1, twoWaySeconds: 30 }",
        "delivery: { leaseSeconds: 5 }",
        "replica: { group: " + prefix + ", leaseSeconds: " + LEASE_SECONDS + " }",
        "tenants:",
        ""));
    for (TenantState t : tenants) {
      yaml.append("  - id: ").append(t.tenant.id()).append('\n')
          .append("    marketo: { baseUrl: \"").append(t.marketo.baseUrl()).append("\", clientId: ").append(MarketoSimulator.CLIENT_ID)
          .append(", snapshotStart: ").append(SNAPSHOT_START).append(", bulkPollSeconds: 0, createActivityTypes: true }\n")
          .append("    salesforce: { tokenUrl: \"").append(salesforce.baseUrl()).append("\", clientId: ")
          .append(SalesforceSimulator.CLIENT_ID).append(" }\n");
    }
    return yaml.toString();
  }

  private static Replica start(Path config, Path workDir, String id) throws IOException {
    return new Replica(id, KillSoak.start(config, workDir.resolve(id + ".log"), Map.of("UNISYNC_REPLICA_ID", id)));
  }

  /** The configured replica id of a lease holder ({@code <replica id>#<part unique to the process>}). */
  static String replicaOf(String holder) {
    int hash = holder.lastIndexOf('#');
    return hash < 0 ? holder : holder.substring(0, hash);
  }

  /** The tenants whose lease {@code replica} holds now. */
  /**
   * Which replica to kill: one that holds tenants by the lease table (chosen at random among them), so every kill
   * forces a take-over whatever the machine's speed; a replica that holds none is killed only when none holds any
   * within 60 s (then the kill is not counted as one of a holder, and the test says so).
   */
  private static int victim(JdbcDatabase db, List<TenantState> tenants, List<Replica> replicas, SplittableRandom random, Clock clock)
      throws InterruptedException {
    long giveUpAt = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      List<Integer> holders = new ArrayList<>();
      for (int i = 0; i < replicas.size(); i++) {
        if (!heldBy(db, tenants, replicas.get(i).id(), clock).isEmpty()) {
          holders.add(i);
        }
      }
      if (!holders.isEmpty()) {
        return holders.get(random.nextInt(holders.size()));
      }
      if (System.nanoTime() - giveUpAt > 0) {
        return random.nextInt(replicas.size());
      }
      Thread.sleep(200);
    }
  }

  private static Map<TenantState, Lease> heldBy(JdbcDatabase db, List<TenantState> tenants, String replica, Clock clock) {
    Map<TenantState, Lease> held = new LinkedHashMap<>();
    for (TenantState t : tenants) {
      db.leases().current(TenantRunner.leaseName(t.tenant.id()))
          .filter(l -> replicaOf(l.holder()).equals(replica) && l.isValidAt(clock.instant()))
          .ifPresent(l -> held.put(t, l));
    }
    return held;
  }

  /**
   * Waits (up to 120 s) until each of a killed replica's tenants is held at a newer epoch by another replica, then until
   * the new holder has committed a pass (its health entry changes); records both times from the kill. Returns how many
   * tenants were not taken over in time.
   */
  private static int watch(JdbcDatabase db, Map<TenantState, Lease> held, Map<TenantState, Map<String, Optional<String>>> healthBefore,
      long killedAt, ConcurrentLinkedQueue<Duration> takeOvers, ConcurrentLinkedQueue<Duration> firstCommits) throws InterruptedException {
    Map<TenantState, Lease> waitingTakeOver = new HashMap<>(held);
    Map<TenantState, Lease> waitingCommit = new HashMap<>();
    long deadline = killedAt + Duration.ofSeconds(120).toNanos();
    while ((!waitingTakeOver.isEmpty() || !waitingCommit.isEmpty()) && System.nanoTime() < deadline) {
      for (TenantState t : List.copyOf(waitingTakeOver.keySet())) {
        Lease before = waitingTakeOver.get(t);
        Optional<Lease> now = db.leases().current(TenantRunner.leaseName(t.tenant.id()));
        if (now.isPresent() && now.get().epoch() > before.epoch()) {
          takeOvers.add(Duration.ofNanos(System.nanoTime() - killedAt));
          waitingTakeOver.remove(t);
          waitingCommit.put(t, now.get());
        }
      }
      for (TenantState t : List.copyOf(waitingCommit.keySet())) {
        Map<String, Optional<String>> now = t.health();
        if (!now.equals(healthBefore.get(t)) && now.values().stream().flatMap(Optional::stream).anyMatch(v -> v.startsWith("ok"))) {
          firstCommits.add(Duration.ofNanos(System.nanoTime() - killedAt));
          waitingCommit.remove(t);
        }
      }
      Thread.sleep(50);
    }
    return waitingTakeOver.size();
  }

  /** Lets the replicas finish (up to 5 minutes) and judges every tenant. */
  private static Map<String, KillSoak.Outcome> converge(List<TenantState> tenants, SalesforceSimulator salesforce, List<Replica> replicas,
      Options o, SplittableRandom random, Clock clock) throws InterruptedException {
    Map<TenantState, Map<PersonId, Person>> expected = new HashMap<>();
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (System.nanoTime() < deadline) {
      boolean all = true;
      for (TenantState t : tenants) {
        if (t.recorded.isEmpty() && t.store.count() > 0) {
          // no round found this tenant's people stored (a loaded machine): record while the survivors run, so every
          // tenant has activities for the oracle to find once, whatever the machine's speed
          t.nextActivity = KillSoak.record(t.store, t.outbox, salesforce, t.recorded, t.nextActivity, o.activitiesPerRound(), random,
              o.people(), clock, t.withActivities, t.disturbed);
        }
        expected.put(t, ExpectedPeople.eligibleIn(t.marketo, SourceFields.standard()));
        all &= KillSoak.converged(t.store, t.outbox, expected.get(t));
      }
      if (all) {
        break;
      }
      for (Replica r : replicas) {
        if (!r.process().isAlive()) {
          throw new IllegalStateException("replica " + r.id() + " exited with " + r.process().exitValue() + "; see "
              + o.workDir().resolve(r.id() + ".log"));
        }
      }
      Thread.sleep(500);
    }
    Map<String, KillSoak.Outcome> outcomes = new TreeMap<>();
    for (TenantState t : tenants) {
      outcomes.put(t.tenant.id(), KillSoak.Outcome.of(t.tenant, t.store, t.outbox, t.marketo, salesforce, t.recorded, expected.get(t)));
    }
    return outcomes;
  }

  /** Writes refused because their lease had been taken over, as the replicas logged them. */
  private static int staleWritesRefused(Path workDir) throws IOException {
    int refused = 0;
    try (Stream<Path> logs = Files.list(workDir)) {
      for (Path log : logs.filter(p -> p.toString().endsWith(".log")).toList()) {
        try (Stream<String> lines = Files.lines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
          refused += (int) lines.filter(l -> l.contains("was lost: this writer holds epoch")).count();
        }
      }
    }
    return refused;
  }
}
