package io.unisync.core.engine;

import java.time.Duration;

/**
 * What one reconciliation pass found and did.
 *
 * @param mode whether it repaired or only counted
 * @param checked stored people read again from the source and census rows compared with the store
 * @param missing eligible people in the source the store lacked (found by the census)
 * @param stale stored people whose values differed from the source's
 * @param extra stored people the source no longer has as eligible (deleted, merged away, without a sales owner)
 * @param repaired writes made (upserts and removals); 0 in a dry run
 * @param removalsWithheld stored people absent from an answer that held a record without a readable id: kept
 * @param quarantined source records that could not be read or mapped
 * @param sourceCalls calls to the source this pass made (reads and snapshot pages)
 * @param complete whether the reconciliation (or the dry run) has finished; false: the next pass goes on
 * @param took how long the pass took
 */
public record ReconcileReport(Reconciliation.Mode mode, long checked, long missing, long stale, long extra, long repaired,
    long removalsWithheld, long quarantined, long sourceCalls, boolean complete, Duration took) {

  /** The drift found: missing, stale and extra people. */
  public long drift() {
    return missing + stale + extra;
  }
}
