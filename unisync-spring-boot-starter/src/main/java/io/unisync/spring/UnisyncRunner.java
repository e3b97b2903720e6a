package io.unisync.spring;

import io.unisync.core.engine.SyncRunner;
import io.unisync.core.engine.TenantRunner;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the tenant's sync with the application context: starts when the context has started (after every bean is
 * ready), takes the tenant's lease (so of several replicas of the service one syncs at a time, and another takes
 * over within the lease's ttl when it dies), and on shutdown stops scheduling, waits up to
 * {@code unisync.shutdown-timeout} for the run in progress and gives the lease back at once. All of that is the
 * library's {@link TenantRunner}; this class only ties it to the context's lifecycle.
 */
public class UnisyncRunner implements SmartLifecycle {

  private final String tenant;
  private final String replicaId;
  private final Supplier<TenantRunner.Builder> runner;
  private volatile @Nullable TenantRunner running;

  /**
   * @param tenant the tenant this service runs
   * @param replicaId this replica's id
   * @param runner a configured runner, started on each {@link #start()}
   */
  public UnisyncRunner(String tenant, String replicaId, Supplier<TenantRunner.Builder> runner) {
    this.tenant = tenant;
    this.replicaId = replicaId;
    this.runner = runner;
  }

  @Override
  public synchronized void start() {
    if (running == null) {
      running = runner.get().start();
    }
  }

  @Override
  public synchronized void stop() {
    TenantRunner r = running;
    running = null;
    if (r != null) {
      r.close(); // gives the lease back at once, lets the run in progress end within the grace, ends the pool
    }
  }

  @Override
  public boolean isRunning() {
    return running != null;
  }

  /**
   * Starts after, and stops before, the lifecycle beans of lower phases. Every lifecycle stop comes before any bean is
   * destroyed, so the DataSource and the clients are still there while the run in progress finishes.
   */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 1024;
  }

  /** {@return whether this replica holds the tenant's lease (runs its sync) now} */
  public boolean leaseHeld() {
    TenantRunner r = running;
    return r != null && r.lease(tenant).isPresent();
  }

  /** {@return how the tenant's operations are doing here; empty when this replica does not run it} */
  public List<SyncRunner.Health> health() {
    TenantRunner r = running;
    return r == null ? List.of() : r.health(tenant);
  }

  /** {@return the tenant this runner runs} */
  public String tenant() {
    return tenant;
  }

  /** {@return the replica's id} */
  public String replicaId() {
    return replicaId;
  }
}
