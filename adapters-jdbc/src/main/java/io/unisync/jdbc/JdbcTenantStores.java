package io.unisync.jdbc;

import io.unisync.core.assembly.TenantStores;

/**
 * Every store of one tenant in one database ({@link JdbcDatabase#stores(Tenant)}), for
 * {@code SyncEngine.builder().wiredTo(stores, ...)}.
 *
 * @param people the people and the checkpoint
 * @param outbox the activities to deliver
 * @param suppressions who may not be e-mailed
 * @param watermarks how far each two-way pull has read
 * @param reminders the Actions side of reminder tasks
 * @param crmLinks people's CRM links
 */
public record JdbcTenantStores(JdbcPersonStore people, JdbcActivityOutbox outbox, JdbcSuppressionStore suppressions,
    JdbcWatermarkStore watermarks, JdbcReminderStore reminders, JdbcCrmLinkStore crmLinks) implements TenantStores {}
