package io.unisync.core.engine;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * Progress after each commit of a sync call; counts are cumulative for the call.
 *
 * @param kind initial or incremental
 * @param read source records read so far
 * @param upserted people written so far
 * @param removed people removed so far
 * @param rejected records quarantined so far
 * @param commits commits so far
 * @param elapsed time since the call started
 * @param estimatedTotal the source's estimate of the snapshot size, when it has one (initial sync only)
 */
public record SyncProgress(
    SyncKind kind,
    long read,
    long upserted,
    long removed,
    long rejected,
    long commits,
    Duration elapsed,
    OptionalLong estimatedTotal) {}
