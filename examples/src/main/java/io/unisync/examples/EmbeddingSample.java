package io.unisync.examples;

import io.unisync.core.domain.Activity;
import io.unisync.core.engine.GateDecision;
import io.unisync.core.engine.SyncEngine;
import io.unisync.jdbc.JdbcDatabase;
import io.unisync.jdbc.Tenant;
import io.unisync.marketo.Marketo;
import io.unisync.marketo.MarketoSettings;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * How a host service wires Unisync with its own {@link DataSource}: the whole integration in one class.
 * The host schedules {@link #tick()} (say every minute) and calls the other methods from its request
 * handlers.
 */
public final class EmbeddingSample {

  private final SyncEngine engine;
  private final JdbcDatabase db;
  private final Tenant tenant;

  public EmbeddingSample(DataSource hostDataSource, MarketoSettings marketoSettings) {
    db = JdbcDatabase.create(hostDataSource);                   // the host's pool; Unisync never closes it
    db.migrate();                                               // explicit: tables appear only when asked
    tenant = Tenant.of("acme-marketo");                         // one Marketo instance = one tenant
    Marketo marketo = Marketo.connect(marketoSettings);          // one per Marketo instance: shared rate limit
    engine = SyncEngine.builder()
        .personSource(marketo.personSource())
        .personStore(db.personStore(tenant))
        .activityOutbox(db.activityOutbox(tenant))
        .activitySink(marketo.activitySink())
        .unsubscribeStatus(marketo.unsubscribeStatus())
        .activityHistory(marketo.activityHistory())
        .build();                                               // every configuration problem at once
  }

  /** The scheduled job: the initial sync until done, then incremental passes; then deliver activities. */
  public void tick() {
    engine.syncPersons();
    engine.activities().orElseThrow().deliver();
  }

  /** A seller sent an e-mail: record it in the host's own transaction, with the host's own change. */
  public void emailSent(Connection hostTransaction, Activity.SendSalesEmail sent) throws SQLException {
    engine.activities().orElseThrow().record(sent, db.activityOutbox(tenant).joining(hostTransaction));
  }

  /** Before the seller presses send. */
  public boolean maySend(Activity.SendSalesEmail draft) {
    return engine.emailGate().orElseThrow().check(draft.person()) instanceof GateDecision.Allowed;
  }

  public SyncEngine engine() {
    return engine;
  }
}
