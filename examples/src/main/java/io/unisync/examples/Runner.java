package io.unisync.examples;

import io.unisync.core.engine.ActivityOptions;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.engine.SyncRunner;
import io.unisync.core.engine.TenantRunner;
import io.unisync.core.port.Fence;
import io.unisync.jdbc.JdbcDatabase;
import io.unisync.jdbc.JdbcPersonStore;
import io.unisync.jdbc.JdbcSettings;
import io.unisync.jdbc.JdbcWatermarkStore;
import io.unisync.jdbc.Tenant;
import io.unisync.marketo.Marketo;
import io.unisync.marketo.MarketoSettings;
import io.unisync.salesforce.Salesforce;
import io.unisync.salesforce.SalesforceAuth;
import io.unisync.salesforce.SalesforceSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/** {@code unisync run}: wires everything from a {@link RunConfig} and runs it on a schedule until stopped. */
public final class Runner implements AutoCloseable {

  private final JdbcDatabase db;
  private final TenantRunner fleet;
  private final ScheduledExecutorService executor;
  private final SyncEngine engine;
  private final Tenant tenant;

  private Runner(JdbcDatabase db, TenantRunner fleet, ScheduledExecutorService executor, SyncEngine engine, Tenant tenant) {
    this.db = db;
    this.fleet = fleet;
    this.executor = executor;
    this.engine = engine;
    this.tenant = tenant;
  }

  /**
   * Where each schedule's state is kept for {@code unisync status} (another process): one entry per operation in the
   * tenant's watermark table, e.g. {@code run.person sync}.
   */
  static final String HEALTH_PREFIX = "run.";

  /** The operations whose state {@code unisync status} shows. */
  static final java.util.List<String> OPERATIONS = java.util.List.of("person sync", "activity delivery", "opt-out sync", "reminder sync");

  static String describe(SyncRunner.Health h) {
    String text = h.consecutiveFailures() == 0
        ? "ok, last run " + h.lastSuccess().map(Object::toString).orElse("never")
        : "FAILING since " + h.lastFailure().map(Object::toString).orElse("?") + " (" + h.consecutiveFailures() + " in a row"
            + h.notBefore().map(t -> ", next attempt after " + t).orElse("") + "): " + h.lastError().orElse("");
    return text.length() > 2_000 ? text.substring(0, 2_000) + "..." : text;
  }

  /**
   * Connects, migrates, and starts: the tenant's schedules run under a lease ({@link TenantRunner}), so several
   * {@code unisync run} processes with one configuration (replicas) never sync the same tenant at once; whichever
   * holds the lease runs it, the others take over when it stops or dies.
   */
  public static Runner start(RunConfig config) {
    Clock clock = Clock.systemUTC();
    JdbcDatabase db = JdbcDatabase.pooled(JdbcSettings.of(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword()), clock);
    try {
      db.migrate();
      Tenant tenant = Tenant.of(config.tenant());
      MarketoSettings marketoSettings = MarketoSettings.of(config.marketoUrl(), config.marketoClientId(), config.marketoClientSecret())
          .withBulk(true, config.snapshotStart(), Duration.ofDays(31), config.bulkPoll())
          .withCreateActivityTypes(config.createActivityTypes());
      // Every process calling this instance draws on one budget in the database: replicas together, and a restarted
      // process after its predecessor, stay inside the instance's limits.
      Marketo marketo = Marketo.connect(marketoSettings, clock,
          db.callBudget("marketo:" + config.marketoUrl().getAuthority(), marketoSettings.callLimits()));
      Salesforce salesforce = config.salesforce().isPresent()
          ? Salesforce.connect(SalesforceSettings.of(config.salesforceTokenUrl(),
              new SalesforceAuth.ClientCredentials(config.salesforceClientId(), config.salesforceClientSecret())), clock)
          : null;
      java.util.function.Function<Fence, SyncEngine> engines = fence -> engine(db, tenant, marketo, salesforce, config, clock, fence);
      ScheduledExecutorService executor = Executors.newScheduledThreadPool(4, r -> {
        Thread t = new Thread(r, "unisync-run");
        t.setDaemon(true);
        return t;
      });
      JdbcWatermarkStore health = db.watermarkStore(tenant);
      boolean withSalesforce = salesforce != null;
      SyncRunner.Schedule schedule = new SyncRunner.Schedule(config.personSyncEvery(), config.deliveryEvery(),
          withSalesforce ? config.twoWayEvery() : null, withSalesforce ? config.twoWayEvery() : null, Duration.ofSeconds(30));
      Duration ttl = config.replicaLease();
      TenantRunner.Settings settings = new TenantRunner.Settings("run-" + tenant.id(), config.replicaId(), ttl, ttl.dividedBy(3), 1, 64, schedule);
      TenantRunner fleet = TenantRunner.start(settings, db.leases(), () -> java.util.Set.of(tenant.id()), (t, fence) -> engines.apply(fence),
          executor, clock, (t, h) -> health.put(HEALTH_PREFIX + h.operation(), describe(h)));
      return new Runner(db, fleet, executor, engines.apply(null), tenant);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** The tenant's engine; its stores fenced by {@code fence}, or not (the host-facing engine: recording, reads, the send gate). */
  private static SyncEngine engine(JdbcDatabase db, Tenant tenant, Marketo marketo, @Nullable Salesforce salesforce, RunConfig config,
      Clock clock, @Nullable Fence fence) {
    JdbcPersonStore store = fenced(db.personStore(tenant), fence);
    SyncEngine.Builder builder = SyncEngine.builder()
        .clock(clock)
        .personSource(marketo.personSource())
        .personStore(store)
        .activityOptions(ActivityOptions.defaults().withLease(config.deliveryLease()))
        .activityOutbox(db.activityOutbox(tenant))
        .activitySink(marketo.activitySink())
        .unsubscribeStatus(marketo.unsubscribeStatus())
        .activityHistory(marketo.activityHistory())
        .suppressionStore(fence == null ? db.suppressionStore(tenant) : db.suppressionStore(tenant).fencedBy(fence))
        .watermarkStore(fence == null ? db.watermarkStore(tenant) : db.watermarkStore(tenant).fencedBy(fence));
    if (salesforce != null) {
      builder.activitySink(salesforce.activitySink(tenant.id(), store,
              fence == null ? db.crmLinkStore(tenant) : db.crmLinkStore(tenant).fencedBy(fence)))
          .crmOptOuts(salesforce.crmOptOuts())
          .crmTasks(salesforce.crmTasks(store))
          .reminderStore(fence == null ? db.reminderStore(tenant) : db.reminderStore(tenant).fencedBy(fence));
    }
    return builder.build();
  }

  private static JdbcPersonStore fenced(JdbcPersonStore store, @Nullable Fence fence) {
    return fence == null ? store : store.fencedBy(fence);
  }

  /** The host-facing engine: record activities, read people, ask the send gate. Its stores are not fenced. */
  public SyncEngine engine() {
    return engine;
  }

  /** How each schedule is doing (last success, last error, backoff); empty while another replica holds the tenant. */
  public java.util.List<SyncRunner.Health> health() {
    return fleet.health(tenant.id());
  }

  /** Whether this process holds the tenant's lease and runs its schedules. */
  public boolean runsTenant() {
    return fleet.tenants().contains(tenant.id());
  }

  /** Waits up to {@code timeout} for the schedules to end; returns the {@link Error} that ended them, if one did. */
  public java.util.Optional<Error> awaitStop(Duration timeout) throws InterruptedException {
    return fleet.awaitStop(timeout);
  }

  /** Stops the schedules and gives the lease back, lets runs in progress finish (up to 30 s), closes the pool. */
  @Override
  public void close() {
    try {
      fleet.close();
      executor.shutdown();
      if (!executor.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      db.close();
    }
  }
}
