package io.unisync.examples;

import io.unisync.core.engine.ReconcileReport;
import io.unisync.core.engine.Reconciliation;
import io.unisync.core.engine.SyncEngine;
import io.unisync.jdbc.JdbcDatabase;
import io.unisync.jdbc.JdbcSettings;
import io.unisync.jdbc.Tenant;
import io.unisync.marketo.Marketo;
import io.unisync.marketo.MarketoSettings;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Locale;

/**
 * What {@code unisync reconcile} does for one tenant. By default it starts a full reconciliation (with a census),
 * kept in the tenant's watermarks: the replica that runs the tenant carries it out with its person sync, under the
 * tenant's lease, so this command never writes a person beside a running replica. {@code --dry-run} instead reads
 * every stored person and the source's snapshot here and prints the drift, writing nothing.
 */
final class Reconcile {

  /** Dry-run passes at most: 100 batches of 300 people each, so 30 million people. */
  private static final int MAX_PASSES = 1_000;

  private Reconcile() {}

  static int run(RunConfig config, String tenantId, boolean dryRun, PrintStream out) {
    RunConfig.TenantConfig tenant = config.tenants().stream().filter(t -> t.id().equals(tenantId)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no tenant " + tenantId + " in the configuration; it has " + config.tenantIds()));
    Clock clock = Clock.systemUTC();
    try (JdbcDatabase db = JdbcDatabase.pooled(JdbcSettings.of(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword()).withMaxPoolSize(2),
        clock)) {
      if (db.pendingMigrations() > 0) {
        out.println("the tables are not there yet: start `unisync run` once first");
        return 1;
      }
      MarketoSettings settings = Runner.marketoSettings(tenant);
      Marketo marketo = Marketo.connect(settings, clock, db.callBudget(settings.callBudgetName(), settings.callLimits()));
      SyncEngine engine = SyncEngine.builder().clock(clock).wiredTo(db.stores(Tenant.of(tenantId)), marketo).build();
      if (!dryRun) {
        engine.reconciliation().start("on demand (unisync reconcile)", true);
        out.println("reconciliation of " + tenantId + " started: the replica running the tenant carries it out with its person sync;"
            + " `unisync status` shows it while it is under way");
        return 0;
      }
      long checked = 0;
      long missing = 0;
      long stale = 0;
      long extra = 0;
      long withheld = 0;
      for (int pass = 0; pass < MAX_PASSES; pass++) {
        ReconcileReport report = engine.reconciliation().run(Reconciliation.Mode.DRY_RUN);
        checked += report.checked();
        missing += report.missing();
        stale += report.stale();
        extra += report.extra();
        withheld += report.removalsWithheld();
        if (report.complete()) {
          out.printf(Locale.ROOT, "dry run of %s: %,d checked; drift: %,d missing, %,d stale, %,d extra (%,d kept for want of a readable"
              + " answer); nothing was written%n", tenantId, checked, missing, stale, extra, withheld);
          return 0;
        }
      }
      out.println("the dry run did not finish within " + MAX_PASSES + " passes");
      return 1;
    }
  }
}
