package io.unisync.examples;

import io.unisync.core.engine.ActivityOptions;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.engine.SyncRunner;
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

/** {@code unisync run}: wires everything from a {@link RunConfig} and runs it on a schedule until stopped. */
public final class Runner implements AutoCloseable {

  private final JdbcDatabase db;
  private final SyncRunner runner;
  private final SyncEngine engine;

  private Runner(JdbcDatabase db, SyncRunner runner, SyncEngine engine) {
    this.db = db;
    this.runner = runner;
    this.engine = engine;
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

  /** Connects, migrates, and starts the schedules. */
  public static Runner start(RunConfig config) {
    Clock clock = Clock.systemUTC();
    JdbcDatabase db = JdbcDatabase.pooled(JdbcSettings.of(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword()), clock);
    try {
      db.migrate();
      Tenant tenant = Tenant.of(config.tenant());
      Marketo marketo = Marketo.connect(MarketoSettings.of(config.marketoUrl(), config.marketoClientId(), config.marketoClientSecret())
          .withBulk(true, config.snapshotStart(), Duration.ofDays(31), config.bulkPoll())
          .withCreateActivityTypes(config.createActivityTypes()), clock);
      JdbcPersonStore store = db.personStore(tenant);
      SyncEngine.Builder builder = SyncEngine.builder()
          .clock(clock)
          .personSource(marketo.personSource())
          .personStore(store)
          .activityOptions(ActivityOptions.defaults().withLease(config.deliveryLease()))
          .activityOutbox(db.activityOutbox(tenant))
          .activitySink(marketo.activitySink())
          .unsubscribeStatus(marketo.unsubscribeStatus())
          .activityHistory(marketo.activityHistory())
          .suppressionStore(db.suppressionStore(tenant))
          .watermarkStore(db.watermarkStore(tenant));
      boolean withSalesforce = config.salesforce().isPresent();
      if (withSalesforce) {
        Salesforce salesforce = Salesforce.connect(SalesforceSettings.of(config.salesforceTokenUrl(),
            new SalesforceAuth.ClientCredentials(config.salesforceClientId(), config.salesforceClientSecret())), clock);
        builder.activitySink(salesforce.activitySink(tenant.id(), store, db.crmLinkStore(tenant)))
            .crmOptOuts(salesforce.crmOptOuts())
            .crmTasks(salesforce.crmTasks(store))
            .reminderStore(db.reminderStore(tenant));
      }
      SyncEngine engine = builder.build();
      ScheduledExecutorService executor = Executors.newScheduledThreadPool(4, r -> {
        Thread t = new Thread(r, "unisync-run");
        t.setDaemon(true);
        return t;
      });
      JdbcWatermarkStore health = db.watermarkStore(tenant);
      SyncRunner runner = SyncRunner.start(engine, new SyncRunner.Schedule(config.personSyncEvery(), config.deliveryEvery(),
          withSalesforce ? config.twoWayEvery() : null, withSalesforce ? config.twoWayEvery() : null, Duration.ofSeconds(30)), executor,
          clock, h -> health.put(HEALTH_PREFIX + h.operation(), describe(h)));
      return new Runner(db, runner, engine);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  public SyncEngine engine() {
    return engine;
  }

  /** How each schedule is doing (last success, last error, backoff). */
  public java.util.List<SyncRunner.Health> health() {
    return runner.health();
  }

  /** Waits up to {@code timeout} for the schedules to end; returns the {@link Error} that ended them, if one did. */
  public java.util.Optional<Error> awaitStop(Duration timeout) throws InterruptedException {
    return runner.awaitStop(timeout);
  }

  /** Stops the schedules (finishing runs in progress, up to 30 s) and closes the database pool. */
  @Override
  public void close() {
    try {
      runner.close();
    } finally {
      db.close();
    }
  }
}
