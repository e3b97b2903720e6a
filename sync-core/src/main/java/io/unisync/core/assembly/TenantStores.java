package io.unisync.core.assembly;

import io.unisync.core.port.ActivityOutbox;
import io.unisync.core.port.CrmLinkStore;
import io.unisync.core.port.PersonStore;
import io.unisync.core.port.ReminderStore;
import io.unisync.core.port.SuppressionStore;
import io.unisync.core.port.WatermarkStore;

/**
 * Every store of one tenant on the Actions side, as an engine is wired to them. A store adapter implements it (the
 * JDBC module's {@code JdbcDatabase.stores(tenant)}); {@code SyncEngine.Builder.wiredTo} takes what it needs.
 */
public interface TenantStores {

  /** {@return the people and the sync checkpoint} */
  PersonStore people();

  /** {@return the durable queue of activities to deliver} */
  ActivityOutbox outbox();

  /** {@return who may not be e-mailed} */
  SuppressionStore suppressions();

  /** {@return how far each two-way pull has read} */
  WatermarkStore watermarks();

  /** {@return the Actions side of reminder tasks} */
  ReminderStore reminders();

  /** {@return people's CRM links} */
  CrmLinkStore crmLinks();
}
