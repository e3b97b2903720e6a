package io.unisync.core.engine;

/**
 * What one {@link Reminders#sync()} call did.
 *
 * @param created reminders created in Actions from new CRM Tasks
 * @param updatedFromCrm reminders overwritten by a later CRM change
 * @param keptLocal CRM changes older than the Actions version (the Actions version wins and is pushed)
 * @param pushed reminders written to the CRM
 * @param deletedFromCrm reminders removed because their Task was deleted in the CRM
 * @param quarantined CRM Tasks that could not be read (a date or time that is none) and were quarantined with their
 *     reason instead of failing the pass
 */
public record ReminderReport(int created, int updatedFromCrm, int keptLocal, int pushed, int deletedFromCrm, int quarantined) {

  /**
   * A report without quarantined Tasks.
   *
   * @param created reminders created from CRM Tasks
   * @param updatedFromCrm reminders the CRM changed
   * @param keptLocal CRM changes older than ours, not taken
   * @param pushed Actions changes pushed to the CRM
   * @param deletedFromCrm reminders whose Task the CRM deleted
   */
  public ReminderReport(int created, int updatedFromCrm, int keptLocal, int pushed, int deletedFromCrm) {
    this(created, updatedFromCrm, keptLocal, pushed, deletedFromCrm, 0);
  }
}
