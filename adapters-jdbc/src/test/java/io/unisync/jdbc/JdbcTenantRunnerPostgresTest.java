package io.unisync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.engine.SyncEngine;
import io.unisync.core.engine.SyncRunner;
import io.unisync.core.engine.TenantRunner;
import io.unisync.core.port.Lease;
import io.unisync.testkit.InMemoryPersonSource;
import io.unisync.testkit.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Replicas sharing tenants on one PostgreSQL: leases in unisync_lease, every person-store commit fenced. */
class JdbcTenantRunnerPostgresTest {

  final ManualClock clock = ManualClock.startingAtEpochOf2026();
  final String run = UUID.randomUUID().toString().substring(0, 8);
  final Set<String> tenants = new TreeSet<>();
  final ScheduledExecutorService executor = Executors.newScheduledThreadPool(4);
  final List<TenantRunner> replicas = new ArrayList<>();

  @AfterEach
  void stop() {
    replicas.forEach(TenantRunner::close);
    executor.shutdownNow();
  }

  TenantRunner replica(String id) {
    JdbcDatabase db = TestDatabases.postgres();
    SyncRunner.Schedule schedule = SyncRunner.Schedule.builder().personSync(Duration.ofMillis(50)).gracePeriod(Duration.ofSeconds(1)).build();
    TenantRunner runner = TenantRunner.builder(TenantRunner.Settings.builder(id + "-" + run, schedule).group("g" + run).maxReplicas(4).build())
        .leases(JdbcLeases.create(db.dataSource(), clock)).tenants(() -> tenants)
        .engines((tenant, fence) -> SyncEngine.builder().clock(clock).personSource(new InMemoryPersonSource(clock))
            .personStore(db.personStore(Tenant.of(tenant)).fencedBy(fence)).build())
        .executor(executor).clock(clock).create();
    replicas.add(runner);
    return runner;
  }

  @Test
  void threeReplicasShareTwelveTenantsAndALostLeaseStopsItsTenant() throws Exception {
    for (int i = 1; i <= 12; i++) {
      tenants.add("r" + run + "-" + i);
    }
    TenantRunner a = replica("a");
    TenantRunner b = replica("b");
    TenantRunner c = replica("c");
    for (int round = 0; round < 4; round++) {
      a.rebalance();
      b.rebalance();
      c.rebalance();
    }
    assertThat(List.of(a.tenants().size(), b.tenants().size(), c.tenants().size())).containsExactly(4, 4, 4);

    String tenant = a.tenants().iterator().next();
    JdbcPersonStore store = TestDatabases.postgres().personStore(Tenant.of(tenant));
    await(() -> store.checkpoint().isPresent());
    Lease held = a.lease(tenant).orElseThrow();
    JdbcLeases leases = JdbcLeases.create(TestDatabases.postgres().dataSource(), clock);
    leases.release(held); // as if a's lease lapsed during a long pause...
    Lease intruder = leases.acquire(TenantRunner.leaseName(tenant), "intruder", Duration.ofSeconds(30)).orElseThrow(); // ...and was taken

    await(() -> !a.tenants().contains(tenant));
    assertThat(intruder.epoch()).isGreaterThan(held.epoch());
    assertThat(a.tenants()).hasSize(3);
  }

  @Test
  void twoProcessesConfiguredWithOneReplicaIdNeverBothHoldATenant() {
    tenants.add("r" + run + "-shared");
    // one configuration file read by two processes: one replica id, each with its own leases handle on the one database
    TenantRunner first = replica("pod-7");
    TenantRunner second = replica("pod-7");

    for (int round = 0; round < 3; round++) {
      first.rebalance();
      second.rebalance();
    }

    assertThat(first.tenants().size() + second.tenants().size()).as("the tenant runs in one process").isEqualTo(1);
    Lease lease = JdbcLeases.create(TestDatabases.postgres().dataSource(), clock).current(TenantRunner.leaseName("r" + run + "-shared"))
        .orElseThrow();
    assertThat(lease.epoch()).as("before: both processes held epoch 1").isEqualTo(1);
    assertThat(lease.holder()).isIn(first.holder(), second.holder());
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 20 s");
      }
      Thread.sleep(10);
    }
  }
}
