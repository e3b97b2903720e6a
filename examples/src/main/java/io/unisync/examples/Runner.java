package io.unisync.examples;

import io.unisync.core.engine.ActivityOptions;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.engine.SyncRunner;
import io.unisync.jdbc.JdbcDatabase;
import io.unisync.jdbc.JdbcPersonStore;
import io.unisync.jdbc.JdbcSettings;
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
      SyncRunner runner = SyncRunner.start(engine, new SyncRunner.Schedule(config.personSyncEvery(), config.deliveryEvery(),
          withSalesforce ? config.twoWayEvery() : null, withSalesforce ? config.twoWayEvery() : null, Duration.ofSeconds(30)), executor);
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
