package io.unisync.examples;

import io.unisync.core.port.Destination;
import io.unisync.core.port.OutboxEntry;
import io.unisync.core.port.OutboxState;
import io.unisync.jdbc.JdbcActivityOutbox;
import io.unisync.jdbc.JdbcDatabase;
import io.unisync.jdbc.JdbcPersonStore;
import io.unisync.core.engine.Reconciliation;
import io.unisync.core.engine.TenantRunner;
import io.unisync.jdbc.JdbcSettings;
import io.unisync.jdbc.JdbcWatermarkStore;
import io.unisync.jdbc.Tenant;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;

/** What {@code unisync status} prints, read from the database alone: it never migrates or writes. */
final class Status {

  private Status() {}

  static String describe(RunConfig config) {
    StringBuilder out = new StringBuilder();
    try (JdbcDatabase db = JdbcDatabase.pooled(JdbcSettings.of(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword()).withMaxPoolSize(2))) {
      int pending = db.pendingMigrations();
      if (pending > 0) {
        // status only reads: it never creates or upgrades tables
        out.append(String.format(Locale.ROOT, "schema       %d migration(s) pending: start `unisync run` once to create or upgrade"
            + " the tables; nothing to show until then%n", pending));
        return out.toString();
      }
      for (String id : config.tenantIds()) {
        Tenant tenant = Tenant.of(id);
        JdbcPersonStore store = db.personStore(tenant);
        out.append(String.format(Locale.ROOT, "tenant       %s%n", tenant));
        out.append(String.format(Locale.ROOT, "checkpoint   %s%n", store.checkpoint()
            .map(c -> c.phase() + " (change position " + c.changePosition().value() + ")").orElse("none: the initial sync has not started")));
        store.checkpoint().map(c -> c.snapshotPosition()).filter(java.util.Objects::nonNull)
            .flatMap(p -> io.unisync.marketo.MarketoPersonSource.describe(p, java.time.Clock.systemUTC().instant(), java.time.Duration.ofDays(31)))
            .ifPresent(plan -> out.append(String.format(Locale.ROOT, "snapshot     %s%n", plan)));
        out.append(String.format(Locale.ROOT, "people       %,d stored, %,d quarantined%n", store.count(), store.quarantineCount()));
        JdbcActivityOutbox outbox = db.activityOutbox(tenant);
        for (Destination destination : Destination.values()) {
          Map<OutboxState, Long> counts = outbox.counts(destination);
          out.append(String.format(Locale.ROOT, "%-12s pending %,d, delivered %,d, dead %,d%n", destination.name().toLowerCase(Locale.ROOT),
              counts.get(OutboxState.PENDING), counts.get(OutboxState.DELIVERED), counts.get(OutboxState.DEAD)));
          for (OutboxEntry dead : outbox.deadLetters(destination, 0, 5)) {
            out.append(String.format(Locale.ROOT, "  dead letter %s: %s%n", dead.activity().id(), dead.lastError()));
          }
        }
        store.quarantined(0, 5).forEach(q -> out.append(String.format(Locale.ROOT, "  quarantined %s: %s%n", q.sourceId(), q.reason())));
        out.append(String.format(Locale.ROOT, "lease        %s%n", db.leases().current(TenantRunner.leaseName(tenant.id()))
            .map(l -> l.isValidAt(java.time.Clock.systemUTC().instant()) ? "held by " + l.holder() + " (epoch " + l.epoch() + ") until " + l.expiresAt()
                : "free (last epoch " + l.epoch() + ")")
            .orElse("never taken: no replica has run this tenant")));
        JdbcWatermarkStore run = db.watermarkStore(tenant);
        Optional<String> reconcile = run.get(Reconciliation.WATERMARK);
        out.append(String.format(Locale.ROOT, "reconcile    %s%n", reconcile.flatMap(Reconciliation::reasonIn)
            .map(reason -> "under way (" + reason + "): " + reconcile.flatMap(Reconciliation::progressIn).orElse("?"))
            .orElse("none under way")));
        for (String operation : Runner.OPERATIONS) {
          run.get(Runner.HEALTH_PREFIX + operation).ifPresent(state ->
              out.append(String.format(Locale.ROOT, "%-18s %s%n", operation, state)));
        }
      }
    }
    return out.toString();
  }
}
