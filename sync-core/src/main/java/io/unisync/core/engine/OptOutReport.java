package io.unisync.core.engine;

/**
 * What one {@link SyncEngine#syncOptOuts()} call did.
 *
 * @param pushed Actions unsubscribes set in the CRM
 * @param suppressedFromCrm people newly suppressed because the CRM says they opted out
 * @param liftedFromCrm CRM-originated suppressions lifted because the CRM says they opted back in
 */
public record OptOutReport(int pushed, int suppressedFromCrm, int liftedFromCrm) {}
