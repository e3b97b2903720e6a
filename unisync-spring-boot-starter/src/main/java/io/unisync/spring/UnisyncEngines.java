package io.unisync.spring;

import io.unisync.core.engine.ActivityOptions;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.engine.SyncListener;
import io.unisync.core.engine.TenantRunner;
import io.unisync.core.port.Fence;
import io.unisync.jdbc.JdbcDatabase;
import io.unisync.jdbc.JdbcTenantStores;
import io.unisync.jdbc.Tenant;
import io.unisync.marketo.Marketo;
import io.unisync.salesforce.Salesforce;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * Builds the engines of the configured tenant from the database and the clients: the host-facing one (people reads,
 * recording activities, the send gate; its stores unfenced) and, for the runner, one whose every write carries the
 * tenant's lease. Declare your own bean of this type to change how engines are built.
 */
public class UnisyncEngines implements TenantRunner.Engines {

  private final JdbcDatabase db;
  private final Marketo marketo;
  private final @Nullable Salesforce salesforce;
  private final SyncListener listener;
  private final Clock clock;

  /**
   * Engines over the database and the clients.
   *
   * @param db the database
   * @param marketo the Marketo client
   * @param salesforce the Salesforce client, or {@code null}
   * @param listener hears every engine's events
   * @param clock the clock
   */
  public UnisyncEngines(JdbcDatabase db, Marketo marketo, @Nullable Salesforce salesforce, SyncListener listener, Clock clock) {
    this.db = db;
    this.marketo = marketo;
    this.salesforce = salesforce;
    this.listener = listener;
    this.clock = clock;
  }

  /**
   * The host-facing engine of {@code tenant}.
   *
   * @param tenant the tenant
   * @return the engine
   */
  public SyncEngine hostEngine(String tenant) {
    return build(Tenant.of(tenant), null);
  }

  @Override
  public SyncEngine engineFor(String tenant, Fence fence) {
    return build(Tenant.of(tenant), fence);
  }

  /**
   * One engine; every store fenced by {@code fence} when there is one.
   *
   * @param tenant the tenant
   * @param fence the fence, or {@code null}
   * @return the engine
   */
  protected SyncEngine build(Tenant tenant, @Nullable Fence fence) {
    JdbcTenantStores stores = db.stores(tenant);
    SyncEngine.Builder builder = SyncEngine.builder().clock(clock).listener(listener).activityOptions(ActivityOptions.defaults());
    if (salesforce == null) {
      builder.wiredTo(stores, marketo);
    } else {
      builder.wiredTo(stores, marketo, salesforce, tenant.id());
    }
    if (fence != null) {
      builder.fencedBy(fence);
    }
    return builder.build();
  }

  /** Opens the vendors' sessions ahead of the first call (see {@link Marketo#warmUp()}); failures are logged, not thrown. */
  public void warmUp() {
    marketo.warmUp();
    if (salesforce != null) {
      salesforce.warmUp();
    }
  }
}
