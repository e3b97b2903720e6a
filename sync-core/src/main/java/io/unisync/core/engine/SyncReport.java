package io.unisync.core.engine;

import java.time.Duration;

/**
 * What one sync call did.
 *
 * @param kind initial or incremental
 * @param read source records read
 * @param upserted people inserted or changed in the store
 * @param unchanged people read whose stored values were already equal (not rewritten)
 * @param stale upserts or removals skipped because the store held a newer source version
 * @param removed people removed from the store (lost owner, deleted, merged away)
 * @param rejected records quarantined with a reason
 * @param ineligible records read that are not eligible (no sales owner) and were not stored
 * @param changesSeen change-feed entries read (incremental only)
 * @param changesIgnored change-feed entries that touched no synced or eligibility field
 * @param commits store commits made
 * @param removalsWithheld people the feed touched whom the source's answer lacked, but who were kept because that
 *     answer was not evidence (it held a record without a readable id); see the log for their ids
 * @param elapsed wall time of the call, by the engine's clock
 * @param complete for an initial sync: the snapshot is finished; for an incremental pass: the feed was
 *     read up to "now" (no more changes were waiting when the pass ended)
 */
public record SyncReport(
    SyncKind kind,
    long read,
    long upserted,
    long unchanged,
    long stale,
    long removed,
    long rejected,
    long ineligible,
    long changesSeen,
    long changesIgnored,
    long commits,
    long removalsWithheld,
    Duration elapsed,
    boolean complete) {}
