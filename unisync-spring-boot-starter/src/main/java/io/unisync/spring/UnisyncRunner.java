package io.unisync.spring;

import io.unisync.core.engine.SyncRunner;
import io.unisync.core.engine.TenantRunner;
import io.unisync.core.port.Leases;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the tenant's sync with the application context: starts when the context has started (after every bean is
 * ready), takes the tenant's lease (so of several replicas of the service one syncs at a time, and another takes
 * over within the lease's ttl when it dies), and on shutdown stops scheduling, waits up to
 * {@code unisync.shutdown-timeout} for the run in progress and gives the lease back at once.
 */
public class UnisyncRunner implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(UnisyncRunner.class);

  private final TenantRunner.Settings settings;
  private final Leases leases;
  private final String tenant;
  private final TenantRunner.Engines engines;
  private final Clock clock;
  private final Duration shutdownTimeout;
  private @Nullable ScheduledExecutorService executor;
  private volatile @Nullable TenantRunner runner;

  public UnisyncRunner(TenantRunner.Settings settings, Leases leases, String tenant, TenantRunner.Engines engines, Clock clock,
      Duration shutdownTimeout) {
    this.settings = settings;
    this.leases = leases;
    this.tenant = tenant;
    this.engines = engines;
    this.clock = clock;
    this.shutdownTimeout = shutdownTimeout;
  }

  @Override
  public synchronized void start() {
    if (runner != null) {
      return;
    }
    ScheduledExecutorService pool = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "unisync-" + tenant);
      t.setDaemon(true);
      return t;
    });
    executor = pool;
    if (engines instanceof UnisyncEngines ours) {
      pool.execute(ours::warmUp); // the first send-gate check is then a read, not a token fetch plus a read, within its 1.5 s
    }
    runner = TenantRunner.start(settings, leases, () -> Set.of(tenant), engines, pool, clock,
        (name, health) -> LOG.info("Unisync {} {}: {}", name, health.operation(),
            health.consecutiveFailures() == 0 ? "ok" : "failing (" + health.consecutiveFailures() + " in a row)"));
    LOG.info("Unisync runs tenant {} as replica {}", tenant, settings.replicaId());
  }

  @Override
  public synchronized void stop() {
    TenantRunner running = runner;
    ScheduledExecutorService pool = executor;
    runner = null;
    executor = null;
    if (running != null) {
      running.close(); // stops scheduling and gives the lease back at once
    }
    if (pool != null) {
      pool.shutdown();
      try {
        if (!pool.awaitTermination(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.warn("Unisync: runs still in progress after {}; abandoning them (their work resumes on the next start)", shutdownTimeout);
          pool.shutdownNow();
        }
      } catch (InterruptedException e) {
        pool.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return runner != null;
  }

  /**
   * Starts after, and stops before, the lifecycle beans of lower phases. Every lifecycle stop comes before any bean is
   * destroyed, so the DataSource and the clients are still there while the run in progress finishes.
   */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 1024;
  }

  /** Whether this replica holds the tenant's lease (runs its sync) now. */
  public boolean leaseHeld() {
    TenantRunner r = runner;
    return r != null && r.lease(tenant).isPresent();
  }

  /** How the tenant's operations are doing here; empty when this replica does not run it. */
  public List<SyncRunner.Health> health() {
    TenantRunner r = runner;
    return r == null ? List.of() : r.health(tenant);
  }

  /** The tenant this runner runs. */
  public String tenant() {
    return tenant;
  }

  /** The replica's id. */
  public String replicaId() {
    return settings.replicaId();
  }
}
