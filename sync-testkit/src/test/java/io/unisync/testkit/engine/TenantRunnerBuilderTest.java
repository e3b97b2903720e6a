package io.unisync.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unisync.core.engine.SyncEngine;
import io.unisync.core.engine.SyncRunner;
import io.unisync.core.engine.TenantRunner;
import io.unisync.core.error.ConfigurationException;
import io.unisync.core.port.PersonSource;
import io.unisync.core.port.SourcePosition;
import io.unisync.testkit.ForwardingPersonSource;
import io.unisync.testkit.InMemoryLeases;
import io.unisync.testkit.InMemoryPersonSource;
import io.unisync.testkit.InMemoryPersonStore;
import io.unisync.testkit.ManualClock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The one way to configure a runner: what it requires, the pool it owns (made, and ended by {@code close()} after the
 * runs in progress), the pool it is given (left to its owner), and its start-up tasks.
 */
class TenantRunnerBuilderTest {

  final ManualClock clock = ManualClock.startingAtEpochOf2026();
  final InMemoryLeases leases = new InMemoryLeases(clock);
  final SyncRunner.Schedule schedule = SyncRunner.Schedule.builder().personSync(Duration.ofMillis(20))
      .gracePeriod(Duration.ofSeconds(30)).build();
  final TenantRunner.Settings settings = TenantRunner.Settings.builder("replica-1", schedule).group("builder").maxTenants(2).build();

  TenantRunner.Engines engines(PersonSource source) {
    return (tenant, fence) -> SyncEngine.builder().clock(clock).personSource(source)
        .personStore(new InMemoryPersonStore(leases).fencedBy(fence)).build();
  }

  @Test
  void everyMissingPartIsListedAtOnce() {
    assertThatThrownBy(() -> TenantRunner.builder(settings).shutdownGrace(Duration.ZERO).start())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("leases are required")
        .hasMessageContaining("tenants are required")
        .hasMessageContaining("engines are required")
        .hasMessageContaining("shutdownGrace must be a positive duration");
  }

  @Test
  void closeWaitsForTheRunInProgressThenEndsThePoolItMade() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean finished = new AtomicBoolean();
    AtomicReference<Thread> worker = new AtomicReference<>();
    PersonSource blocking = new Blocking(new InMemoryPersonSource(clock), () -> {
      worker.set(Thread.currentThread());
      started.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      finished.set(true);
    });
    TenantRunner runner = TenantRunner.builder(settings).leases(leases).tenants(Set.of("acme")).engines(engines(blocking))
        .clock(clock).start();
    assertThat(started.await(10, TimeUnit.SECONDS)).as("the tenant's person sync started on the runner's own pool").isTrue();
    assertThat(worker.get().isDaemon()).as("the pool's threads never keep a JVM alive").isTrue();

    Thread releaser = new Thread(() -> {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      release.countDown();
    });
    releaser.start();
    runner.close();
    assertThat(finished).as("close() returned only after the run in progress ended").isTrue();
    worker.get().join(10_000);
    assertThat(worker.get().isAlive()).as("the pool the runner made is ended by close()").isFalse();
    assertThat(leases.current(TenantRunner.leaseName("acme")).orElseThrow().isValidAt(clock.instant()))
        .as("the lease was given back").isFalse();
  }

  @Test
  void aPoolGivenToTheBuilderIsLeftToItsOwner() {
    ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    try {
      TenantRunner runner = TenantRunner.builder(settings).leases(leases).tenants(Set.of("acme"))
          .engines(engines(new InMemoryPersonSource(clock))).executor(executor).clock(clock).create();
      runner.rebalance();
      assertThat(runner.tenants()).containsExactly("acme");
      runner.close();
      assertThat(executor.isShutdown()).isFalse();
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void startUpTasksRunOnceOnThePoolAndOneThatFailsStopsNothing() throws Exception {
    CountDownLatch ran = new CountDownLatch(2);
    TenantRunner runner = TenantRunner.builder(settings).leases(leases).tenants(Set.of("acme"))
        .engines(engines(new InMemoryPersonSource(clock))).clock(clock)
        .atStart(() -> {
          ran.countDown();
          throw new IllegalStateException("warm-up failed");
        })
        .atStart(ran::countDown)
        .start();
    try {
      assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (runner.tenants().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(runner.tenants()).containsExactly("acme");
    } finally {
      runner.close();
    }
  }

  /** A source whose first read of the current position runs {@code first} (blocks there) before answering. */
  private static final class Blocking extends ForwardingPersonSource {
    private final Runnable first;
    private final AtomicBoolean once = new AtomicBoolean();

    Blocking(PersonSource delegate, Runnable first) {
      super(delegate);
      this.first = first;
    }

    @Override
    public SourcePosition currentPosition() {
      if (once.compareAndSet(false, true)) {
        first.run();
      }
      return super.currentPosition();
    }
  }
}
