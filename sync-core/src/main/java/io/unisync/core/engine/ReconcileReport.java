package io.unisync.core.engine;

import io.unisync.core.port.SnapshotPlan;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

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
 * @param progress where the whole reconciliation stands after this pass, and when it should end
 */
public record ReconcileReport(Reconciliation.Mode mode, long checked, long missing, long stale, long extra, long repaired,
    long removalsWithheld, long quarantined, long sourceCalls, boolean complete, Duration took, Progress progress) {

  /**
   * Checks the progress is present.
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
   * @param progress where the whole reconciliation stands after this pass, and when it should end
   */
  public ReconcileReport {
    Objects.requireNonNull(progress, "progress");
  }

  /**
   * Where a reconciliation stands: its plan (the verify step over the stored people, then the census when one is due)
   * and an ETA, for progress bars, status pages and alerts.
   *
   * @param step {@code verify}, {@code census} or {@code done}
   * @param verified stored people the verify step has read again so far (the whole reconciliation, across restarts)
   * @param stored people in the store now (what the verify step reads in all)
   * @param censusAhead whether a census follows the verify step (or is under way)
   * @param census the source's plan of the census under way (Marketo: export windows done and left, their ETA)
   * @param eta how long the rest should take: the verify step's remainder at this pass's pace, plus the census plan's
   *     ETA; empty while a census is ahead and not yet under way (its exports' pace is not known before), or before any
   *     pace is known
   */
  public record Progress(String step, long verified, long stored, boolean censusAhead, Optional<SnapshotPlan> census,
      Optional<Duration> eta) {

    /**
     * Checks the step, the census plan and the ETA are present.
     *
     * @param step {@code verify}, {@code census} or {@code done}
     * @param verified stored people the verify step has read again so far (the whole reconciliation, across restarts)
     * @param stored people in the store now (what the verify step reads in all)
     * @param censusAhead whether a census follows the verify step (or is under way)
     * @param census the source's plan of the census under way (Marketo: export windows done and left, their ETA)
     * @param eta how long the rest should take: the verify step's remainder at this pass's pace, plus the census plan's
     *     ETA; empty while a census is ahead and not yet under way (its exports' pace is not known before), or before
     *     any pace is known
     */
    public Progress {
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(census, "census");
      Objects.requireNonNull(eta, "eta");
    }

    /**
     * A finished reconciliation's (or one with nothing to do).
     *
     * @param stored the people stored
     * @return the progress
     */
    public static Progress done(long stored) {
      return new Progress("done", 0, stored, false, Optional.empty(), Optional.of(Duration.ZERO));
    }

    /**
     * One line for people (no personal data), e.g. "verify: 120,000 of 800,319 stored people; a census follows".
     *
     * @return the line
     */
    public String summary() {
      return switch (step) {
        case "verify" -> String.format(java.util.Locale.ROOT, "verify: %,d of %,d stored people%s", verified, stored,
            censusAhead ? "; a census follows" : "");
        case "census" -> "census: " + census.map(SnapshotPlan::summary).orElse("under way");
        default -> "done";
      };
    }
  }

  /** {@return the drift found: missing, stale and extra people} */
  public long drift() {
    return missing + stale + extra;
  }
}
