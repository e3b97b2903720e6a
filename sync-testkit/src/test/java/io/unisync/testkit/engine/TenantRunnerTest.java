package io.unisync.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.engine.SyncEngine;
import io.unisync.core.engine.SyncRunner;
import io.unisync.core.engine.TenantRunner;
import io.unisync.core.port.Lease;
import io.unisync.core.port.Leases;
import io.unisync.testkit.InMemoryLeases;
import io.unisync.testkit.InMemoryPersonSource;
import io.unisync.testkit.InMemoryPersonStore;
import io.unisync.testkit.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Replicas sharing tenants through leases: fair shares, takeover of a dead replica's tenants, a lost lease stops at once. */
class TenantRunnerTest {

  final ManualClock clock = ManualClock.startingAtEpochOf2026();
  final InMemoryLeases leases = new InMemoryLeases(clock);
  /** The one database every replica shares: one store per tenant. */
  final Map<String, InMemoryPersonStore> stores = new ConcurrentHashMap<>();
  final AtomicReference<Set<String>> configured = new AtomicReference<>(tenants(12));
  final ScheduledExecutorService executor = Executors.newScheduledThreadPool(4);
  final List<TenantRunner> replicas = new ArrayList<>();

  @AfterEach
  void stop() {
    replicas.forEach(TenantRunner::close);
    executor.shutdownNow();
  }

  static Set<String> tenants(int n) {
    Set<String> names = new TreeSet<>();
    for (int i = 1; i <= n; i++) {
      names.add("tenant-" + i);
    }
    return names;
  }

  TenantRunner replica(String id) {
    return replica(id, leases);
  }

  TenantRunner replica(String id, Leases leases) {
    SyncRunner.Schedule schedule = SyncRunner.Schedule.builder().personSync(Duration.ofMillis(20)).gracePeriod(Duration.ofSeconds(1)).build();
    TenantRunner runner = TenantRunner.builder(TenantRunner.Settings.builder(id, schedule).group("test").maxReplicas(8).build())
        .leases(leases).tenants(configured::get)
        .engines((tenant, fence) -> SyncEngine.builder().clock(clock).personSource(new InMemoryPersonSource(clock))
            .personStore(stores.computeIfAbsent(tenant, t -> new InMemoryPersonStore(this.leases)).fencedBy(fence)).build())
        .executor(executor).clock(clock).create();
    replicas.add(runner);
    return runner;
  }

  private void rounds(int n, TenantRunner... runners) {
    for (int i = 0; i < n; i++) {
      for (TenantRunner r : runners) {
        r.rebalance();
      }
    }
  }

  @Test
  void threeReplicasEndWithFourOfTwelveTenantsEachAndEveryTenantRunsOnce() {
    TenantRunner a = replica("a");
    TenantRunner b = replica("b");
    TenantRunner c = replica("c");

    rounds(4, a, b, c);

    assertThat(List.of(a.tenants().size(), b.tenants().size(), c.tenants().size())).containsExactly(4, 4, 4);
    Set<String> all = new TreeSet<>();
    all.addAll(a.tenants());
    all.addAll(b.tenants());
    all.addAll(c.tenants());
    assertThat(all).isEqualTo(configured.get());
  }

  /** Counts the calls of each kind a runner makes. */
  static final class CountingLeases implements Leases {
    final Leases inner;
    final Map<String, Integer> calls = new ConcurrentHashMap<>();

    CountingLeases(Leases inner) {
      this.inner = inner;
    }

    private void count(String call) {
      calls.merge(call, 1, Integer::sum);
    }

    @Override
    public java.util.Optional<Lease> acquire(String name, String holder, Duration ttl) {
      count("acquire");
      return inner.acquire(name, holder, ttl);
    }

    @Override
    public java.util.Optional<Lease> renew(Lease lease, Duration ttl) {
      count("renew");
      return inner.renew(lease, ttl);
    }

    @Override
    public void release(Lease lease) {
      count("release");
      inner.release(lease);
    }

    @Override
    public java.util.Optional<Lease> current(String name) {
      count("current");
      return inner.current(name);
    }

    @Override
    public Map<String, Lease> renewAll(java.util.Collection<Lease> held, Duration ttl) {
      count("renewAll");
      return inner.renewAll(held, ttl);
    }

    @Override
    public Map<String, Lease> currentAll(java.util.Collection<String> names) {
      count("currentAll");
      return inner.currentAll(names);
    }
  }

  @Test
  void aRoundAtItsShareCostsOneRenewalAndOneReadHoweverManyTenantsTheReplicaRuns() {
    configured.set(tenants(300));
    CountingLeases counted = new CountingLeases(leases);
    TenantRunner a = replica("a", counted);
    TenantRunner b = replica("b", counted);
    TenantRunner c = replica("c", counted);
    rounds(3, a, b, c);
    assertThat(List.of(a.tenants().size(), b.tenants().size(), c.tenants().size())).containsExactly(100, 100, 100);
    counted.calls.clear();

    rounds(1, a, b, c);

    // per replica: its 100 tenants' leases and its slot renewed in one call, the slots counted in one read
    assertThat(counted.calls).isEqualTo(Map.of("renewAll", 3, "currentAll", 3));
    assertThat(List.of(a.tenants().size(), b.tenants().size(), c.tenants().size())).containsExactly(100, 100, 100);
  }

  @Test
  void sharesThatDoNotDivideEvenlyDifferByOneAtMostAfterAJoin() {
    configured.set(tenants(10));
    TenantRunner a = replica("a");
    TenantRunner b = replica("b");
    rounds(3, a, b);
    assertThat(List.of(a.tenants().size(), b.tenants().size())).containsExactly(5, 5);

    TenantRunner c = replica("c");
    rounds(4, a, b, c);

    // 10 on 3: 4, 3, 3 (a rule of ceil(10 / 3) for everyone would leave 4, 4, 2)
    assertThat(List.of(a.tenants().size(), b.tenants().size(), c.tenants().size())).containsExactlyInAnyOrder(4, 3, 3);
    Set<String> all = new TreeSet<>(a.tenants());
    all.addAll(b.tenants());
    all.addAll(c.tenants());
    assertThat(all).isEqualTo(configured.get());
  }

  @Test
  void aDeadReplicasTenantsAreTakenOverAfterTheirLeasesLapse() {
    TenantRunner a = replica("a");
    TenantRunner b = replica("b");
    TenantRunner c = replica("c");
    rounds(4, a, b, c);
    Set<String> orphaned = c.tenants();
    Map<String, Long> epochs = new ConcurrentHashMap<>();
    orphaned.forEach(t -> epochs.put(t, c.lease(t).orElseThrow().epoch()));

    // c dies: no more rounds, no release
    clock.advance(Duration.ofSeconds(10));
    rounds(1, a, b);
    assertThat(a.tenants().size() + b.tenants().size()).as("c's leases still valid").isEqualTo(8);
    clock.advance(Duration.ofSeconds(25));
    rounds(3, a, b);

    assertThat(List.of(a.tenants().size(), b.tenants().size())).containsExactly(6, 6);
    for (String t : orphaned) {
      Lease now = (a.tenants().contains(t) ? a : b).lease(t).orElseThrow();
      assertThat(now.epoch()).as(t + " taken over with a greater epoch").isGreaterThan(epochs.get(t));
    }
  }

  @Test
  void aReplicaThatShutsDownHandsItsTenantsOverAtOnce() {
    TenantRunner a = replica("a");
    TenantRunner b = replica("b");
    rounds(3, a, b);
    assertThat(a.tenants()).hasSize(6);

    a.close();
    rounds(2, b);

    assertThat(b.tenants()).hasSize(12);
  }

  @Test
  void aLostLeaseStopsThatTenantAtItsNextWrite() throws Exception {
    configured.set(Set.of("tenant-1"));
    TenantRunner a = replica("a");
    a.rebalance();
    Lease held = a.lease("tenant-1").orElseThrow();
    await(() -> stores.get("tenant-1").checkpoint().isPresent()); // the tenant's sync is writing under the lease

    // another replica takes the lease (as after a pause longer than the lease), behind a's back
    leases.release(held);
    Lease intruder = leases.acquire(TenantRunner.leaseName("tenant-1"), "b", Duration.ofSeconds(30)).orElseThrow();
    stores.get("tenant-1").apply(io.unisync.core.port.StoreBatch.checkpointOnly(
        io.unisync.core.port.Checkpoint.snapshotStarting(new io.unisync.core.port.SourcePosition("b-was-here"))));

    await(() -> a.tenants().isEmpty());
    assertThat(intruder.epoch()).isGreaterThan(held.epoch());
    assertThat(stores.get("tenant-1").checkpoint().orElseThrow().changePosition().value())
        .as("a wrote nothing after losing the lease").isEqualTo("b-was-here");
  }

  @Test
  void replicasOfAnotherGroupInTheSameDatabaseDoNotShrinkThisGroupsShare() {
    TenantRunner a = replica("a");
    SyncRunner.Schedule schedule = SyncRunner.Schedule.builder().personSync(Duration.ofHours(1)).gracePeriod(Duration.ofSeconds(1)).build();
    TenantRunner other = TenantRunner.builder(TenantRunner.Settings.builder("z", schedule).group("another-service").maxReplicas(8).build())
        .leases(leases).tenants(Set.of("elsewhere-1", "elsewhere-2"))
        .engines((tenant, fence) -> SyncEngine.builder().clock(clock).personSource(new InMemoryPersonSource(clock))
            .personStore(new InMemoryPersonStore(leases).fencedBy(fence)).build())
        .executor(executor).clock(clock).create();
    replicas.add(other);

    rounds(3, a, other);

    assertThat(a.tenants()).hasSize(12);
    assertThat(other.tenants()).hasSize(2);
  }

  @Test
  void tenantsThatLeaveTheConfigurationAreStoppedAndReleased() {
    TenantRunner a = replica("a");
    a.rebalance();
    assertThat(a.tenants()).hasSize(12);

    configured.set(tenants(5));
    a.rebalance();

    assertThat(a.tenants()).hasSize(5);
    assertThat(leases.current(TenantRunner.leaseName("tenant-9")).orElseThrow().isValidAt(clock.instant())).isFalse();
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(5);
    }
  }

  @Test
  void twoProcessesGivenOneReplicaIdAreTwoHoldersAndNeverRunATenantTogether() {
    configured.set(tenants(1));
    TenantRunner first = replica("pod-7"); // one configuration file, read by both
    TenantRunner second = replica("pod-7");

    rounds(3, first, second);

    assertThat(first.holder()).startsWith("pod-7#").isNotEqualTo(second.holder());
    assertThat(first.tenants().size() + second.tenants().size()).as("tenant-1 runs in one of them").isEqualTo(1);
    Lease lease = leases.current(TenantRunner.leaseName("tenant-1")).orElseThrow();
    TenantRunner running = first.tenants().isEmpty() ? second : first;
    assertThat(lease.holder()).isEqualTo(running.holder());
    assertThat(lease.epoch()).as("taken once, never handed to the same name twice").isEqualTo(1);
  }
}
