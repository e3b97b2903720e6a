package io.unisync.core.engine;

/**
 * What one {@link OptOuts#sync()} call did.
 *
 * @param pushed Actions unsubscribes set in the CRM
 * @param suppressedFromCrm people newly suppressed because the CRM says they opted out
 * @param liftedFromCrm CRM-originated suppressions lifted because the CRM says they opted back in
 * @param refused CRM records that refused the opt-out for good (each with the CRM's reason): the person stays
 *     suppressed in Actions (the send gate blocks them), but the CRM's flag is not set; nothing retries them
 * @param quarantined CRM rows that could not be read (a modification time that is no date, no id) and were quarantined
 *     with their reason instead of failing the pass
 */
public record OptOutReport(int pushed, int suppressedFromCrm, int liftedFromCrm, java.util.List<io.unisync.core.port.CrmOptOuts.Refusal> refused,
    int quarantined) {

  /**
   * Copies the refusals.
   *
   * @param pushed Actions unsubscribes set in the CRM
   * @param suppressedFromCrm people newly suppressed because the CRM says they opted out
   * @param liftedFromCrm CRM-originated suppressions lifted because the CRM says they opted back in
   * @param refused CRM records that refused the opt-out for good (each with the CRM's reason): the person stays
   *     suppressed in Actions (the send gate blocks them), but the CRM's flag is not set; nothing retries them
   * @param quarantined CRM rows that could not be read (a modification time that is no date, no id) and were
   *     quarantined with their reason instead of failing the pass
   */
  public OptOutReport {
    refused = java.util.List.copyOf(refused);
  }

  /**
   * A report without quarantined rows.
   *
   * @param pushed unsubscribes pushed to the CRM
   * @param suppressedFromCrm people the CRM opted out
   * @param liftedFromCrm people the CRM opted in again
   * @param refused the CRM's refusals
   */
  public OptOutReport(int pushed, int suppressedFromCrm, int liftedFromCrm, java.util.List<io.unisync.core.port.CrmOptOuts.Refusal> refused) {
    this(pushed, suppressedFromCrm, liftedFromCrm, refused, 0);
  }

  /**
   * A report with no refusals.
   *
   * @param pushed unsubscribes pushed to the CRM
   * @param suppressedFromCrm people the CRM opted out
   * @param liftedFromCrm people the CRM opted in again
   */
  public OptOutReport(int pushed, int suppressedFromCrm, int liftedFromCrm) {
    this(pushed, suppressedFromCrm, liftedFromCrm, java.util.List.of());
  }
}
