package io.unisync.core.engine;

/**
 * What one {@link Reminders#sync()} call did.
 *
 * @param created reminders created in Actions from new CRM Tasks
 * @param updatedFromCrm reminders overwritten by a later CRM change
 * @param keptLocal CRM changes older than the Actions version (the Actions version wins and is pushed)
 * @param pushed reminders written to the CRM
 * @param deletedFromCrm reminders removed because their Task was deleted in the CRM
 */
public record ReminderReport(int created, int updatedFromCrm, int keptLocal, int pushed, int deletedFromCrm) {}
