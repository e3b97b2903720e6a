package io.unisync.benchmarks;

import io.unisync.core.engine.SyncEngine;
import io.unisync.core.engine.SyncOptions;
import io.unisync.core.engine.SyncReport;
import io.unisync.core.engine.SyncRunner;
import io.unisync.core.engine.TenantRunner;
import io.unisync.core.port.Checkpoint;
import io.unisync.core.port.Lease;
import io.unisync.examples.ReplicaSoak;
import io.unisync.jdbc.JdbcDatabase;
import io.unisync.jdbc.JdbcPersonStore;
import io.unisync.jdbc.Tenant;
import io.unisync.marketo.Marketo;
import io.unisync.marketo.MarketoSettings;
import io.unisync.testkit.sim.MarketoSimulator;
import io.unisync.testkit.sim.SyntheticPeople;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Row 7: what running under leases costs and gives (fenced commits, tenants spread over replicas, take-over after a kill). */
final class ReplicaBenchmark {

  private static final Clock CLOCK = Clock.systemUTC();

  private ReplicaBenchmark() {}

  /** Figures of one initial sync. */
  record Sync(double peoplePerSecond, long stored) {}

  /**
   * The same initial sync into a plain store and into a store fenced by a tenant lease (every commit re-reads and locks
   * the lease row), alternating three times each (plain, fenced, plain, ...) so warm-up and the machine's drift fall
   * on both: the best people/s of each.
   */
  static Sync[] fencingOverhead(JdbcDatabase db, int people) {
    Sync plain = null;
    Sync fenced = null;
    for (int round = 0; round < 3; round++) {
      Sync p = initialSync(db, people, false);
      Sync f = initialSync(db, people, true);
      plain = plain == null || p.peoplePerSecond() > plain.peoplePerSecond() ? p : plain;
      fenced = fenced == null || f.peoplePerSecond() > fenced.peoplePerSecond() ? f : fenced;
    }
    return new Sync[] {plain, fenced};
  }

  private static Sync initialSync(JdbcDatabase db, int people, boolean fenced) {
    try (MarketoSimulator sim = MarketoSimulator.start(population(people, 31), MarketoSimulator.Options.unlimited(), CLOCK)) {
      Tenant tenant = Tenant.of("bench-fence-" + fenced + "-" + CLOCK.millis());
      JdbcPersonStore store = db.personStore(tenant);
      if (fenced) {
        Lease lease = db.leases().acquire(TenantRunner.leaseName(tenant.id()), "bench", Duration.ofHours(1)).orElseThrow();
        store = store.fencedBy(lease.fence());
      }
      SyncEngine engine = SyncEngine.builder().personSource(marketo(sim).personSource()).personStore(store).clock(CLOCK)
          .options(SyncOptions.defaults().withSnapshotPageSize(1_000)).build();
      long start = System.nanoTime();
      SyncReport report = engine.initialSync();
      return new Sync(report.read() / ((System.nanoTime() - start) / 1e9), store.count());
    }
  }

  /**
   * {@code tenants} tenants of {@code people} people each, none synced yet, run by {@code replicas} in-process
   * {@link TenantRunner}s on one database: the seconds until every tenant's initial sync has finished.
   */
  static double tenantsInitialSync(JdbcDatabase db, int replicas, int tenants, int people) throws InterruptedException {
    String run = "bench-fleet-" + replicas + "-" + CLOCK.millis();
    List<MarketoSimulator> sims = new ArrayList<>();
    Map<String, Marketo> clients = new LinkedHashMap<>();
    List<TenantRunner> fleet = new ArrayList<>();
    List<ScheduledExecutorService> executors = new ArrayList<>();
    try {
      for (int t = 0; t < tenants; t++) {
        MarketoSimulator sim = MarketoSimulator.start(population(people, 40 + t), MarketoSimulator.Options.unlimited(), CLOCK);
        sims.add(sim);
        clients.put(run + "-t" + t, marketo(sim));
      }
      SyncRunner.Schedule schedule = SyncRunner.Schedule.builder().personSync(Duration.ofSeconds(1)).build();
      long start = System.nanoTime();
      for (int r = 0; r < replicas; r++) {
        ScheduledExecutorService executor = Executors.newScheduledThreadPool(4);
        executors.add(executor);
        TenantRunner.Settings settings = TenantRunner.Settings.builder("replica-" + r, schedule).group(run)
            .lease(Duration.ofSeconds(10), Duration.ofSeconds(1)).build();
        fleet.add(TenantRunner.builder(settings).leases(db.leases()).tenants(() -> Set.copyOf(clients.keySet()))
            .engines((tenant, fence) -> SyncEngine.builder().personSource(clients.get(tenant).personSource())
                .personStore(db.personStore(Tenant.of(tenant)).fencedBy(fence)).clock(CLOCK)
                .options(SyncOptions.defaults().withSnapshotPageSize(1_000)).build())
            .executor(executor).clock(CLOCK).start());
      }
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
      while (!clients.keySet().stream().allMatch(t -> db.personStore(Tenant.of(t)).checkpoint()
          .map(c -> c.phase() == Checkpoint.Phase.INCREMENTAL).orElse(false))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the tenants' initial syncs did not finish within 10 minutes");
        }
        Thread.sleep(100);
      }
      return (System.nanoTime() - start) / 1e9;
    } finally {
      fleet.forEach(TenantRunner::close);
      executors.forEach(ScheduledExecutorService::shutdownNow);
      sims.forEach(MarketoSimulator::close);
    }
  }

  /** The replica soak with {@code kills} kills: take-over and first-commit times after a kill -9. */
  static ReplicaSoak.Result failover(String jdbcUrl, int kills) throws Exception {
    return ReplicaSoak.run(new ReplicaSoak.Options(3, 6, kills, 1_000, 5, jdbcUrl, 31, Files.createTempDirectory("unisync-bench-soak"),
        Duration.ofMillis(2_000), Duration.ofMillis(6_000), null));
  }

  private static SyntheticPeople population(int people, long seed) {
    return new SyntheticPeople(people, seed, Instant.parse("2025-01-01T00:00:00Z"), Duration.ofMillis(Math.max(1, 300L * 86_400_000 / people)));
  }

  private static Marketo marketo(MarketoSimulator sim) {
    return Marketo.connect(MarketoSettings.of(sim.baseUrl(), MarketoSimulator.CLIENT_ID, MarketoSimulator.CLIENT_SECRET)
        .withRateLimit(1_000_000, Duration.ofSeconds(1), 10, 1.0) // the simulators run without limits here
        .withBulk(true, Instant.parse("2024-12-31T00:00:00Z"), Duration.ofDays(31), Duration.ZERO), CLOCK);
  }
}
